import type { Endpoint, ErrorReply, FormFields } from "../../protocol/index.js";
import type { RequestOptions } from "../options.js";
import { isErrorReply, type Transport } from "../transport.js";

/**
 * Reads a list script through the transport (retried like every read). Error 3, "nothing found" on get.php, is
 * an empty list, not an exception: an empty page of history or incoming SMS is an answer.
 */
export function readList<T>(
  transport: Transport,
  endpoint: Endpoint,
  fields: FormFields,
  decode: (body: string) => T[] | ErrorReply,
  options: RequestOptions = {},
): Promise<T[]> {
  return transport.read(
    endpoint,
    fields,
    (body) => {
      const r = decode(body);
      return isErrorReply(r) && r.code === 3 ? [] : r;
    },
    options,
  );
}

/** A `start`/`end` day: a Date (its Moscow day) or "DD.MM.YYYY" as given. */
export type DayInput = Date | string;
