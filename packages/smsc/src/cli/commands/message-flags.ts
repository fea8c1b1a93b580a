import type { SendParams, Smsc } from "../../client/index.js";
import { MESSAGE_FORMATS } from "../../protocol/index.js";
import { num, str, type Values } from "../command.js";
import { UsageError } from "../errors.js";
import type { Flags } from "../flags.js";

/** Flags shared by `send` and `cost`: what to send and how. */
export const MESSAGE_FLAGS = {
  to: {
    type: "string",
    short: "t",
    multiple: true,
    arg: "phones",
    help: 'recipients (repeatable; or a "," / ";" list), or the first argument',
  },
  message: { type: "string", short: "m", arg: "text", help: "the text, or the remaining arguments" },
  sender: { type: "string", arg: "name", help: 'sender name ("" or "." disables the default one)' },
  translit: { type: "string", arg: "0|1|2", help: "transliteration", complete: ["0", "1", "2"] },
  format: {
    type: "string",
    arg: "name|0-11",
    help: Object.keys(MESSAGE_FORMATS).join(", "),
    complete: Object.keys(MESSAGE_FORMATS),
  },
  time: { type: "string", arg: "when", help: 'DDMMYYhhmm, "DD.MM.YY hh:mm", h1-h2, 0<unix>, +<minutes>' },
  subject: { type: "string", arg: "text", help: "subject of an MMS or e-mail" },
  maxsms: { type: "string", arg: "n", help: "at most n parts; longer texts are cut" },
  voice: {
    type: "string",
    arg: "m|m2|w|w2",
    help: 'voice of a --format call (with -m code the service makes up the code: "code" in the result)',
    complete: ["m", "m2", "w", "w2"],
  },
  tinyurl: { type: "boolean", help: "replace the links by short links that count clicks (smsc tinyurl)" },
  rest: { type: "boolean", help: "send through REST: POST /rest/send/ with a JSON body" },
  extra: {
    type: "string",
    multiple: true,
    arg: "name=value",
    help: "any other send.php parameter (repeatable)",
  },
} as const satisfies Flags;

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
  const voice = str(values, "voice");
  if (voice !== undefined) params.voice = voice;
  if (values.tinyurl === true) params.tinyUrl = true;
  const maxsms = num(values, "maxsms", (n) => Number.isInteger(n) && n > 0);
  if (maxsms !== undefined) params.maxSms = maxsms;
  const extra = values.extra as string[] | undefined;
  if (extra?.length) params.extra = extra.join("&");
  return params;
}

/** The client of `send` and `cost`: through REST with --rest (the SDK's `transport: "rest"`). */
export async function messageClient(values: Values, client: () => Promise<Smsc>): Promise<Smsc> {
  const smsc = await client();
  return values.rest === true ? smsc.withOptions({ transport: "rest" }) : smsc;
}
