import type { ParseArgsConfig } from "node:util";
import type { SendParams } from "../../client/index.js";
import { MESSAGE_FORMATS } from "../../protocol/index.js";
import { num, str, type Values } from "../command.js";
import { UsageError } from "../exit-codes.js";

/** Flags shared by `send` and `cost`: what to send and how. */
export const MESSAGE_OPTIONS = {
  to: { type: "string", short: "t", multiple: true },
  message: { type: "string", short: "m" },
  sender: { type: "string" },
  translit: { type: "string" },
  format: { type: "string" },
  time: { type: "string" },
  subject: { type: "string" },
  maxsms: { type: "string" },
  extra: { type: "string", multiple: true },
} as const satisfies NonNullable<ParseArgsConfig["options"]>;

/** Help text of the message flags. */
export const MESSAGE_HELP = `  -t, --to <phones>       recipients (repeatable; or a "," / ";" list), or the first argument
  -m, --message <text>    the text, or the remaining arguments
  --sender <name>         sender name ("" or "." disables the default one)
  --translit <0|1|2>      transliteration
  --format <name|0-11>    ${Object.keys(MESSAGE_FORMATS).join(", ")}
  --time <when>           DDMMYYhhmm, "DD.MM.YY hh:mm", h1-h2, 0<unix>, +<minutes>
  --subject <text>        subject of an MMS or e-mail
  --maxsms <n>            at most n parts; longer texts are cut
  --extra <name=value>    any other send.php parameter (repeatable)`;

/** Reads the message flags (and positionals) into SDK send parameters. */
export function sendParamsFrom(values: Values, positionals: string[]): SendParams {
  const rest = [...positionals];
  const to = (values.to as string[] | undefined) ?? (rest.length ? [rest.shift()!] : []);
  const message = str(values, "message") ?? (rest.length ? rest.join(" ") : undefined);
  if (to.length === 0) throw new UsageError("no recipients: give --to or a first argument");
  const params: SendParams = { phones: to.join(","), ...messageOptionsFrom(values) };
  if (message !== undefined) params.message = message;
  return params;
}

/** The message flags other than recipients and text (sender, translit, format, time, subject, extra). */
export function messageOptionsFrom(values: Values): Omit<SendParams, "phones" | "message" | "list" | "id"> {
  const params: SendParams = {};
  const translit = str(values, "translit");
  if (translit !== undefined) params.translit = Number(translit) as 0 | 1 | 2;
  const format = str(values, "format");
  if (format !== undefined)
    params.format = (/^\d+$/.test(format) ? Number(format) : format) as SendParams["format"];
  for (const key of ["sender", "time", "subject"] as const) {
    const v = str(values, key);
    if (v !== undefined) params[key] = v;
  }
  const maxsms = num(values, "maxsms", (n) => Number.isInteger(n) && n > 0);
  if (maxsms !== undefined) params.maxSms = maxsms;
  const extra = values.extra as string[] | undefined;
  if (extra?.length) params.extra = extra.join("&");
  return params;
}
