import { decodeWaitCallReply, type WaitCallReply } from "../../protocol/index.js";
import { InvalidOptionError } from "../errors.js";
import type { RequestOptions } from "../options.js";
import { isErrorReply, type Transport } from "../transport.js";

/** Whose number to confirm by a call (wait_call.php, spec §6.13). */
export interface WaitCallQuery {
  /** The subscriber's number: the confirmation call will come from it. */
  phone: string;
}

/**
 * The number the subscriber has to call, and every number the call may go to. When the call comes, the service
 * calls the account's handler URL with a `waitcall` callback (`parseCallback` gives `kind: "waitcall"` and `phone`).
 */
export type WaitCallResult = WaitCallReply;

/**
 * wait_call.php: asks the service for a number the subscriber `phone` must call. It creates a request, so it is
 * not retried blindly: it moves to the next host only when the failure proves nothing was sent.
 */
export async function requestWaitCall(
  t: Transport,
  query: WaitCallQuery,
  options: RequestOptions = {},
): Promise<WaitCallResult> {
  if (typeof query?.phone !== "string" || query.phone.trim() === "")
    throw new InvalidOptionError("waitCall.phone", "must be a phone number");
  const ex = await t.firstReply("waitCall", [["phone", query.phone]], options);
  const r = decodeWaitCallReply(ex.body, 3);
  if (isErrorReply(r)) throw t.apiError(r, "waitCall", ex);
  return r;
}
