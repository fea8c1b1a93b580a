/**
 * The service's e-mail interface (spec §7): where letters go, and the letter text's two layouts.
 * @module
 */
export {
  decodeMailBody,
  encodeMailBody,
  type MailBody,
  MailBodyError,
  type MailBodyFields,
  type MailBodyForm,
} from "./letter-body.js";
export {
  type MailCredentials,
  type MailRequest,
  mailBodyToRequest,
  unwrapTextTags,
} from "./letter-request.js";
export {
  mailHost,
  mailRecipient,
  SMTP_INTERFACE,
} from "./smtp-interface.js";
