import { readFileSync } from "node:fs";
import {
  type Estimate,
  estimate,
  type FormatIndex,
  type MessageFormat,
  PART_LIMITS,
} from "../../protocol/index.js";
import { type Command, num, str } from "../command.js";
import { UsageError } from "../errors.js";
import { fieldList } from "../json-fields.js";
import { MESSAGE_FLAGS } from "./message-flags.js";

/** `smsc segments`: how a text is split and billed, offline (the protocol's estimate(), as the service counts). */
export const segments: Command = {
  name: "segments",
  summary: "encoding, parts and the characters that force UCS-2 (offline)",
  usage: `"<text>" [flags]`,
  flags: {
    translit: { ...MESSAGE_FLAGS.translit, help: "count the text as send.php's translit would send it" },
    format: MESSAGE_FLAGS.format,
    maxsms: { type: "string", arg: "n", help: "cut to at most n parts, as send.php's maxsms does" },
    file: {
      type: "string",
      arg: "path",
      help: 'read the text from a file ("-" for stdin) instead of the argument',
      complete: "file",
    },
  },
  fields: fieldList<Estimate>()([
    "text",
    "encoding",
    "parts",
    "length",
    "remaining",
    "ucs2Chars",
    "truncated",
    "cost",
    "characters",
    "tooLong",
    "partLimit",
    "invalid",
  ]),
  notes: `Part sizes: GSM-7 ${PART_LIMITS.gsm7.single}/${PART_LIMITS.gsm7.multi} septets, UCS-2 ${PART_LIMITS.ucs2.single}/${PART_LIMITS.ucs2.multi} code units, binary ${PART_LIMITS.binary.single}/${PART_LIMITS.binary.multi} bytes (one part / each part of several).`,
  examples: [
    'smsc segments "Your code: 1234"',
    'smsc segments "Сәлем, әлем!" --json',
    'smsc segments "Привет" --translit 1',
    "smsc segments --file message.txt --maxsms 3",
  ],
  offline: true,
  async run({ values, positionals }) {
    const file = str(values, "file");
    const text = file !== undefined ? readFileSync(file === "-" ? 0 : file, "utf8") : positionals.join(" ");
    if (file === undefined && positionals.length === 0)
      throw new UsageError('segments needs a text: smsc segments "<text>"');
    const translit = num(values, "translit", (n) => n === 0 || n === 1 || n === 2) as 0 | 1 | 2 | undefined;
    const maxsms = num(values, "maxsms", (n) => Number.isInteger(n) && n >= 0);
    const f = str(values, "format");
    const format = (f === undefined ? undefined : /^\d+$/.test(f) ? Number(f) : f) as
      | MessageFormat
      | FormatIndex
      | undefined;
    try {
      return estimate(text, {
        ...(translit !== undefined ? { translit } : {}),
        ...(format !== undefined ? { format } : {}),
        ...(maxsms !== undefined ? { maxsms } : {}),
      });
    } catch (e) {
      throw new UsageError((e as Error).message);
    }
  },
  human: (r: Estimate) => {
    const unit = r.encoding === "gsm7" ? "septets" : r.encoding === "ucs2" ? "UTF-16 units" : "bytes";
    const lines = [
      `encoding: ${r.encoding === "gsm7" ? "GSM-7" : r.encoding === "ucs2" ? "UCS-2" : "binary"}`,
      `parts: ${r.parts.length}${r.partLimit ? ` (${r.partLimit} ${unit} each)` : ""}`,
      `length: ${r.length} ${unit}, ${r.remaining} left in the last part; ${r.characters} characters`,
    ];
    if (r.ucs2Chars.length)
      lines.push(`UCS-2 because of: ${r.ucs2Chars.map((c) => JSON.stringify(c)).join(" ")}`);
    if (r.truncated) lines.push("truncated by --maxsms");
    if (r.tooLong) lines.push("too long: the service refuses texts over 1000 characters (error 1)");
    if (r.invalid) lines.push(`invalid: ${r.invalid}`);
    if (r.parts.length > 1)
      for (const [i, p] of r.parts.entries()) lines.push(`  ${i + 1}: ${JSON.stringify(p)}`);
    return lines.join("\n");
  },
};
