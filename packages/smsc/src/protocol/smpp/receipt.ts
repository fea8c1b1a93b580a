import { MOSCOW_OFFSET_HOURS } from "../dates.js";
import { percentDecode, percentEncode } from "../form.js";
import { STATUS, type StatusCode } from "../status-codes.js";
import type { HlrFields } from "../types.js";
import { MESSAGE_STATES, type MessageStateName } from "./constants.js";

/**
 * The `stat:` words of a delivery receipt (SMPP 3.4 Appendix B), each with its message_state and the service
 * status code (spec §4.2) a client reads it as. DELETED has no service status; it reads as 20, undeliverable.
 */
export const RECEIPT_STATS = {
  ENROUTE: { state: "ENROUTE", status: STATUS.sent },
  DELIVRD: { state: "DELIVERED", status: STATUS.delivered },
  EXPIRED: { state: "EXPIRED", status: STATUS.expired },
  DELETED: { state: "DELETED", status: STATUS.undeliverable },
  UNDELIV: { state: "UNDELIVERABLE", status: STATUS.undeliverable },
  ACCEPTD: { state: "ACCEPTED", status: STATUS.sent },
  UNKNOWN: { state: "UNKNOWN", status: STATUS.notFound },
  REJECTD: { state: "REJECTED", status: STATUS.prohibited },
} as const satisfies Record<string, { state: MessageStateName; status: StatusCode }>;

/** A receipt `stat:` word. */
export type StatWord = keyof typeof RECEIPT_STATS;

/**
 * The `stat:` word the sandbox reports for each service status. Read (2) and link clicked (4) were delivered
 * first; invalid number, prohibited and no money were refused by the service (REJECTD); the rest never
 * reached a final state (ENROUTE).
 */
export const STATUS_TO_STAT = {
  "-3": "UNKNOWN",
  "-2": "ENROUTE",
  "-1": "ENROUTE",
  "0": "ENROUTE",
  "1": "DELIVRD",
  "2": "DELIVRD",
  "3": "EXPIRED",
  "4": "DELIVRD",
  "20": "UNDELIV",
  "22": "REJECTD",
  "23": "REJECTD",
  "24": "REJECTD",
  "25": "UNDELIV",
} as const satisfies Record<`${StatusCode}`, StatWord>;

/** The `stat:` word of a service status code ("UNKNOWN" for codes outside the table). */
export function statFromStatus(status: number): StatWord {
  return (STATUS_TO_STAT as Record<string, StatWord>)[String(status)] ?? "UNKNOWN";
}

/** The message_state (1–8) of a service status code. */
export function messageStateFromStatus(status: number): number {
  return MESSAGE_STATES[RECEIPT_STATS[statFromStatus(status)].state];
}

/** The service status a `stat:` word stands for, or undefined for a word outside SMPP 3.4's list. */
export function statusFromStat(stat: string): StatusCode | undefined {
  return (RECEIPT_STATS as Record<string, { status: StatusCode }>)[stat.toUpperCase()]?.status;
}

/** The service status a message_state stands for, or undefined for a value outside 1–8. */
export function statusFromMessageState(state: number): StatusCode | undefined {
  for (const r of Object.values(RECEIPT_STATS)) if (MESSAGE_STATES[r.state] === state) return r.status;
  return undefined;
}

/** The fields of a standard delivery receipt text. Dates are Unix seconds. */
export interface ReceiptText {
  id: string;
  /** Parts submitted. */
  sub: number;
  /** Parts delivered. */
  dlvrd: number;
  submitDate?: number;
  doneDate?: number;
  stat: string;
  /** The `err:` code; NaN when it is not a number. */
  err: number;
  /** The first 20 characters of the message. */
  text: string;
}

/** Options for receipt dates. */
export interface ReceiptDateOptions {
  /** Hours east of UTC the YYMMDDhhmm dates are written in: the service's Moscow time. @default 3 */
  offsetHours?: number;
}

/** Characters of the message a receipt's `text:` field repeats (SMPP 3.4 Appendix B). */
export const RECEIPT_TEXT_LENGTH = 20;

const pad = (n: number, w: number) => String(n).padStart(w, "0");

/** Formats Unix seconds as a receipt date, YYMMDDhhmm. */
export function formatReceiptDate(unix: number, offsetHours = MOSCOW_OFFSET_HOURS): string {
  const d = new Date((unix + offsetHours * 3600) * 1000);
  return (
    pad(d.getUTCFullYear() % 100, 2) +
    pad(d.getUTCMonth() + 1, 2) +
    pad(d.getUTCDate(), 2) +
    pad(d.getUTCHours(), 2) +
    pad(d.getUTCMinutes(), 2)
  );
}

/** Parses a receipt date, YYMMDDhhmm or YYMMDDhhmmss, to Unix seconds; undefined when malformed. */
export function parseReceiptDate(s: string, offsetHours = MOSCOW_OFFSET_HOURS): number | undefined {
  const m = /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?$/.exec(s);
  if (!m) return undefined;
  const [yy, mo, dd, hh, mi] = m.slice(1, 6).map(Number) as [number, number, number, number, number];
  if (mo < 1 || mo > 12 || dd < 1 || dd > 31 || hh > 23 || mi > 59) return undefined;
  return Date.UTC(2000 + yy, mo - 1, dd, hh, mi, Number(m[6] ?? 0)) / 1000 - offsetHours * 3600;
}

/**
 * Builds the standard receipt text: `id:… sub:001 dlvrd:001 submit date:YYMMDDhhmm done date:YYMMDDhhmm
 * stat:DELIVRD err:000 text:…`, with every field so Kannel, cloudhopper and Jasmin all parse it.
 * @throws RangeError when the id contains a space (receipt parsers stop the id at the first space).
 */
export function formatReceipt(
  r: Omit<ReceiptText, "submitDate" | "doneDate"> & { submitDate: number; doneDate: number },
  options: ReceiptDateOptions = {},
): string {
  if (/\s/.test(r.id)) throw new RangeError("a receipt id cannot contain spaces");
  const off = options.offsetHours ?? MOSCOW_OFFSET_HOURS;
  return (
    `id:${r.id} sub:${pad(r.sub, 3)} dlvrd:${pad(r.dlvrd, 3)} submit date:${formatReceiptDate(r.submitDate, off)} ` +
    `done date:${formatReceiptDate(r.doneDate, off)} stat:${r.stat} err:${pad(r.err, 3)} text:${Array.from(r.text).slice(0, RECEIPT_TEXT_LENGTH).join("")}`
  );
}

/**
 * Parses a standard receipt text, leniently: any case of the keys, 10- or 12-digit dates, fields missing
 * (Appendix B is only a suggestion). Returns undefined when there is no `id:` and no `stat:`.
 */
export function parseReceipt(text: string, options: ReceiptDateOptions = {}): ReceiptText | undefined {
  const off = options.offsetHours ?? MOSCOW_OFFSET_HOURS;
  const t = /(?:^|\s)text:/i.exec(text);
  const head = t ? text.slice(0, t.index) : text;
  const field = (re: RegExp) => re.exec(head)?.[1];
  const id = field(/(?:^|\s)id:(\S*)/i);
  const stat = field(/(?:^|\s)stat:(\S*)/i);
  if (id === undefined && stat === undefined) return undefined;
  const num = (v: string | undefined) => (v === undefined || v === "" ? 0 : Number.parseInt(v, 10));
  const err = field(/(?:^|\s)err:(\S*)/i);
  const submit = field(/(?:^|\s)submit date:(\d+)/i);
  const done = field(/(?:^|\s)done date:(\d+)/i);
  const out: ReceiptText = {
    id: id ?? "",
    sub: num(field(/(?:^|\s)sub:(\d+)/i)),
    dlvrd: num(field(/(?:^|\s)dlvrd:(\d+)/i)),
    stat: (stat ?? "").toUpperCase(),
    err: err === undefined ? 0 : /^\d+$/.test(err) ? Number(err) : Number.NaN,
    text: t ? text.slice(t.index + t[0].length) : "",
  };
  const submitDate = submit === undefined ? undefined : parseReceiptDate(submit, off);
  const doneDate = done === undefined ? undefined : parseReceiptDate(done, off);
  if (submitDate !== undefined) out.submitDate = submitDate;
  if (doneDate !== undefined) out.doneDate = doneDate;
  return out;
}

/** The fields of an HLR receipt (spec §8). */
export interface HlrReceiptText extends HlrFields {
  id: string;
  stat: string;
  err: number;
}

const HLR_KEYS = ["imsi", "msc", "mcc", "mnc", "cn", "net", "rcn", "rnet"] as const satisfies ReadonlyArray<
  keyof HlrFields
>;

/**
 * Builds the HLR receipt text: `id:… stat:… err:… imsi:… msc:… mcc:… mnc:… cn:… net:… rcn:… rnet:…`, the
 * values URL-encoded (UTF-8, space as "+"), err without padding, as in the service's example (spec §8).
 */
export function formatHlrReceipt(r: HlrReceiptText): string {
  const enc = (v: string) => percentEncode(v, "utf-8");
  return [`id:${r.id}`, `stat:${r.stat}`, `err:${r.err}`, ...HLR_KEYS.map((k) => `${k}:${enc(r[k])}`)].join(
    " ",
  );
}

/** Parses an HLR receipt text; undefined when it lacks `imsi:` (then it is not one). */
export function parseHlrReceipt(text: string): HlrReceiptText | undefined {
  const fields = new Map<string, string>();
  for (const token of text.trim().split(/\s+/)) {
    const colon = token.indexOf(":");
    if (colon > 0) fields.set(token.slice(0, colon).toLowerCase(), token.slice(colon + 1));
  }
  if (!fields.has("imsi")) return undefined;
  const dec = (k: string) => percentDecode(fields.get(k) ?? "", "utf-8");
  const err = fields.get("err") ?? "0";
  const out = {
    id: fields.get("id") ?? "",
    stat: (fields.get("stat") ?? "").toUpperCase(),
    err: /^\d+$/.test(err) ? Number(err) : Number.NaN,
  } as HlrReceiptText;
  for (const k of HLR_KEYS) out[k] = dec(k);
  return out;
}

/** Whether a receipt text is an HLR record rather than a standard receipt. */
export function isHlrReceipt(text: string): boolean {
  return /(?:^|\s)imsi:/i.test(text) && !/(?:^|\s)text:/i.test(text);
}
