import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { parsePhone } from "smsc/protocol";
import { CHAOS_ENDPOINTS, type ChaosError, ChaosSettingsError, checkChaosError } from "./core/chaos.js";
import type { TaskGroupSeed } from "./core/notifications.js";
import { PricesError, readPricesFile } from "./core/tariffs.js";
import type { AccountSeed } from "./core/types.js";
import { checkCorsOrigins } from "./http/cross-origin.js";
import { checkAllowedHosts } from "./http/host-guard.js";
import type { SandboxOptions } from "./start-sandbox.js";

/** The bin's default port. */
export const DEFAULT_BIN_PORT = 8400;

/** The bin's help text. */
export const HELP = `Usage: smsc-sandbox [options]

A local stand-in for the SMSC service: /sys/send.php, status.php, balance.php, get.php, info.php, ping.php,
wait_call.php, tinyurls.php and REST /rest/send/.
Open the printed URL in a browser for the web inbox; /api/v1/ is the inspection API (docs/inspection-api.md).

Options:
  --port N                 port to listen on (0 picks a free one; default ${DEFAULT_BIN_PORT})
  --host ADDR              address to listen on (default 127.0.0.1)
  --smtp-port N            also accept SMS by e-mail on this SMTP port (0 picks a free one; default off)
  --smpp-port N            also accept SMPP 3.4 clients on this port (0 picks a free one; default off)
  --db FILE                SQLite file that keeps everything across restarts (default: a temporary file)
  --account L:P[:B[:CUR[:APIKEY]]]
                           add an account: login, password, balance (default 1000), currency (default KZT)
                           and API key; repeatable. The demo account (demo / demo, API key demo-apikey,
                           1000.00 KZT) always exists.
  --price N                price of one SMS part (default 10)
  --prices FILE.json       the price table: per-zone prices of SMS, MMS, HLR, voice, Viber (docs/sandbox.md
                           "Prices"); --price overrides its part price
  --task-group L:ID:PHONES a ping.php task group of account L sending to PHONES (comma list); repeatable
  --delay-sent MS          -1 → 0 (transferred) this long after the delivery time (default 500)
  --delay-delivered MS     0 → 1 (delivered) this long after that (default 1500)
  --no-rate-limits         turn off the error-9 limits and the per-IP block (error 4)
  --callback LOGIN=URL     POST the account's status changes, incoming SMS and confirmation calls to URL
                           (repeatable; the URL may carry charset=, fmt=2|3 and md5=|sha1=|crc32=SECRET,
                           docs/callbacks.md)
  --chaos-error EP:CODE:P  answer endpoint EP (send, status, balance) with error CODE with probability P
                           (0–1); repeatable
  --latency MS|MIN-MAX     delay every /sys reply by MS, or by a random time in MIN-MAX (default 0)
  --reset-rate P           destroy the connection of a /sys request with probability P (default 0)
  --slow-reply MS          how long the slow magic number's reply waits (default 10000)
  --mirrors N              open N more listeners serving the same sandbox, like www2… (default 0)
  --mirror-ports A,B,…     ports of the mirrors (0 picks a free one); implies --mirrors
  --retention N            keep at most N messages per account, pruning the oldest
  --retention-days D       prune messages older than D days
  --cors ORIGIN            let pages on ORIGIN (scheme://host[:port], e.g. http://localhost:5173) call the
                           sandbox from a browser; repeatable. * lets every page in (a warning is printed: any
                           site you visit could then read and change the sandbox). Default: only the inbox
  --allowed-host NAME      also serve requests whose Host is NAME (.NAME: it and every name under it), e.g. a
                           container's name; repeatable. IP addresses, localhost, *.localhost and --host are
                           always served; any other name is refused (DNS rebinding)
  --call-numbers A,B,…     numbers wait_call.php tells subscribers to call, in turn
                           (default 77009990001,77009990002,77009990003)
  --wait-call-minutes M    how long a wait_call.php request waits for the call (default 10)
  --sender-moderation MS|manual
                           approve a new sender name MS after it is added (default 1000), or only through
                           POST /api/v1/senders/ID/approve (manual)
  --check-senders          refuse sends from sender names the account has not had approved (status 23, err 254)
  -h, --help               show this help
`;

/** The result of reading the command line. */
export type CliCommand = { help: true } | { help: false; options: SandboxOptions };

/** Thrown for a command line the bin cannot use; the message names the bad option. */
export class UsageError extends Error {
  override name = "UsageError";
}

/** Reads the bin's arguments into startSandbox options. */
export function parseCliArgs(argv: string[]): CliCommand {
  let values: ReturnType<typeof parse>["values"];
  try {
    values = parse(argv).values;
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  if (values.help) return { help: true };
  const options: SandboxOptions = {
    port: number("--port", values.port, DEFAULT_BIN_PORT),
    host: values.host ?? "127.0.0.1",
  };
  if (options.port! > 65535) throw new UsageError("--port must be at most 65535");
  if (values["smtp-port"] !== undefined) {
    options.smtpPort = number("--smtp-port", values["smtp-port"], 0);
    if (options.smtpPort > 65535) throw new UsageError("--smtp-port must be at most 65535");
  }
  if (values["smpp-port"] !== undefined) {
    options.smppPort = number("--smpp-port", values["smpp-port"], 0);
    if (options.smppPort > 65535) throw new UsageError("--smpp-port must be at most 65535");
  }
  if (values.db !== undefined) options.db = values.db;
  if (values.account?.length) options.accounts = values.account.map(account);
  if (values.price !== undefined) options.pricePerPart = number("--price", values.price, 0, true);
  if (values.prices !== undefined) options.prices = pricesFile(values.prices);
  if (values["task-group"]?.length) options.taskGroups = taskGroups(values["task-group"]);
  const sentMs = values["delay-sent"];
  const deliveredMs = values["delay-delivered"];
  if (sentMs !== undefined || deliveredMs !== undefined) {
    options.delays = {
      ...(sentMs !== undefined ? { sentMs: number("--delay-sent", sentMs, 0) } : {}),
      ...(deliveredMs !== undefined ? { deliveredMs: number("--delay-delivered", deliveredMs, 0) } : {}),
    };
  }
  if (values["no-rate-limits"]) options.rateLimits = false;
  if (values["call-numbers"] !== undefined) {
    const numbers = values["call-numbers"].split(",").map((n) => n.trim());
    if (!numbers.every((n) => parsePhone(n)))
      throw new UsageError(
        `--call-numbers must be phone numbers separated by ",", got "${values["call-numbers"]}"`,
      );
    options.callNumbers = numbers;
  }
  if (values["wait-call-minutes"] !== undefined) {
    const minutes = number("--wait-call-minutes", values["wait-call-minutes"], 0, true);
    if (minutes <= 0) throw new UsageError("--wait-call-minutes must be above 0");
    options.waitCallTtlMs = minutes * 60_000;
  }
  const moderation = values["sender-moderation"];
  if (moderation !== undefined || values["check-senders"])
    options.senders = {
      ...(moderation !== undefined
        ? { moderationMs: moderation === "manual" ? "manual" : number("--sender-moderation", moderation, 0) }
        : {}),
      ...(values["check-senders"] ? { check: true } : {}),
    };
  readExtras(values, options);
  readBrowserAccess(values, options);
  return { help: false, options };
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      port: { type: "string" },
      host: { type: "string" },
      "smtp-port": { type: "string" },
      "smpp-port": { type: "string" },
      db: { type: "string" },
      account: { type: "string", multiple: true },
      price: { type: "string" },
      prices: { type: "string" },
      "task-group": { type: "string", multiple: true },
      "delay-sent": { type: "string" },
      "delay-delivered": { type: "string" },
      "no-rate-limits": { type: "boolean" },
      callback: { type: "string", multiple: true },
      "chaos-error": { type: "string", multiple: true },
      latency: { type: "string" },
      "reset-rate": { type: "string" },
      "slow-reply": { type: "string" },
      mirrors: { type: "string" },
      "mirror-ports": { type: "string" },
      retention: { type: "string" },
      "retention-days": { type: "string" },
      cors: { type: "string", multiple: true },
      "allowed-host": { type: "string", multiple: true },
      "call-numbers": { type: "string" },
      "wait-call-minutes": { type: "string" },
      "sender-moderation": { type: "string" },
      "check-senders": { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
}

function number(flag: string, v: string | undefined, fallback: number, fractional = false): number {
  if (v === undefined) return fallback;
  const ok = fractional ? /^\d+(\.\d{1,2})?$/.test(v) : /^\d+$/.test(v);
  if (!ok)
    throw new UsageError(`${flag} must be a non-negative ${fractional ? "number" : "integer"}, got "${v}"`);
  return Number(v);
}

/** The price table from a JSON file (core/tariffs.ts readPricesFile). */
function pricesFile(path: string): NonNullable<SandboxOptions["prices"]> {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (err) {
    throw new UsageError(`--prices: cannot read ${path}: ${(err as NodeJS.ErrnoException).code ?? err}`);
  }
  try {
    return readPricesFile(text);
  } catch (err) {
    if (err instanceof PricesError) throw new UsageError(`--prices ${path}: ${err.message}`);
    throw err;
  }
}

/** LOGIN:ID:PHONES, repeatable: task groups with the default texts. */
function taskGroups(specs: string[]): Record<string, TaskGroupSeed[]> {
  const out: Record<string, TaskGroupSeed[]> = {};
  for (const spec of specs) {
    const m = /^([^:]+):(\d{1,9}):(.+)$/.exec(spec);
    if (!m || Number(m[2]) < 1) throw new UsageError(`--task-group must be LOGIN:ID:PHONES, got "${spec}"`);
    out[m[1]!] = [...(out[m[1]!] ?? []), { id: Number(m[2]), phones: m[3]! }];
  }
  return out;
}

/** LOGIN:PASSWORD[:BALANCE[:CURRENCY[:APIKEY]]] */
function account(spec: string): AccountSeed {
  const [login, password, balance, currency, apikey] = spec.split(":");
  if (!login || password === undefined || password === "")
    throw new UsageError(
      `--account must be LOGIN:PASSWORD[:BALANCE[:CURRENCY[:APIKEY]]], got "${login ?? ""}:…"`,
    );
  return {
    login,
    password,
    ...(balance ? { balance: number("--account balance", balance, 0, true) } : {}),
    ...(currency ? { currency } : {}),
    ...(apikey ? { apikey } : {}),
  };
}

/** The callback, chaos, mirror and retention flags (https://github.com/smsc-kz/smsc/blob/main/docs/chaos.md, https://github.com/smsc-kz/smsc/blob/main/docs/callbacks.md). */
function readExtras(values: ReturnType<typeof parse>["values"], options: SandboxOptions): void {
  if (values.callback?.length) {
    options.callbacks = {};
    for (const spec of values.callback) {
      const eq = spec.indexOf("=");
      if (eq < 1) throw new UsageError(`--callback must be LOGIN=URL, got "${spec.split("=")[0]}…"`);
      const url = spec.slice(eq + 1);
      if (!/^https?:\/\/./.test(url))
        throw new UsageError("--callback URL must start with http:// or https://");
      options.callbacks[spec.slice(0, eq)] = url;
    }
  }
  const chaos: NonNullable<SandboxOptions["chaos"]> = {};
  if (values["chaos-error"]?.length) chaos.errors = values["chaos-error"].map(chaosError);
  if (values.latency !== undefined) {
    const m = /^(\d+)(?:-(\d+))?$/.exec(values.latency);
    if (!m) throw new UsageError(`--latency must be MS or MIN-MAX, got "${values.latency}"`);
    const min = Number(m[1]);
    const max = m[2] === undefined ? min : Number(m[2]);
    if (max < min) throw new UsageError("--latency MAX must not be below MIN");
    chaos.latency = { min, max };
  }
  if (values["reset-rate"] !== undefined) chaos.resetRate = probability("--reset-rate", values["reset-rate"]);
  if (values["slow-reply"] !== undefined) chaos.slowReplyMs = number("--slow-reply", values["slow-reply"], 0);
  if (Object.keys(chaos).length) options.chaos = chaos;
  if (values["mirror-ports"] !== undefined) {
    options.mirrorPorts = values["mirror-ports"].split(",").map((p) => number("--mirror-ports", p.trim(), 0));
    if (options.mirrorPorts.some((p) => p > 65535))
      throw new UsageError("--mirror-ports must be at most 65535");
  } else if (values.mirrors !== undefined) {
    options.mirrors = number("--mirrors", values.mirrors, 0);
    if (options.mirrors > 16) throw new UsageError("--mirrors must be at most 16");
  }
  const maxMessages = values.retention === undefined ? undefined : number("--retention", values.retention, 0);
  const days =
    values["retention-days"] === undefined
      ? undefined
      : number("--retention-days", values["retention-days"], 0, true);
  if (maxMessages === 0) throw new UsageError("--retention must be at least 1");
  if (maxMessages !== undefined || days !== undefined)
    options.retention = {
      ...(maxMessages !== undefined ? { maxMessages } : {}),
      ...(days !== undefined ? { maxAgeMs: Math.round(days * 86_400_000) } : {}),
    };
}

/** --cors and --allowed-host (https://github.com/smsc-kz/smsc/blob/main/docs/browser.md), checked as startSandbox would check them. */
function readBrowserAccess(values: ReturnType<typeof parse>["values"], options: SandboxOptions): void {
  const checked = <T>(flag: string, check: () => T): T => {
    try {
      return check();
    } catch (err) {
      throw new UsageError(`${flag}: ${(err as Error).message}`);
    }
  };
  const { cors, "allowed-host": hosts } = values;
  if (cors?.length) options.cors = checked("--cors", () => checkCorsOrigins(cors));
  if (hosts?.length) options.allowedHosts = checked("--allowed-host", () => checkAllowedHosts(hosts));
}

/** ENDPOINT:CODE:PROBABILITY, e.g. send:9:0.1 */
function chaosError(spec: string): ChaosError {
  const [endpoint, code, p] = spec.split(":");
  if (p === undefined || !/^\d+$/.test(code ?? ""))
    throw new UsageError(
      `--chaos-error must be ENDPOINT:CODE:P (${CHAOS_ENDPOINTS.join("|")}), got "${spec}"`,
    );
  try {
    return checkChaosError({ endpoint, code: Number(code), probability: probability("--chaos-error P", p) });
  } catch (err) {
    if (err instanceof ChaosSettingsError) throw new UsageError(`--chaos-error: ${err.message}`);
    throw err;
  }
}

function probability(flag: string, v: string): number {
  const n = Number(v);
  if (v.trim() === "" || !(n >= 0 && n <= 1))
    throw new UsageError(`${flag} must be a number from 0 to 1, got "${v}"`);
  return n;
}
