import { decodeOperators, type OperatorInfo } from "../../protocol/index.js";
import { InvalidOptionError } from "../errors.js";
import type { RequestOptions } from "../options.js";
import type { Transport } from "../transport.js";

/** Operator look-up (info.php?get_operator=1, api-surface §2). */
export interface OperatorsResource {
  /** The operator of a number; NotFoundError (code 3) when the service does not know it. */
  lookup(phone: string, options?: RequestOptions): Promise<OperatorInfo>;
  /** The operators of several numbers in one request, in order; an unknown one has empty fields. */
  lookup(phones: readonly string[], options?: RequestOptions): Promise<OperatorInfo[]>;
}

/** The operators resource over a transport. */
export function operatorsResource(transport: Transport): OperatorsResource {
  async function lookup(phone: string | readonly string[], options?: RequestOptions) {
    const many = typeof phone !== "string";
    if (many ? phone.length === 0 || phone.some((p) => typeof p !== "string") : phone.trim() === "")
      throw new InvalidOptionError("operators.lookup", "needs a phone number or a non-empty array of them");
    // a trailing comma keeps the list form for a single number, as status.php's does (spec §4.1)
    const value = many ? phone.join(",") + (phone.length === 1 ? "," : "") : phone;
    const fields: Array<[string, string]> = [
      ["get_operator", "1"],
      ["phone", value],
    ];
    const infos = await transport.read("info", fields, (b) => decodeOperators(b, 3), options);
    return many ? infos : infos[0]!;
  }
  return { lookup } as OperatorsResource;
}
