import {
  deliveryTimeParam,
  type FormatIndex,
  MESSAGE_FORMATS,
  type MessageFormat,
  type MessageId,
  OPTION_TO_PARAM,
  percentDecode,
  resolveFormat,
  type SEND_PARAMS,
  splitForm,
  splitPhones,
} from "../protocol/index.js";
import { InvalidOptionError } from "./errors.js";

/** One recipient group of a `list` send: its phones and its own text. */
export interface ListItem {
  phones: string | readonly string[];
  message: string;
}

/**
 * What to send (send.php, spec §2.1). Every field but `format` and `extra` maps to one wire parameter through
 * protocol `SEND_PARAMS`; absent fields are not sent.
 */
export interface SendParams {
  /** Recipients: a list, or one string separated by "," or ";" (`G<n>` names a contact group). */
  phones?: string | readonly string[];
  /** The text (at most 1000 characters). */
  message?: string;
  /** A text per recipient group instead of phones + message: `[{ phones, message }]` or `{ phones: message }`. */
  list?: readonly ListItem[] | Readonly<Record<string, string>>;
  /** `nl`: special mode for multi-line texts inside `list`. */
  multiline?: boolean;
  /** Client-assigned id: 1..2147483647 or up to 40 of [A-Za-z0-9._-]. `send` generates one when absent. */
  id?: MessageId;
  /** Sender name. "" and "." are sent as given and disable the account's default sender. */
  sender?: string;
  /** 0 none, 1 "translit", 2 "mpaHc". @default 0 (the service's) */
  translit?: 0 | 1 | 2;
  /** `tinyurl`: replace links by short links. */
  tinyUrl?: boolean;
  /**
   * Delivery time: a Date (sent as "0<unix>"), or a string in any documented form, passed through:
   * "DDMMYYhhmm", "DD.MM.YY hh:mm", "h1-h2", "0<unix>", "+<minutes>".
   */
  time?: string | Date;
  /** Time zone of `time` in hours relative to Moscow. */
  tz?: number;
  /** Spread a mailing over this many hours. */
  period?: number;
  /** Minutes between batches of a spread mailing. */
  freq?: number;
  /** Message format by name or by the official libraries' index 0–11. @default "sms" */
  format?: MessageFormat | FormatIndex;
  /** Voice of a call: m, m2, w, w2. */
  voice?: string;
  /** `param` of a call: "w,i,n". */
  callParams?: string;
  /** Telegram bot name. */
  bot?: string;
  /** `fileurl`: address of a file to attach. */
  fileUrl?: string;
  /** `subj`: subject of an MMS or e-mail. */
  subject?: string;
  /** Lifetime at the operator: "hh:mm" or hours (1..24). */
  valid?: string | number;
  /** `maxsms`: at most this many parts; longer texts are truncated. */
  maxSms?: number;
  /** `imgcode`: captcha code for the anti-spam check. */
  imgCode?: string;
  /** `userip`: the end user's IP for the per-IP daily limit. */
  userIp?: string;
  /** `err`: add the numbers that failed to the reply's `phones`. */
  err?: boolean;
  /** `op`: add every number with status, mcc/mnc and cost to the reply's `phones`. */
  op?: boolean;
  /** `pp`: partner id. */
  partner?: string;
  /** `smsreq`: hide the text and ask for re-confirmation after this many days. */
  smsReq?: number;
  /**
   * More wire parameters, as a record or a query string like the official libraries' `query`
   * ("valid=01:00&maxsms=3&tz=2"). They are added after the fields above.
   */
  extra?: Readonly<Record<string, string | number>> | string;
}

type OptionName = NonNullable<(typeof SEND_PARAMS)[keyof typeof SEND_PARAMS]["option"]>;
// Both directions are checked by the compiler: every SendParams field is a SEND_PARAMS option (or format/extra)
// and every option of the table has a field here.
type Mapped = Exclude<keyof SendParams, "format" | "extra">;
const _fieldsAreOptions: Record<Mapped, OptionName> = {} as Record<Mapped, Mapped>;
const _optionsAreFields: Record<OptionName, Mapped> = {} as Record<OptionName, OptionName>;
void _fieldsAreOptions;
void _optionsAreFields;

/** Wire names the SDK sets itself; `extra` may not override them. */
export const RESERVED_PARAMS: ReadonlySet<string> = new Set([
  "login",
  "psw",
  "apikey",
  "fmt",
  "charset",
  "cost",
]);

const ID_PATTERN = /^[A-Za-z0-9._-]{1,40}$/;

/** Validates a client-assigned id (spec §2.1) and returns it as wire text. */
export function checkId(id: MessageId, option = "id"): string {
  if (typeof id === "number") {
    if (!Number.isInteger(id) || id < 1 || id > 2_147_483_647)
      throw new InvalidOptionError(option, "must be an integer from 1 to 2147483647 or a string id");
    return String(id);
  }
  if (typeof id !== "string" || !ID_PATTERN.test(id))
    throw new InvalidOptionError(option, "must be at most 40 characters of A-Z a-z 0-9 . _ -");
  return id;
}

/** The phones of a send, as a flat list (from `phones` and from `list`), for status look-ups. */
export function phonesOf(p: SendParams): string[] {
  const out =
    p.phones === undefined ? [] : typeof p.phones === "string" ? splitPhones(p.phones) : [...p.phones];
  if (p.list) for (const item of listItems(p.list)) out.push(...splitPhones(joinPhones(item.phones)));
  return out;
}

/**
 * Maps send parameters to wire fields, only through protocol OPTION_TO_PARAM; `format` becomes its flag and
 * `extra` is appended. Types are checked here; values the service validates (phones, dates) are left to it so
 * that callers get the service's own error codes.
 */
export function buildSendFields(p: SendParams, where = "send"): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const [key, value] of Object.entries(p)) {
    if (value === undefined || key === "format" || key === "extra") continue;
    const wire = OPTION_TO_PARAM[key];
    if (wire === undefined) throw new InvalidOptionError(`${where}.${key}`, "is not a send parameter");
    out.push([wire, wireValue(key, value, where)]);
  }
  if (p.format !== undefined) {
    let name: MessageFormat;
    try {
      name = resolveFormat(p.format);
    } catch (e) {
      throw new InvalidOptionError(`${where}.format`, (e as Error).message);
    }
    const f = MESSAGE_FORMATS[name];
    if (f.param !== null) out.push([f.param, f.value]);
  }
  if (p.extra !== undefined) out.push(...extraFields(p.extra, `${where}.extra`));
  return out;
}

function wireValue(key: string, v: unknown, where: string): string {
  const option = `${where}.${key}`;
  switch (key) {
    case "phones":
      if (typeof v === "string") return v;
      if (Array.isArray(v) && v.every((x) => typeof x === "string")) return v.join(",");
      throw new InvalidOptionError(option, "must be a string or an array of strings");
    case "list":
      return listItems(v as SendParams["list"] & object)
        .map((i) => `${joinPhones(i.phones)}:${i.message}`)
        .join("\n");
    case "time":
      if (v instanceof Date) {
        if (Number.isNaN(v.getTime())) throw new InvalidOptionError(option, "is an invalid Date");
        return deliveryTimeParam(v);
      }
      break;
    case "translit":
      if (v !== 0 && v !== 1 && v !== 2) throw new InvalidOptionError(option, "must be 0, 1 or 2");
      return String(v);
    case "id":
      return checkId(v as MessageId, option);
  }
  if (typeof v === "boolean") return v ? "1" : "0";
  if (typeof v === "number" && Number.isFinite(v)) return String(v);
  if (typeof v === "string") return v;
  throw new InvalidOptionError(option, "must be a string, a finite number or a boolean");
}

function listItems(list: NonNullable<SendParams["list"]>): ListItem[] {
  if (Array.isArray(list)) return list as ListItem[];
  return Object.entries(list as Record<string, string>).map(([phones, message]) => ({ phones, message }));
}

function joinPhones(p: string | readonly string[]): string {
  return typeof p === "string" ? p : p.join(",");
}

/** Reads `extra` (a record, or a raw query string as the official libraries take it) into wire fields. */
export function extraFields(
  extra: NonNullable<SendParams["extra"]>,
  option = "extra",
): Array<[string, string]> {
  const pairs: Array<[string, string]> =
    typeof extra === "string"
      ? // a raw query string: "+" and %XX mean what they would in the libraries' verbatim request
        splitForm(extra.replace(/^[?&]+/, "")).map(([k, v]) => [
          percentDecode(k, "utf-8"),
          percentDecode(v, "utf-8"),
        ])
      : Object.entries(extra).map(([k, v]) => [k, String(v)]);
  for (const [k] of pairs)
    if (RESERVED_PARAMS.has(k)) throw new InvalidOptionError(option, `may not set "${k}", the SDK sets it`);
  return pairs;
}
