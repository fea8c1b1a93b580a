/**
 * `smsc/compat`: the official SMSC libraries' functions with their exact return shapes (arrays of strings as
 * `explode(",")` gives them), so 1C, PHP and Python code ports line by line. They speak fmt=1 on the wire, like
 * the libraries, through the SDK's transport. New code should use the `Smsc` client instead.
 * @module
 */
import { ConnectionError, INSPECT, InvalidOptionError, resolveOptions, Transport } from "../client/index.js";
import type { SendMailOptions } from "../mail/index.js";
import {
  type Charset,
  type Domain,
  deliveryTimeParam,
  ENDPOINTS,
  type Endpoint,
  type MessageFormat,
} from "../protocol/index.js";
import { debugBalance, debugCost, debugSend, debugStatus } from "./debug-messages.js";
import { commandFields, costFields, sendFields, statusFields } from "./fields.js";

/** The Node-only SMTP sender, imported lazily by send_sms_mail. */
const MAIL_MODULE: string = "smsc/mail";

/** Options of `new SMSC(options)`. */
export interface SMSCOptions {
  /** Account login (the libraries' SMSC_LOGIN). @default process.env.SMSC_LOGIN */
  login?: string;
  /** Password or its lower-case MD5 (SMSC_PASSWORD). @default process.env.SMSC_PASSWORD */
  password?: string;
  /** Use HTTPS (SMSC_HTTPS). The libraries default to http; this port defaults to https. @default true */
  https?: boolean;
  /**
   * Charset of requests and replies (SMSC_CHARSET), sent as `charset`. The 1C and PHP libraries default to
   * windows-1251, Python, Java, C#, Ruby, Perl and Node to utf-8; this port follows the majority. @default "utf-8"
   */
  charset?: Charset;
  /** Print the libraries' debug messages, in Russian (SMSC_DEBUG). @default false */
  debug?: boolean;
  /** Base URL or failover list, replacing smsc.kz and its mirrors. @default process.env.SMSC_BASE_URL */
  baseUrl?: string | readonly string[];
  /** Brand domain. @default "smsc.kz" */
  domain?: Domain;
  /** Where debug messages go. @default console.log */
  logger?: (message: string) => void;
  /** The fetch implementation (e.g. bound to a proxy). @default globalThis.fetch */
  fetch?: typeof fetch;
  /** Milliseconds per HTTP attempt. @default 30000 */
  timeout?: number;
  /** How send_sms_mail's letter travels (relay, from, charset…). @default straight to send.<domain>:25, koi8-r */
  mail?: Omit<SendMailOptions, "login" | "password" | "apiKey" | "domain">;
}

/** What a time argument may be: the libraries' strings, or a Date (sent as "0<unix>"). */
export type CompatTime = string | number | Date;

/**
 * The official libraries' API. Every method resolves (network failures give the libraries' fictive answer,
 * `["", ""]`, or `false` for the balance); only invalid arguments reject.
 *
 * @example
 * ```ts
 * import { SMSC } from "smsc/compat";
 * const smsc = new SMSC({ login: "login", password: "password" });
 * const [id, cnt, cost, balance] = await smsc.send_sms("77011234567", "Ваш пароль: 123", 1);
 * ```
 */
export class SMSC {
  readonly #transport: Transport;
  readonly #debug: boolean;
  readonly #log: (message: string) => void;
  readonly #mail: SendMailOptions;

  constructor(options: SMSCOptions = {}) {
    const { debug, logger, mail, ...rest } = options;
    this.#mail = {
      ...mail,
      ...(rest.login !== undefined ? { login: rest.login } : {}),
      ...(rest.password !== undefined ? { password: rest.password } : {}),
      ...(rest.domain !== undefined ? { domain: rest.domain } : {}),
    };
    this.#transport = new Transport(resolveOptions({ ...rest, maxRetries: 0 }));
    this.#debug = debug === true;
    const print = logger ?? ((m: string) => console.log(m));
    // the debug messages quote the service's reply, which a peer that echoes the request fills with the password
    this.#log = (m) => print(this.#transport.redact(m));
  }

  /** util.inspect / console.log: the hosts, the login and the settings, never a secret. */
  [INSPECT](_depth: number, options: unknown, inspect?: (v: unknown, o?: unknown) => string): string {
    return `SMSC ${inspect ? inspect(this.toJSON(), options) : JSON.stringify(this.toJSON())}`;
  }

  /** JSON.stringify: what util.inspect shows, secrets masked. */
  toJSON(): Record<string, unknown> {
    const relay = this.#mail.relay;
    return {
      ...this.#transport.toJSON(),
      debug: this.#debug,
      ...(relay
        ? { mailRelay: `${relay.host}:${relay.port ?? ""}`, mailAuth: relay.auth ? "***" : "none" }
        : {}),
    };
  }

  /**
   * Sends (cost=3). Returns [id, cnt, cost, balance], or [id, -err] on error. `sender` "" is omitted as in the
   * seed library; pass "." to disable the default sender.
   */
  async send_sms(
    phones: string | readonly string[],
    message: string,
    translit = 0,
    time: CompatTime = "",
    id: string | number = 0,
    format: number | string = 0,
    sender = "",
    query = "",
  ): Promise<string[]> {
    const fields = sendFields(phones, message, translit, timeText(time), id, format, sender, query);
    const m = (await this.#cmd("send", fields)).split(",");
    if (this.#debug) this.#log(debugSend(m));
    return m;
  }

  /** Prices a send (cost=1). Returns [cost, cnt], or [0, -err] on error. */
  async get_sms_cost(
    phones: string | readonly string[],
    message: string,
    translit = 0,
    format: number | string = 0,
    sender = "",
    query = "",
  ): Promise<string[]> {
    const m = (await this.#cmd("send", costFields(phones, message, translit, format, sender, query))).split(
      ",",
    );
    if (this.#debug) this.#log(debugCost(m));
    return m;
  }

  /**
   * Status of a message: [status, time, err] (plus the HLR fields for an HLR request, and more with `all`), or
   * [0, -err]. An id list with a comma gives one array per message, as PHP's get_status does.
   */
  async get_status(id: string | number, phone: string, all: 0 | 1 | 2 = 0): Promise<string[] | string[][]> {
    const ids = String(id);
    const body = await this.#cmd("status", statusFields(ids, phone, all));
    if (ids.indexOf(",") > 0) {
      const lines = body.split("\n");
      if (lines.length === 1 && lines[0]!.indexOf("-") === 2) return lines[0]!.split(",");
      return lines.map((l) => l.split(","));
    }
    let m = body.split(",");
    const hlrAt = all === 1 ? 14 : 17;
    // the message text may contain commas: re-split with the limit PHP uses, unless this is an HLR record
    if (all > 0 && m.length > 9 && m[hlrAt] !== "HLR") m = explode(body, all === 1 ? 9 : 12);
    if (this.#debug) this.#log(debugStatus(m));
    return m;
  }

  /**
   * Sends by e-mail (spec §7) through `smsc/mail`'s sendMail: the long-form letter in koi8-r to
   * send@send.<domain>. Node only. Resolves true when the SMTP server took the letter, false otherwise (the
   * libraries return mail()'s result); only invalid arguments reject.
   */
  async send_sms_mail(
    phones: string | readonly string[],
    message: string,
    translit = 0,
    time: CompatTime = "",
    id: string | number = 0,
    format: number | string = 0,
    sender = "",
  ): Promise<boolean> {
    // Loaded on first use through the package's own "smsc/mail" export, by a specifier bundlers do not follow:
    // node:net and node:tls then stay out of browser and Workers bundles of smsc/compat (docs/runtimes.md).
    const { sendMail } = (await import(MAIL_MODULE)) as typeof import("../mail/index.js");
    const t = timeText(time);
    const fmt = typeof format === "string" && /^\d+$/.test(format) ? Number(format) : format;
    try {
      await sendMail(
        {
          phones,
          message,
          translit: translit as 0 | 1 | 2,
          ...(t !== "" && t !== "0" ? { time: t } : {}),
          ...(id !== 0 && id !== "" ? { id } : {}),
          format: fmt as MessageFormat | number,
          ...(sender !== "" ? { sender } : {}),
        },
        this.#mail,
      );
      return true;
    } catch (e) {
      if (e instanceof InvalidOptionError) throw e;
      if (this.#debug) this.#log(`Ошибка отправки письма: ${(e as Error).message}`);
      return false;
    }
  }

  /** The balance as a string ("250.80"), or false on error. */
  async get_balance(): Promise<string | false> {
    const m = (await this.#cmd("balance", [])).split(",");
    if (this.#debug) this.#log(debugBalance(m));
    return m.length > 1 ? false : m[0]!;
  }

  /**
   * The libraries' _smsc_send_cmd: the hosts in order until one answers with a non-empty body; total failure
   * gives the fictive "," (spec §3.5). Unlike the libraries, a send whose request may have gone out is not
   * repeated on the next mirror, which could deliver it twice: that also gives ",".
   */
  async #cmd(endpoint: Endpoint, fields: Array<[string, string]>): Promise<string> {
    for (const host of this.#transport.hosts) {
      try {
        const { body } = await this.#transport.attempt(host, endpoint, fields, { fmt: 1 });
        if (body !== "") return body;
        if (endpoint === "send") break;
      } catch (e) {
        if (!(e instanceof ConnectionError)) throw e;
        if (endpoint === "send" && e.maybeSent) break;
      }
    }
    if (this.#debug) {
      const url = this.#transport.hosts[0] + ENDPOINTS[endpoint];
      this.#log(`Ошибка чтения адреса: ${url}?${commandFields(this.#transport.options, fields)}`);
    }
    return ",";
  }
}

function timeText(time: CompatTime): string {
  if (time instanceof Date) return deliveryTimeParam(time);
  return time === "" ? "" : String(time);
}

/** PHP's explode(",", s, limit): at most `limit` pieces, the last one keeping the rest. */
function explode(s: string, limit: number): string[] {
  const parts = s.split(",");
  return parts.length <= limit ? parts : [...parts.slice(0, limit - 1), parts.slice(limit - 1).join(",")];
}
