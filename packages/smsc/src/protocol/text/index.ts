export {
  type Estimate,
  type EstimateOptions,
  estimate,
  FORMAT_COUNTING,
  MAX_MESSAGE_LENGTH,
  PART_LIMITS,
  type TextEncoding,
} from "./estimate.js";
export {
  GSM_BASIC,
  GSM_ESCAPE,
  GSM_EXTENSION,
  type GsmExtensionChar,
  gsmBasicCode,
  gsmExtensionChar,
  gsmExtensionCode,
  gsmSeptets,
} from "./gsm-alphabet.js";
export {
  decodeGsm7,
  encodeGsm7,
  isGsm7,
} from "./gsm-codec.js";
export { PhoneNumberError } from "./phone-number-error.js";
export {
  normalizePhone,
  PHONE_COUNTRIES,
  PHONE_DIGITS,
  type PhoneNumber,
  parsePhone,
  parsePhoneList,
  splitPhones,
} from "./phones.js";
export {
  TRANSLIT_LATIN,
  TRANSLIT_LOOKALIKE,
  TRANSLIT_PUNCTUATION,
  type TranslitMode,
  transliterate,
} from "./transliterate.js";
