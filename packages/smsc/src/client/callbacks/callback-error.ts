import { SmscError } from "../errors.js";

/** A callback body could not be read: not a form, JSON or XML body, or none of the known kinds. */
export class CallbackError extends SmscError {
  override name = "CallbackError";
}
