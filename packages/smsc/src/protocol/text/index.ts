export * from "./estimate.js";
export * from "./gsm-alphabet.js";
export * from "./gsm-codec.js";
export * from "./phone-number-error.js";
export * from "./phones.js";
export * from "./transliterate.js";
