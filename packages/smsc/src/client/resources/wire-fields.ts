import {
  decodeDoneReply,
  decodeIdReply,
  type Endpoint,
  type ErrorReply,
  type FieldTable,
  type FormFields,
} from "../../protocol/index.js";
import { InvalidOptionError, NotFoundError } from "../errors.js";
import type { RequestOptions } from "../options.js";
import type { Transport } from "../transport.js";

/**
 * Maps an SDK object to wire fields through a protocol field table (the one place names are converted): lists are
 * joined with commas, booleans are 1/0, a Date is dd.mm.yyyy; absent fields are not sent, others are type-checked.
 */
export function wireFields(table: FieldTable, values: object, where: string): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const [key, v] of Object.entries(values)) {
    if (v === undefined) continue;
    const f = table[key];
    if (!f) throw new InvalidOptionError(`${where}.${key}`, "is not a field of this request");
    out.push([f.wire, wireValue(v, `${where}.${key}`)]);
  }
  return out;
}

function wireValue(v: unknown, option: string): string {
  if (Array.isArray(v)) return v.map((x) => wireValue(x, option)).join(",");
  if (v instanceof Date) {
    if (Number.isNaN(v.getTime())) throw new InvalidOptionError(option, "is an invalid Date");
    const p = (n: number) => String(n).padStart(2, "0");
    return `${p(v.getDate())}.${p(v.getMonth() + 1)}.${v.getFullYear()}`;
  }
  if (typeof v === "boolean") return v ? "1" : "0";
  if (typeof v === "number" && Number.isFinite(v)) return String(v);
  if (typeof v === "string") return v;
  throw new InvalidOptionError(option, "must be a string, a finite number, a boolean or a list of them");
}

/** Per-call options of a call that changes state: never retried blindly, since a lost reply may hide a change. */
export const once = (options: RequestOptions = {}): RequestOptions => ({ ...options, maxRetries: 0 });

/** A call that creates a record: its id. Not retried (https://github.com/smsc-kz/smsc/blob/main/docs/sdk.md "Address book"). */
export async function create(
  t: Transport,
  endpoint: Endpoint,
  fields: FormFields,
  options?: RequestOptions,
): Promise<number> {
  return (await t.read(endpoint, fields, (b) => decodeIdReply(b, 3), once(options))).id;
}

/** A call that changes or deletes records. Not retried. */
export async function change(
  t: Transport,
  endpoint: Endpoint,
  fields: FormFields,
  options?: RequestOptions,
): Promise<void> {
  await t.read(endpoint, fields, (b) => decodeDoneReply(b, 3), once(options));
}

/** A listing read (retried as reads are); the service's "nothing found" (error 3) is an empty list. */
export async function list<T>(
  t: Transport,
  endpoint: Endpoint,
  fields: FormFields,
  decode: (body: string) => T[] | ErrorReply,
  options?: RequestOptions,
): Promise<T[]> {
  try {
    return await t.read(endpoint, fields, decode, options);
  } catch (e) {
    if (e instanceof NotFoundError) return [];
    throw e;
  }
}
