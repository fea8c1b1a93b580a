import { SmscError } from "../client/errors.js";

/** Where in the SMTP dialogue a failure happened. */
export type SmtpStage = "greeting" | "ehlo" | "starttls" | "auth" | "mail" | "rcpt" | "data" | "message";

/**
 * An SMTP server refused a step of the dialogue. `code` is the SMTP reply code (e.g. 535, 552), not a service
 * error code; a letter the service itself rejected with `ERROR = N (…)` is thrown as the SDK's ApiError instead.
 */
export class SmtpError extends SmscError {
  override name = "SmtpError";
  /** The SMTP reply code. */
  readonly code: number;
  /** The step that failed. */
  readonly stage: SmtpStage;
  /** The server's reply text, with the password, API key and relay password masked (a relay may quote them). */
  readonly response: string;
  /** Whether a retry can never succeed (5xx) rather than may later (4xx). */
  readonly permanent: boolean;
  constructor(stage: SmtpStage, code: number, response: string) {
    super(`smsc: SMTP ${stage} refused: ${code} ${response}`);
    this.stage = stage;
    this.code = code;
    this.response = response;
    this.permanent = code >= 500;
  }
}
