/**
 * Sending SMS by e-mail (spec §7), Node only: the service's letter format written in koi8-r and handed to your
 * SMTP relay or to the service's own `send.<domain>` server, by a small built-in SMTP client.
 * @example
 * import { sendMail } from "smsc/mail";
 * await sendMail({ phones: "77011234567", message: "Код: 1234" }, { login: "me", password: "secret" });
 * @module
 */
export { composeLetter, type LetterInit, rfc5322Date } from "./compose-letter.js";
export { SmtpError, type SmtpStage } from "./errors.js";
export {
  type MailMessage,
  type MailRelay,
  type SendMailOptions,
  type SendMailResult,
  sendMail,
} from "./send-mail.js";
