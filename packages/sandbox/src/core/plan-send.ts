import {
  CLIENT_ID_PATTERN,
  CONTACT_PLACEHOLDERS,
  type CostMode,
  type ErrorReply,
  estimate,
  formatFromParams,
  isSendParam,
  MAX_MESSAGE_LENGTH,
  type MessageFormat,
  parseCostMode,
  parsePhone,
  REQUEST_LIMITS,
  round2,
  SEND_PARAM_RANGES,
  toMessageId,
} from "smsc/protocol";
import { apiError } from "./api-error.js";
import { resolveSendAt } from "./delivery-time.js";
import { magicNumber } from "./magic-numbers.js";
import { digest } from "./md5.js";
import type { PriceTable } from "./tariffs.js";
import type { Pause } from "./turn-budget.js";
import type { Account } from "./types.js";

/** One recipient of a planned send. */
export interface PlannedRecipient {
  /** Digits (or the address for e-mail / Telegram). */
  phone: string;
  text: string;
  comment: string;
  parts: number;
  cost: number;
  /** The final status and err the message ends in instead of going out (black list, unregistered sender). */
  refused?: Refusal;
}

/** A contact's fields by placeholder (`%name%` → "Aigerim"). */
export type Placeholders = Readonly<Record<string, string>>;

/** An address of a group member, with its contact's fields. */
export interface BookEntry {
  address: string;
  fields: Placeholders;
}

/** A message that must not go out: the status (23, prohibited) and err it ends in. */
export interface Refusal {
  status: number;
  err: number;
}

/**
 * What an account's address book and sender names tell a send (phones.php, senders.php), injected by the core.
 * Without one, `G<n>` is no recipient and nobody is refused.
 */
export interface RecipientBook {
  /**
   * The members of group `G<n>`: their phone numbers (e-mail addresses for `mail`), each with its contact's fields
   * by placeholder; undefined when there is no such group.
   */
  group(accountId: number, n: number, kind: "phone" | "mail"): BookEntry[] | undefined;
  /** The fields of the contact a number belongs to, by placeholder (`%name%` → …), for the text. */
  contact(accountId: number, address: string): Placeholders | undefined;
  /** Why a message to this address must not go out, if it must not. */
  refusal(
    accountId: number,
    address: string,
    send: { mass: boolean; sender: string; format: MessageFormat },
  ): Refusal | undefined;
}

/** A validated send, not stored yet. */
export interface SendPlan {
  /** The client's own id, when it gave one (id=0 means none). */
  clientId?: string;
  costMode: CostMode;
  format: MessageFormat;
  sender: string;
  sendAt: number;
  recipients: PlannedRecipient[];
  /** Numbers that failed validation, as given. */
  invalid: string[];
  cnt: number;
  cost: number;
  /** op=1: details of every number; err=1: of the bad ones. */
  details: "none" | "all" | "errors";
  /** The code voiced by a `mes=code` call (spec §2.6). */
  code?: string;
  /** The send's documented parameters without credentials, for storage and duplicate detection. */
  params: Record<string, string>;
}

/** Parameters that do not change what a send is (credentials and reply shape), for duplicate detection. */
const NOT_IDENTITY = new Set(["login", "psw", "apikey", "fmt", "charset", "cost"]);
const SECRET = new Set(["login", "psw", "apikey"]);

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
const TELEGRAM = /^(#\d+|@?[A-Za-z][A-Za-z0-9_]{3,31})$/;

/** The contact placeholders of a text (`%name%`, …; https://github.com/smsc-kz/smsc/blob/main/docs/protocol.md "Address book"). */
const PLACEHOLDERS = new RegExp(Object.keys(CONTACT_PLACEHOLDERS).join("|"), "g");
const PLACEHOLDER = new RegExp(PLACEHOLDERS.source);

/** Formats that need no text. */
const TEXTLESS = new Set<MessageFormat>(["hlr", "ping"]);

/** Formats whose text is no readable text for links: bytes, nothing, or read out in a call (https://github.com/smsc-kz/smsc/blob/main/docs/protocol.md). */
const UNLINKED = new Set<MessageFormat>(["bin", "binHex", "hlr", "ping", "call"]);

/** What planSend works with. */
export interface PlanContext {
  now: number;
  prices: PriceTable;
  random: () => number;
  allocateId: () => string;
  /** Called between recipients; a big send waits for what it returns (core/turn-budget.ts). */
  pause: Pause;
  /** Replaces the links of a text by short links (given when the request has tinyurl=1). */
  shorten?: (text: string) => string;
  /** Groups, contacts, the black list and sender names (core/recipient-book.ts). */
  book?: RecipientBook;
}

/**
 * Validates a send.php request and works out recipients, parts and price; writes nothing. The order of the checks
 * decides which error wins when several apply: parameters (1), date (5), numbers (7). A request over
 * `REQUEST_LIMITS.maxRecipients` is error 1 before any number is looked at, and the work on the rest is sliced
 * (`ctx.pause`), so a big send leaves room for other requests.
 */
export async function planSend(
  account: Account,
  raw: Record<string, string>,
  ctx: PlanContext,
): Promise<SendPlan | { error: ErrorReply }> {
  const params: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw)) if (isSendParam(k) && !SECRET.has(k)) params[k] = v;
  const get = (name: string) => params[name];
  let clientId: string | undefined;
  // errors 3, 6, 7, 8 carry an id: the client's own, else a freshly consumed server id
  const fail = (code: number, withId = false) => ({
    error: apiError(code, "send", withId ? toMessageId(clientId ?? ctx.allocateId()) : undefined),
  });

  const rawId = (get("id") ?? "").trim();
  if (rawId !== "" && rawId !== "0") {
    if (!CLIENT_ID_PATTERN.test(rawId)) return fail(1);
    clientId = rawId;
  }
  const costMode = parseCostMode(get("cost"));
  const format = formatFromParams(get);
  const translit = (["1", "2"].includes(get("translit") ?? "") ? Number(get("translit")) : 0) as 0 | 1 | 2;
  const maxsms = partLimit(get("maxsms"));
  if (maxsms === null || !inRanges(get)) return fail(1);

  const items = listItems(get("list"), get("phones"), get("mes"));
  if (items === undefined || items === "too many") return fail(1);
  for (const item of items) {
    if (tooLong(item.mes)) return fail(1);
    if (item.mes === "" && !TEXTLESS.has(format) && !(format === "mms" || format === "mail")) return fail(1);
  }
  if ((format === "mms" || format === "mail") && items.some((i) => i.mes === "" && !get("subj")))
    return fail(1);

  const tzRaw = (get("tz") ?? "").trim();
  if (tzRaw !== "" && !/^[+-]?\d{1,2}$/.test(tzRaw)) return fail(5);
  const timeRaw = get("time");
  const sendAt = resolveSendAt(timeRaw?.trim() === "" ? undefined : timeRaw, Number(tzRaw || 0), ctx.now);
  if (sendAt === undefined) return fail(5);

  const recipients: PlannedRecipient[] = [];
  const invalid: string[] = [];
  const book = ctx.book;
  let grouped = false;
  let code: string | undefined;
  for (const item of items) {
    await ctx.pause();
    let mes = item.mes;
    let comment = "";
    // "\n~~~\n" separates a comment from the text (spec §2.1 [INF]); for binary it introduces pid/dcs instead
    const sep = mes.indexOf("\n~~~\n");
    if (sep >= 0 && format !== "bin" && format !== "binHex") {
      comment = mes.slice(sep + 5);
      mes = mes.slice(0, sep);
    }
    // the service sends (and bills) the text with its short links in it (docs/protocol.md "Short links")
    if (ctx.shorten && get("tinyurl") === "1" && !UNLINKED.has(format)) mes = ctx.shorten(mes);
    if (format === "call" && mes === "code") {
      code ??= String(1000 + Math.floor(ctx.random() * 9000));
      mes = code;
    }
    const measure = (text: string) => {
      const est = estimate(text, { translit, format, ...(maxsms ? { maxsms } : {}) });
      return est.invalid !== undefined
        ? undefined
        : {
            text: TEXTLESS.has(format) ? "" : est.text,
            parts: TEXTLESS.has(format) ? 1 : Math.max(1, est.parts.length),
          };
    };
    const plain = measure(mes);
    // bad hex in bin=2, a character that is no byte in bin=1: the service refuses the text (error 1)
    if (plain === undefined) return fail(1);
    const personal = book !== undefined && PLACEHOLDER.test(mes);
    const seen = new Set<string>();
    const add = (given: string, known?: Placeholders): boolean => {
      const phone = recipientAddress(given, format);
      if (phone === undefined) return false;
      if (seen.has(phone)) return true;
      seen.add(phone);
      const fields = personal ? (known ?? book.contact(account.id, phone)) : undefined;
      const m = (fields && measure(mes.replace(PLACEHOLDERS, (p) => fields[p] ?? ""))) || plain;
      // each recipient is priced by its own zone, from the table get_price lists (docs/sandbox.md "Prices"); a
      // premium magic range costs a multiple of it
      const premium = magicNumber(phone)?.premium ?? 1;
      const cost = round2(m.parts * ctx.prices.unitPrice(phone, format) * premium);
      recipients.push({ phone, text: m.text, comment, parts: m.parts, cost });
      return true;
    };
    for (const given of item.phones) {
      await ctx.pause();
      const g = book && /^G(\d{1,9})$/i.exec(given);
      if (!g) {
        if (!add(given)) invalid.push(given);
        continue;
      }
      const members = book.group(account.id, Number(g[1]), format === "mail" ? "mail" : "phone");
      if (members === undefined) invalid.push(given);
      else {
        grouped = true;
        for (const m of members) {
          await ctx.pause();
          add(m.address, m.fields);
        }
      }
    }
  }
  if (recipients.length === 0) return invalid.length ? fail(7, true) : fail(1);

  const sender = get("sender") === undefined ? account.sender : get("sender") === "." ? "" : get("sender")!;
  if (book) {
    // a send to a group, or to several numbers, is a mailing; one number is a single message (docs/protocol.md)
    const mass = grouped || recipients.length > 1;
    for (const r of recipients) {
      const refused = book.refusal(account.id, r.phone, { mass, sender, format });
      if (refused) Object.assign(r, { refused, cost: 0 });
    }
  }
  const details = get("op") === "1" ? "all" : get("err") === "1" ? "errors" : "none";
  const plan: SendPlan = {
    costMode,
    format,
    sender,
    sendAt,
    recipients,
    invalid,
    // a refused message is not sent: neither counted nor paid
    cnt: recipients.reduce((n, r) => n + (r.refused ? 0 : r.parts), 0),
    cost: round2(recipients.reduce((n, r) => n + r.cost, 0)),
    details,
    params,
  };
  // set afterwards, not spread into the literal: a literal that starts with a spread is built slowly, on every send
  if (clientId !== undefined) plan.clientId = clientId;
  if (code !== undefined) plan.code = code;
  return plan;
}

/**
 * The duplicate-detection key of a send or cost request: account + its parameters except credentials and reply
 * shape, hashed so that a minute of 100-recipient sends does not keep their phone lists in memory.
 */
export function identityKey(accountId: number, params: Record<string, string>): string {
  const names = Object.keys(params)
    .filter((k) => !NOT_IDENTITY.has(k) && !(k === "id" && params[k]!.trim() === "0"))
    .sort();
  // each name and value with its length before it: no two parameter sets hash the same text
  const pieces: string[] = [];
  for (const k of names) pieces.push(`${k.length}:${k}${params[k]!.length}:`, params[k]!);
  return `${accountId}:${digest(pieces)}`;
}

/** One line of `list` (or `phones` + `mes`): its recipients as given, and its text. */
interface Item {
  phones: string[];
  mes: string;
}

/**
 * `phones` + `mes`, or the lines of `list` ("phones:message" per line); undefined when neither is given or a line
 * has no ":", "too many" past `REQUEST_LIMITS.maxRecipients` recipients (counted as given, before any is parsed, and
 * without splitting more of the value than that).
 */
function listItems(
  list: string | undefined,
  phones: string | undefined,
  mes: string | undefined,
): Item[] | "too many" | undefined {
  let left: number = REQUEST_LIMITS.maxRecipients;
  const take = (value: string): string[] | "too many" => {
    const given = splitGiven(value, left);
    if (given === "too many") return given;
    left -= given.length;
    return given;
  };
  if (list !== undefined && list.trim() !== "") {
    const items: Item[] = [];
    // lines end at "\n", a "\r" before it dropped (as split(/\r?\n/) does)
    for (let start = 0; start <= list.length; ) {
      const nl = list.indexOf("\n", start);
      const end = nl < 0 ? list.length : nl;
      const line = list.slice(start, end > start && list[end - 1] === "\r" && nl >= 0 ? end - 1 : end);
      start = end + 1;
      if (line.trim() === "") continue;
      const colon = line.indexOf(":");
      if (colon < 0) return undefined;
      // a line carries one recipient at least, so there are no more lines than recipients
      if (items.length === REQUEST_LIMITS.maxRecipients) return "too many";
      const given = take(line.slice(0, colon));
      if (given === "too many") return given;
      items.push({ phones: given, mes: line.slice(colon + 1) });
    }
    return items;
  }
  if (phones === undefined) return undefined;
  const given = take(phones);
  if (given === "too many") return given;
  return given.length === 0 ? undefined : [{ phones: given, mes: mes ?? "" }];
}

/**
 * The items of a `phones` value split on "," and ";" (spec §2.1), trimmed, empty ones dropped: protocol
 * `splitPhones`, stopping with "too many" once more than `max` are found.
 */
function splitGiven(value: string, max: number): string[] | "too many" {
  const out: string[] = [];
  const separator = /[,;]/g;
  for (let start = 0; ; ) {
    const m = separator.exec(value);
    const end = m ? m.index : value.length;
    const item = value.slice(start, end).trim();
    if (item !== "") {
      if (out.length === max) return "too many";
      out.push(item);
    }
    if (!m) return out;
    start = end + 1;
  }
}

/** `maxsms`: undefined for none (absent, empty, 0), the part count, or null for anything but a whole number. */
function partLimit(raw: string | undefined): number | undefined | null {
  const v = raw?.trim() ?? "";
  if (v === "") return undefined;
  // digits past 2^53 (Infinity from 309 of them) are no part count: a parameters error, not a crash
  if (!/^\d{1,15}$/.test(v)) return null;
  return Number(v) === 0 ? undefined : Number(v);
}

/** Whether `valid`, `period` and `freq`, when given, are numbers inside their documented ranges (spec §2.1). */
function inRanges(get: (name: string) => string | undefined): boolean {
  const R = SEND_PARAM_RANGES;
  const within = (n: number, r: { min: number; max: number }) => n >= r.min && n <= r.max;
  const valid = get("valid")?.trim() ?? "";
  if (valid !== "") {
    const m = /^(\d{1,2})(?::(\d{2}))?$/.exec(valid);
    if (!m || Number(m[2] ?? 0) > 59 || !within(Number(m[1]) * 60 + Number(m[2] ?? 0), R.validMinutes))
      return false;
  }
  const period = get("period")?.trim() ?? "";
  if (period !== "" && !(/^\d{1,3}(\.\d{1,3})?$/.test(period) && within(Number(period), R.periodHours)))
    return false;
  const freq = get("freq")?.trim() ?? "";
  return freq === "" || (/^\d{1,4}$/.test(freq) && within(Number(freq), R.freqMinutes));
}

/** Whether a text is longer than MAX_MESSAGE_LENGTH code points; a huge text is refused without counting it all. */
function tooLong(text: string): boolean {
  if (text.length <= MAX_MESSAGE_LENGTH) return false;
  // a code point takes one or two UTF-16 units
  if (text.length > 2 * MAX_MESSAGE_LENGTH) return true;
  return countCodePoints(text) > MAX_MESSAGE_LENGTH;
}

/** The longest recipient looked at: an e-mail address has at most 254 characters (RFC 5321 §4.5.3.1.3). */
const MAX_ADDRESS = 254;

/** A recipient as stored: digits for phone formats, the address for e-mail and Telegram; undefined when invalid. */
function recipientAddress(given: string, format: MessageFormat): string | undefined {
  // no regular expression ever sees a megabyte of junk
  if (given.length > MAX_ADDRESS) return undefined;
  if (format === "mail") return EMAIL.test(given) ? given : undefined;
  if (format === "tg" && TELEGRAM.test(given)) return given;
  return parsePhone(given)?.digits;
}

function countCodePoints(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}
