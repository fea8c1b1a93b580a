import type { Endpoint, ErrorReply, FormFields } from "../../protocol/index.js";
import { ConnectionError } from "../errors.js";
import { type CallSettings, isErrorReply, namingHosts, type Transport } from "../transport.js";

/**
 * A call that changes state (add, change, pay, buy…): sent once. It moves to the next host only when a failure
 * proves nothing reached the service; any other failure is thrown as it is (ConnectionError with `maybeSent`),
 * because repeating it could do it twice. Reads use `transport.read`, which retries.
 */
export async function writeCall<T>(
  t: Transport,
  endpoint: Endpoint,
  fields: FormFields,
  decode: (body: string) => T | ErrorReply,
  call: CallSettings = {},
): Promise<T> {
  try {
    const ex = await t.firstReply(endpoint, fields, call);
    const r = decode(ex.body);
    if (isErrorReply(r)) throw t.apiError(r, endpoint, ex);
    return r;
  } catch (e) {
    throw e instanceof ConnectionError ? namingHosts(endpoint, e) : e;
  }
}

/** A reply that only says the request was done: anything but an error. */
export const done =
  (decodeError: (body: string) => ErrorReply | undefined) =>
  (body: string): true | ErrorReply =>
    decodeError(body) ?? true;
