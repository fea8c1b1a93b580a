import type { SEND_ERRORS } from "../error-codes.js";

/** A phone number the service would refuse. `code` is send.php's error for it (7, invalid phone number format). */
export class PhoneNumberError extends Error {
  /** send.php's error code for a bad number. */
  readonly code = 7 as const satisfies keyof typeof SEND_ERRORS;
  /** The number as given. */
  readonly input: string;
  /** Why it is invalid, in plain English. */
  readonly reason: string;

  constructor(input: string, reason: string) {
    super(`invalid phone number ${JSON.stringify(input)}: ${reason}`);
    this.name = "PhoneNumberError";
    this.input = input;
    this.reason = reason;
  }
}
