import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import type { ConnectionOptions } from "node:tls";
import { ApiError, InvalidOptionError } from "../client/errors.js";
import type { SmscLogger } from "../client/logger.js";
import { Redactor } from "../client/redact.js";
import { readEnv } from "../client/runtime.js";
import {
  type Charset,
  DEFAULT_DOMAIN,
  DOMAINS,
  type Domain,
  decodeError,
  decodeSendReply,
  deliveryTimeParam,
  encodeMailBody,
  type MailBodyForm,
  type MessageFormat,
  mailHost,
  mailRecipient,
  normalizeCharset,
  type SendReply,
  SMTP_INTERFACE,
} from "../protocol/index.js";
import { composeLetter } from "./compose-letter.js";
import { SmtpError } from "./errors.js";
import { deliver, type SmtpTarget } from "./smtp-client.js";

/** What to send: the fields of the service's letter text (spec §7). */
export interface MailMessage {
  /** Numbers, as a list or a `,`/`;` separated string. Leave out with `list`. */
  phones?: string | readonly string[];
  /** Message text; colons and line breaks are fine. */
  message?: string;
  /** Per-number texts, `phones:message` lines, instead of phones and message. */
  list?: string;
  /** Client-assigned message id. */
  id?: string | number;
  /** Delivery time: a Date, or a send.php `time` string (DDMMYYhhmm, 0<unix>, +minutes, h1-h2). */
  time?: Date | string;
  /** Time zone of a `time` string, hours relative to Moscow. */
  tz?: number;
  /** 0 none, 1 translit, 2 mpaHc. @default 0 */
  translit?: 0 | 1 | 2;
  /** Message format by name or library index 0–11. @default "sms" */
  format?: MessageFormat | number;
  /** Sender name. @default the account's default sender */
  sender?: string;
  /** Virtual send: checked and recorded, not delivered and not charged (https://github.com/smsc-kz/smsc/blob/main/docs/protocol.md "SMTP"). @default false */
  test?: boolean;
}

/** The SMTP server that takes the letter. */
export interface MailRelay {
  /** Host name or IP. */
  host: string;
  /** @default 465 when `secure`, else 587 (25 for the service's own server) */
  port?: number;
  /** TLS from the first byte (port 465). @default true on port 465 */
  secure?: boolean;
  /** STARTTLS: use it when offered, demand it, or never. @default "opportunistic" */
  starttls?: "opportunistic" | "required" | "never";
  /** SMTP AUTH (PLAIN or LOGIN). Never logged. */
  auth?: { user: string; pass: string; method?: "PLAIN" | "LOGIN" };
  /** TLS settings, e.g. `{ ca }` or `{ rejectUnauthorized: false }` for a test relay. */
  tls?: ConnectionOptions;
}

/** Options of {@link sendMail}: who sends, and how the letter travels. Explicit options win over environment. */
export interface SendMailOptions {
  /** Account login. Not needed with `apiKey`. @default process.env.SMSC_LOGIN */
  login?: string;
  /** Password or its lower-case hex MD5. @default process.env.SMSC_PASSWORD */
  password?: string;
  /** API key instead of login and password (written with an empty login, spec §1.4). @default process.env.SMSC_API_KEY */
  apiKey?: string;
  /** Brand domain: the letter goes to `send@send.<domain>`. @default "smsc.kz" */
  domain?: Domain;
  /** Your SMTP relay. @default the service's own server `send.<domain>`, port 25, no AUTH (spec §7) */
  relay?: MailRelay;
  /** Envelope and header sender; relays usually demand your own mailbox. @default process.env.SMSC_MAIL_FROM or "api@<domain>" */
  from?: string;
  /** Recipient. @default "send@send.<domain>" */
  to?: string;
  /** Charset of the letter. @default "koi8-r" (the service's default for letters) */
  charset?: Charset;
  /** Letter text layout: the documented long form, or the libraries' short one (no tz, no test). @default "long" */
  form?: MailBodyForm;
  /** Subject; the service ignores it. @default "" */
  subject?: string;
  /** Name given in EHLO. @default the machine's host name when it has a dot, else "localhost" */
  heloName?: string;
  /** Milliseconds the whole SMTP dialogue may take. @default 30000 */
  timeout?: number;
  /** Aborts the dialogue. */
  signal?: AbortSignal;
  /** Receives the SMTP dialogue; AUTH lines and the letter (which holds the password) are masked. */
  logger?: SmscLogger;
  /** Clock for the Date header. @default () => new Date() */
  now?: () => Date;
}

/** What the SMTP server said when it took the letter. */
export interface SendMailResult {
  /** The letter's Message-ID, without angle brackets. */
  messageId: string;
  /** The server's final reply to DATA, e.g. `OK - 1 SMS, ID - 12` from the sandbox. */
  response: string;
  /** The reply decoded as a send.php answer, when the server answered in that shape (the sandbox does). */
  reply?: SendReply;
}

/**
 * Sends SMS by e-mail (spec §7): writes the service's letter text, in koi8-r by default, and hands it to your
 * SMTP relay or straight to `send.<domain>:25`. Resolves once the server accepted the letter. A server reply
 * carrying a service error (`ERROR = 2 (authorise error)`) rejects with the SDK's ApiError subclass; other
 * refusals with {@link SmtpError}; network failures with ConnectionError/TimeoutError.
 * @example
 * await sendMail({ phones: "77011234567", message: "Код: 1234" }, { login: "me", password: "secret" });
 */
export async function sendMail(message: MailMessage, options: SendMailOptions = {}): Promise<SendMailResult> {
  const domain = options.domain ?? DEFAULT_DOMAIN;
  if (!(DOMAINS as readonly string[]).includes(domain))
    throw new InvalidOptionError("domain", `must be one of ${DOMAINS.join(", ")}`);
  const charset = normalizeCharset(options.charset ?? SMTP_INTERFACE.defaultCharset);
  if (!charset) throw new InvalidOptionError("charset", "must be koi8-r, windows-1251 or utf-8");
  const text = letterText(message, options);
  const from = options.from ?? readEnv("SMSC_MAIL_FROM") ?? `api@${domain}`;
  const to = options.to ?? mailRecipient(domain);
  const messageId = `${randomUUID()}@${from.slice(from.lastIndexOf("@") + 1) || "localhost"}`;
  const data = composeLetter({
    from,
    to,
    subject: options.subject ?? "",
    text,
    charset,
    date: (options.now ?? (() => new Date()))(),
    messageId,
  });
  let final: Awaited<ReturnType<typeof deliver>>;
  try {
    final = await deliver(target(domain, options, redactorFor(options, charset)), { from, to: [to], data });
  } catch (e) {
    throw serviceError(e);
  }
  const response = final.lines.join("\n");
  const reply = decodeSendReply(response, 0);
  return { messageId, response, ...("error" in reply ? {} : { reply }) };
}

function letterText(m: MailMessage, o: SendMailOptions): string {
  const explicitLogin = o.login !== undefined || o.password !== undefined;
  const apikey = o.apiKey ?? (explicitLogin ? undefined : readEnv("SMSC_API_KEY"));
  const login = o.login ?? readEnv("SMSC_LOGIN");
  const psw = o.password ?? readEnv("SMSC_PASSWORD");
  if (apikey === undefined && !login)
    throw new InvalidOptionError("login", "is required (or apiKey; env SMSC_LOGIN / SMSC_API_KEY)");
  if (apikey === undefined && !psw)
    throw new InvalidOptionError("password", "is required with login (env SMSC_PASSWORD)");
  try {
    return encodeMailBody(
      {
        ...(apikey !== undefined ? { apikey } : { login, psw }),
        ...(m.phones !== undefined ? { phones: m.phones } : {}),
        ...(m.message !== undefined ? { mes: m.message } : {}),
        ...(m.list !== undefined ? { list: m.list } : {}),
        ...(m.id !== undefined ? { id: m.id } : {}),
        ...(m.time !== undefined
          ? { time: m.time instanceof Date ? deliveryTimeParam(m.time) : m.time }
          : {}),
        ...(m.tz !== undefined ? { tz: m.tz } : {}),
        ...(m.translit !== undefined ? { translit: m.translit } : {}),
        ...(m.format !== undefined ? { format: m.format } : {}),
        ...(m.sender !== undefined ? { sender: m.sender } : {}),
        ...(m.test !== undefined ? { test: m.test } : {}),
      },
      o.form ?? "long",
    );
  } catch (e) {
    // encodeMailBody names the field and never shows its value
    if (e instanceof RangeError) throw new InvalidOptionError("message", e.message);
    throw e;
  }
}

/**
 * Masks the account's password or API key (the letter carries them) and the relay's password (AUTH carries it) in
 * whatever the relay answers: a relay that quotes the letter or the AUTH line in its refusal must not put them into
 * SmtpError or the log.
 */
function redactorFor(o: SendMailOptions, charset: Charset): Redactor {
  const auth = o.relay?.auth;
  const secrets = [o.password ?? readEnv("SMSC_PASSWORD"), o.apiKey ?? readEnv("SMSC_API_KEY"), auth?.pass];
  const plain = auth
    ? [btoa(String.fromCharCode(...new TextEncoder().encode(`\0${auth.user}\0${auth.pass}`)))]
    : [];
  return new Redactor(secrets, [charset], plain);
}

function target(domain: string, o: SendMailOptions, redactor: Redactor): SmtpTarget {
  const r = o.relay;
  const secure = r?.secure ?? r?.port === 465;
  const port = r?.port ?? (r ? (secure ? 465 : 587) : SMTP_INTERFACE.port);
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    throw new InvalidOptionError("relay.port", "must be 1–65535");
  const timeout = o.timeout ?? 30_000;
  if (!(timeout > 0)) throw new InvalidOptionError("timeout", "must be a positive number of milliseconds");
  const host = machineName();
  return {
    host: r?.host ?? mailHost(domain),
    port,
    secure,
    starttls: r?.starttls ?? "opportunistic",
    ...(r?.tls ? { tls: r.tls } : {}),
    ...(r?.auth ? { auth: r.auth } : {}),
    name: o.heloName ?? (host.includes(".") ? host : "localhost"),
    timeout,
    ...(o.signal ? { signal: o.signal } : {}),
    ...(o.logger ? { logger: o.logger } : {}),
    redactor,
  };
}

function machineName(): string {
  try {
    return hostname();
  } catch {
    return "localhost";
  }
}

/** Turns a final DATA refusal that carries a service error into the SDK's ApiError (the sandbox words it so). */
function serviceError(e: unknown): unknown {
  if (!(e instanceof SmtpError) || e.stage !== "message") return e;
  // a malformed-letter refusal adds a second line with the reason; the service's words are the first
  const reply = decodeError(e.response.split("\n")[0]!, 0);
  return reply ? ApiError.from(reply, "send", e.response) : e;
}
