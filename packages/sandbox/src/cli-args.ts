import { parseArgs } from "node:util";
import type { AccountSeed } from "./core/types.js";
import type { SandboxOptions } from "./start-sandbox.js";

/** The bin's default port. */
export const DEFAULT_BIN_PORT = 8400;

/** The bin's help text. */
export const HELP = `Usage: smsc-sandbox [options]

A local stand-in for the SMSC service: /sys/send.php, /sys/status.php and /sys/balance.php.

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
  --delay-sent MS          -1 → 0 (transferred) this long after the delivery time (default 500)
  --delay-delivered MS     0 → 1 (delivered) this long after that (default 1500)
  --no-rate-limits         turn off the error-9 limits and the per-IP block (error 4)
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
  const sentMs = values["delay-sent"];
  const deliveredMs = values["delay-delivered"];
  if (sentMs !== undefined || deliveredMs !== undefined) {
    options.delays = {
      ...(sentMs !== undefined ? { sentMs: number("--delay-sent", sentMs, 0) } : {}),
      ...(deliveredMs !== undefined ? { deliveredMs: number("--delay-delivered", deliveredMs, 0) } : {}),
    };
  }
  if (values["no-rate-limits"]) options.rateLimits = false;
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
      "delay-sent": { type: "string" },
      "delay-delivered": { type: "string" },
      "no-rate-limits": { type: "boolean" },
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
