import type { OperatorInfo } from "../../protocol/index.js";
import type { Command } from "../command.js";
import { UsageError } from "../errors.js";
import { fieldList } from "../json-fields.js";

/** `smsc operator`: the operator of one or more numbers (info.php?get_operator). */
export const operator: Command = {
  name: "operator",
  summary: "operator, country and region of phone numbers (info.php get_operator)",
  usage: "<phone> [phone…]",
  flags: {},
  notes:
    "One number prints one record; several (or a comma list) are asked in one request, one record each.\nAn unknown operator is service error 3 (exit 13).",
  fields: fieldList<OperatorInfo>()(["phone", "country", "operator", "region", "mcc", "mnc", "tz", "extra"]),
  examples: ["smsc operator 77011234567", "smsc operator 77011234567 79161234567 --json phone,operator"],
  async run({ positionals, client }) {
    const phones = positionals.flatMap((p) => p.split(",")).filter((p) => p.trim() !== "");
    if (phones.length === 0) throw new UsageError("operator needs a phone number");
    const smsc = await client();
    return phones.length === 1 && !positionals[0]!.includes(",")
      ? smsc.operators.lookup(phones[0]!)
      : smsc.operators.lookup(phones);
  },
  human: (r: OperatorInfo | OperatorInfo[], style) =>
    (Array.isArray(r) ? r : [r])
      .map((i) =>
        i.operator === ""
          ? `${i.phone ?? ""}: ${style.dim("operator not known")}`
          : `${i.phone ?? ""}: ${style.bold(i.operator)}, ${i.country}${i.region ? `, ${i.region}` : ""} (mcc ${i.mcc}, mnc ${i.mnc}, tz MSK${i.tz >= 0 ? "+" : ""}${i.tz})`,
      )
      .join("\n"),
};
