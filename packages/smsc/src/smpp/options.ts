import type { ConnectionOptions } from "node:tls";
import { InvalidOptionError } from "../client/errors.js";
import type { SmscLogger } from "../client/logger.js";
import { hideSecrets } from "../client/redact.js";
import { cryptoRandom, readEnv } from "../client/runtime.js";
import { type ConcatMode, DEFAULT_DOMAIN, DOMAINS, type Domain, SMSC_SMPP } from "../protocol/index.js";

/** Options of `new SmppClient(options)`. Explicit options win over environment variables. */
export interface SmppClientOptions {
  /** Bind system_id: the account login. @default process.env.SMSC_LOGIN */
  systemId?: string;
  /**
   * Bind password: the SMPP password made on the service's "Passwords for access" page (at most 8 characters, as
   * SMPP 3.4 allows). @default process.env.SMSC_SMPP_PASSWORD, else process.env.SMSC_PASSWORD
   */
  password?: string;
  /** Bind system_type; "ISO" makes the service read data_coding 0 as ISO-8859-1 (spec §8). @default "" */
  systemType?: string;
  /** Brand domain whose `smpp.` host is used when `host` is not given. @default "smsc.kz" */
  domain?: Domain;
  /** Server host. @default process.env.SMSC_SMPP_HOST, else "smpp." + domain */
  host?: string;
  /** Server port. @default 3700, or 3443 with `tls` */
  port?: number;
  /** Connect over TLS (the service's port 3443); an object is passed to tls.connect. @default false */
  tls?: boolean | ConnectionOptions;
  /** Requests (submits, queries) in flight at once; submit() waits for a free slot. @default 10 */
  window?: number;
  /** Milliseconds without anything sent before an enquire_link; 0 turns it off. The service drops sessions idle for 2 minutes. @default 30000 */
  enquireLinkMs?: number;
  /** Milliseconds to wait for each response (and for connect + bind). @default 10000 */
  timeoutMs?: number;
  /** Reconnect and bind again after the connection drops; false turns it off. @default true */
  reconnect?: boolean;
  /** How a text longer than one SMS is sent: UDH with an 8- or 16-bit reference, sar_* TLVs, or one message_payload. @default "udh8" */
  concat?: ConcatMode;
  /** Ask for a delivery receipt on every submit (the service sends statuses to the HTTP handler otherwise). @default true */
  registeredDelivery?: boolean;
  /** Receives connection events and PDU names; the password is always masked. @default no logging */
  logger?: SmscLogger;
  /** Uniform random numbers in [0, 1), for reconnect jitter and concatenation references. @default crypto */
  random?: () => number;
}

/** Options after defaults and environment are applied. */
export interface ResolvedSmppOptions {
  systemId: string;
  password: string;
  systemType: string;
  host: string;
  port: number;
  tls: false | ConnectionOptions;
  window: number;
  enquireLinkMs: number;
  timeoutMs: number;
  reconnect: boolean;
  concat: ConcatMode;
  registeredDelivery: boolean;
  logger?: SmscLogger;
  random: () => number;
}

const CONCAT_MODES: readonly ConcatMode[] = ["udh8", "udh16", "sar", "payload"];

/** Applies defaults and environment variables and validates every option, naming the bad one. */
export function resolveSmppOptions(o: SmppClientOptions): ResolvedSmppOptions {
  const systemId = o.systemId ?? readEnv("SMSC_LOGIN");
  const password = o.password ?? readEnv("SMSC_SMPP_PASSWORD") ?? readEnv("SMSC_PASSWORD");
  if (typeof systemId !== "string" || systemId === "" || systemId.length > 15)
    throw new InvalidOptionError("systemId", "is required, 1–15 characters (env SMSC_LOGIN)");
  if (typeof password !== "string" || password.length > 8)
    throw new InvalidOptionError("password", "is required, at most 8 characters (env SMSC_SMPP_PASSWORD)");
  const domain = o.domain ?? DEFAULT_DOMAIN;
  if (!(DOMAINS as readonly string[]).includes(domain))
    throw new InvalidOptionError("domain", `must be one of ${DOMAINS.join(", ")}`);
  const tls = o.tls === true ? {} : o.tls || false;
  const concat = o.concat ?? "udh8";
  if (!CONCAT_MODES.includes(concat))
    throw new InvalidOptionError("concat", `must be one of ${CONCAT_MODES.join(", ")}`);
  const resolved: ResolvedSmppOptions = {
    systemId,
    password,
    systemType: o.systemType ?? "",
    host: o.host ?? readEnv("SMSC_SMPP_HOST") ?? `${SMSC_SMPP.hostPrefix}${domain}`,
    port: integer("port", o.port ?? (tls ? SMSC_SMPP.tlsPort : SMSC_SMPP.port), 1, 65535),
    tls,
    window: integer("window", o.window ?? 10, 1, 100_000),
    enquireLinkMs: integer("enquireLinkMs", o.enquireLinkMs ?? 30_000, 0, 2 ** 31 - 1),
    timeoutMs: integer("timeoutMs", o.timeoutMs ?? 10_000, 1, 2 ** 31 - 1),
    reconnect: o.reconnect ?? true,
    concat,
    registeredDelivery: o.registeredDelivery ?? true,
    ...(o.logger ? { logger: o.logger } : {}),
    random: o.random ?? cryptoRandom,
  };
  // console.log(client.options) and JSON.stringify show neither the password nor TLS keys and passphrases
  return hideSecrets(resolved, ["password", "tls"], { tls: tls !== false } as Partial<ResolvedSmppOptions>);
}

function integer(option: string, v: number, min: number, max: number): number {
  if (!Number.isInteger(v) || v < min || v > max)
    throw new InvalidOptionError(option, `must be an integer ${min}–${max}, got ${v}`);
  return v;
}
