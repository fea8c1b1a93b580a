import { MESSAGE_FORMATS, type MessageFormat, resolveFormat } from "../message-formats.js";

/**
 * The two layouts of the letter text (spec §7): `long` is the documented
 * `<login>:<psw>:<id>:<time>,<tz>:<translit>,<format>,<sender>,<test>:<phones>:<mes>`; `short` is what the
 * official libraries send, `login:psw:id:time:translit,format,sender:phones:message` (no tz, no test).
 */
export type MailBodyForm = "long" | "short";

/** The fields of a letter text exactly as written, before any meaning is given to them. */
export interface MailBody {
  /** Client login; empty when `psw` holds the API key. */
  login: string;
  /** Password (or its MD5), or the API key when `login` is empty. */
  psw: string;
  /** Client-assigned message id, or "". */
  id: string;
  /** Delivery time in any send.php `time` form, or "". */
  time: string;
  /** Time zone of `time` relative to Moscow, or "". */
  tz: string;
  /** send.php `translit` value, or "". */
  translit: string;
  /** The libraries' format index (spec §2.3) as written, or "". */
  format: string;
  /** Sender name, or "". */
  sender: string;
  /** The `<test>` flag as written, or "". */
  test: string;
  /** Numbers, or "" for the per-number form. */
  phones: string;
  /** Message text (everything after the phones field), or "" in the per-number form. */
  mes: string;
  /** The per-number `list` (lines `phones:message`), or "" when `phones` is given. */
  list: string;
  /** Which layout the text used: long when it carried `,<tz>` or a fourth option (`<test>`). */
  form: MailBodyForm;
}

/** What a letter text can say, in SDK terms, for {@link encodeMailBody}. */
export interface MailBodyFields {
  /** Client login. Leave out (or empty) with `apikey`. */
  login?: string;
  /** Password or its lower-case hex MD5. */
  psw?: string;
  /** API key instead of login and password: written into the psw field with an empty login (spec §1.4). */
  apikey?: string;
  /** Numbers, as a list or a `,`/`;` separated string. Leave out with `list`. */
  phones?: string | readonly string[];
  /** Message text; may contain ':' and line breaks. */
  mes?: string;
  /** Per-number texts (`phones:message` lines) instead of phones and mes. */
  list?: string;
  /** Client-assigned message id. */
  id?: string | number;
  /** Delivery time in a send.php `time` form (prefer `0<unix timestamp>`, which has no ':'). */
  time?: string;
  /** Time zone of `time`, hours relative to Moscow (long form only). */
  tz?: number | string;
  /** 0 none, 1 translit, 2 mpaHc. @default 0 */
  translit?: number | string;
  /** Message format by name or library index; only formats with a library index fit the letter. @default "sms" */
  format?: MessageFormat | number;
  /** Sender name. */
  sender?: string;
  /** Virtual send (long form only): see https://github.com/smsc-kz/smsc/blob/main/docs/protocol.md "SMTP". @default false */
  test?: boolean;
}

/** Thrown by {@link decodeMailBody} for a text that is not in the letter format. Never carries secrets. */
export class MailBodyError extends Error {
  override readonly name = "MailBodyError";
}

// "DD.MM.YY hh:mm" (spec §2.2) is the one `time` form with a colon; it is recognised whole so the colon
// does not end the field (our choice, docs/protocol.md "SMTP").
const DATED_TIME = /^\s*(\d{1,2}\.\d{1,2}\.(?:\d{4}|\d{2}) \d{1,2}:\d{2})\s*(?=[,:])/;

/**
 * Reads a letter text in either layout, and the per-number form (`…::<list>`). Leading white space and the
 * trailing line breaks of the letter are dropped; the message is everything after the phones field, colons
 * included. Throws {@link MailBodyError} naming the missing field.
 */
export function decodeMailBody(text: string): MailBody {
  let rest = text.replace(/^\s+/, "").replace(/[\r\n]+$/, "");
  const take = (field: string): string => {
    const i = rest.indexOf(":");
    if (i < 0) throw new MailBodyError(`letter text has too few fields: no ':' after its ${field} field`);
    const value = rest.slice(0, i);
    rest = rest.slice(i + 1);
    return value;
  };
  const login = take("login").trim();
  const psw = take("password");
  const id = take("id").trim();
  let time: string;
  let tz = "";
  let long = false;
  const dated = DATED_TIME.exec(rest);
  if (dated) {
    time = dated[1]!;
    rest = rest.slice(dated[0].length);
    const tail = take("time").trim();
    if (tail.startsWith(",")) [long, tz] = [true, tail.slice(1).trim()];
    else if (tail !== "") throw new MailBodyError("letter time field is not time,tz");
  } else {
    const timeField = take("time");
    const comma = timeField.indexOf(",");
    time = (comma < 0 ? timeField : timeField.slice(0, comma)).trim();
    if (comma >= 0) [long, tz] = [true, timeField.slice(comma + 1).trim()];
  }
  const options = take("options").split(",");
  if (options.length > 4)
    throw new MailBodyError("letter options field has more than translit,format,sender,test");
  const [translit = "", format = "", sender = "", test = ""] = options.map((o) => o.trim());
  if (options.length === 4) long = true;
  const phones = take("phones").trim();
  return {
    login,
    psw,
    id,
    time,
    tz,
    translit,
    format,
    sender,
    test,
    phones,
    mes: phones === "" ? "" : rest,
    list: phones === "" ? rest : "",
    form: long ? "long" : "short",
  };
}

/**
 * Writes a letter text. The long form (the default) is the documented one and carries `tz` and `test`; the
 * short form is the libraries' and refuses them. Throws RangeError naming (never showing) a field whose value
 * would break the layout, e.g. a ':' in the password.
 */
export function encodeMailBody(fields: MailBodyFields, form: MailBodyForm = "long"): string {
  const login = fields.apikey !== undefined ? "" : (fields.login ?? "");
  const psw = fields.apikey ?? fields.psw ?? "";
  const phones = typeof fields.phones === "string" ? fields.phones : (fields.phones ?? []).join(",");
  const time = fields.time ?? "";
  const tz = fields.tz === undefined ? "" : String(fields.tz);
  const sender = fields.sender ?? "";
  const name = resolveFormat(fields.format ?? "sms");
  const index = MESSAGE_FORMATS[name].index;
  if (index === null)
    throw new RangeError(`format "${name}" has no library index and cannot be sent by e-mail`);
  if (fields.apikey === undefined && login === "") throw new RangeError("login (or apikey) is required");
  if (psw === "") throw new RangeError(fields.apikey !== undefined ? "apikey is empty" : "psw is required");
  if ((phones === "") === (fields.list === undefined || fields.list === ""))
    throw new RangeError("give either phones (with mes) or list");
  noneOf(":", { login, psw, id: String(fields.id ?? ""), tz, phones });
  noneOf(":,", { translit: String(fields.translit ?? ""), sender });
  if (time.includes(":") && !DATED_TIME.test(`${time}:`)) throw new RangeError("time must not contain ':'");
  if (time.includes(",")) throw new RangeError("time must not contain ','");
  if (/^\s|[\r\n]/.test(login))
    throw new RangeError("login must not start with white space or hold line breaks");
  if (/[\r\n]/.test(psw)) throw new RangeError("psw must not hold line breaks");
  const translit = String(fields.translit ?? 0);
  const head = `${login}:${psw}:${fields.id ?? ""}`;
  let opts: string;
  if (form === "long") {
    opts = `${time},${tz}:${translit},${index},${sender},${fields.test ? 1 : 0}`;
  } else {
    if (tz !== "" || fields.test) throw new RangeError("the short form carries neither tz nor test");
    opts = `${time}:${translit},${index},${sender}`;
  }
  return phones === "" ? `${head}:${opts}::${fields.list}` : `${head}:${opts}:${phones}:${fields.mes ?? ""}`;
}

function noneOf(chars: string, values: Record<string, string>): void {
  for (const [field, value] of Object.entries(values))
    for (const c of chars)
      if (value.includes(c)) throw new RangeError(`${field} must not contain '${c}' in a letter text`);
}
