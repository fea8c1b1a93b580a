import { FORMAT_BY_INDEX, MESSAGE_FORMATS } from "../message-formats.js";
import type { SendParam } from "../send-params.js";
import type { MailBody } from "./letter-body.js";
import { SMTP_INTERFACE } from "./smtp-interface.js";

/** The credentials a letter carries: login and password, or the API key when the login field is empty. */
export type MailCredentials = { login: string; psw: string } | { apikey: string };

/** A letter translated into a send.php request. */
export interface MailRequest {
  /** Who sends. */
  credentials: MailCredentials;
  /** send.php wire parameters with decoded text values; empty fields are left out. */
  params: Partial<Record<SendParam, string>>;
  /** The `<test>` flag: a virtual send (https://github.com/smsc-kz/smsc/blob/main/docs/protocol.md "SMTP"). */
  test: boolean;
}

/** Values meaning "not set" in the numeric fields: the libraries write 0 for an absent id, time and format. */
const UNSET = new Set(["", "0"]);

/**
 * Gives a decoded letter text its send.php meaning. The `<format>` field is the libraries' index (spec §2.3);
 * an index outside 0–11 or a `<test>` other than 0/1 is a parameters error (code 1), returned as a reason
 * (never showing the password).
 */
export function mailBodyToRequest(body: MailBody): MailRequest | { code: 1; reason: string } {
  const credentials: MailCredentials =
    body.login === "" ? { apikey: body.psw } : { login: body.login, psw: body.psw };
  const params: Partial<Record<SendParam, string>> = {};
  if (body.phones !== "") {
    params.phones = body.phones;
    params.mes = body.mes;
  } else params.list = body.list;
  if (!UNSET.has(body.id)) params.id = body.id;
  if (!UNSET.has(body.time)) params.time = body.time;
  if (body.tz !== "") params.tz = body.tz;
  if (body.translit !== "") params.translit = body.translit;
  if (body.sender !== "") params.sender = body.sender;
  if (!UNSET.has(body.format)) {
    const name = /^\d{1,2}$/.test(body.format) ? FORMAT_BY_INDEX[Number(body.format)] : undefined;
    if (name === undefined) return { code: 1, reason: `unknown format index "${body.format}"` };
    const f = MESSAGE_FORMATS[name];
    if (f.param !== null) params[f.param] = f.value;
  }
  if (!["", "0", "1"].includes(body.test)) return { code: 1, reason: `test must be 0 or 1` };
  return { credentials, params, test: body.test === "1" };
}

/**
 * Takes the letter text out of `[text]…[/text]` (spec §7). Text before `[text]` is kept only when it ends with
 * the fields' last ':' (the tags wrap just the message); otherwise it is mail decoration and dropped. A text
 * without the tags is returned as is.
 */
export function unwrapTextTags(text: string): string {
  const open = text.indexOf(SMTP_INTERFACE.textOpen);
  if (open < 0) return text;
  const start = open + SMTP_INTERFACE.textOpen.length;
  const close = text.indexOf(SMTP_INTERFACE.textClose, start);
  const inner = close < 0 ? text.slice(start) : text.slice(start, close);
  const before = text.slice(0, open);
  return /:[ \t]*$/.test(before) ? before.slice(before.lastIndexOf("\n") + 1) + inner : inner;
}
