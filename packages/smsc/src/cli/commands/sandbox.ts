import { type Command, num, str } from "../command.js";
import { MissingPackageError, UsageError } from "../errors.js";

/** The port `smsc sandbox` listens on by default (the sandbox bin's too). */
export const DEFAULT_PORT = 8400;

/** The hint printed when smsc-sandbox is not installed. */
export const SANDBOX_INSTALL_HINT =
  "npm install --save-dev smsc-sandbox (or run it once with: npx smsc-sandbox)";

interface AccountSeed {
  login: string;
  password: string;
  balance?: number;
  currency?: string;
  apikey?: string;
}

/** Reads `LOGIN:PASSWORD[:BALANCE[:CURRENCY[:APIKEY]]]`, as the sandbox's own bin does. */
export function parseAccount(spec: string): AccountSeed {
  const [login, password, balance, currency, apikey] = spec.split(":");
  if (!login || !password)
    throw new UsageError(`--account must be LOGIN:PASSWORD[:BALANCE[:CURRENCY[:APIKEY]]], got "${spec}"`);
  const seed: AccountSeed = { login, password };
  if (balance) {
    const b = Number(balance);
    if (!Number.isFinite(b) || b < 0)
      throw new UsageError(`--account balance must be a number, got "${balance}"`);
    seed.balance = b;
  }
  if (currency) seed.currency = currency;
  if (apikey) seed.apikey = apikey;
  return seed;
}

/** `smsc sandbox`: starts the local smsc-sandbox (an optional package) and runs until Ctrl-C. */
export const sandbox: Command = {
  name: "sandbox",
  summary: "run a local sandbox of the service (needs the smsc-sandbox package)",
  usage: "[--port N] [--host ADDR] [--db FILE] [--account L:P[:B[:CUR[:KEY]]]]…",
  flags: {
    port: { type: "string", arg: "n", help: `port (default ${DEFAULT_PORT}; 0 picks a free one)` },
    host: { type: "string", arg: "addr", help: "address to listen on (default 127.0.0.1)" },
    db: {
      type: "string",
      arg: "file",
      help: "SQLite file kept across restarts (default: a temporary file)",
      complete: "file",
    },
    account: {
      type: "string",
      multiple: true,
      arg: "spec",
      help: "add an account LOGIN:PASSWORD[:BALANCE[:CURRENCY[:APIKEY]]] (repeatable)",
    },
    price: { type: "string", arg: "n", help: "price of one SMS part (default 10)" },
    "smtp-port": {
      type: "string",
      arg: "n",
      help: "also accept SMS by e-mail on this SMTP port (0 picks a free one)",
    },
    "smpp-port": {
      type: "string",
      arg: "n",
      help: "also accept SMPP 3.4 clients on this port (0 picks a free one)",
    },
    "no-rate-limits": { type: "boolean", help: "turn off the error-9 limits" },
  },
  fields: ["url", "smtpPort", "smppPort"],
  notes: `The demo account (demo / demo, API key demo-apikey) always exists. Prints the URL, runs until Ctrl-C.`,
  examples: [
    "smsc sandbox",
    "smsc sandbox --port 0 --db ./sandbox.db --account shop:secret:50000",
    "SMSC_BASE_URL=http://127.0.0.1:8400 smsc send 77011234567 Hi --login demo --password demo",
  ],
  offline: true,
  handlesSignals: () => true,
  async run({ values, io, json, select, style, signal }) {
    const port = num(values, "port", (n) => Number.isInteger(n) && n >= 0 && n <= 65535) ?? DEFAULT_PORT;
    const price = num(values, "price", (n) => n >= 0);
    const portNumber = (n: number) => Number.isInteger(n) && n >= 0 && n <= 65535;
    const smtpPort = num(values, "smtp-port", portNumber);
    const smppPort = num(values, "smpp-port", portNumber);
    const accounts = ((values.account as string[] | undefined) ?? []).map(parseAccount);
    let mod: typeof import("smsc-sandbox");
    try {
      mod = await import("smsc-sandbox");
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      if (err.code === "ERR_MODULE_NOT_FOUND" && String(err.message).includes("smsc-sandbox"))
        throw new MissingPackageError(`smsc sandbox needs the smsc-sandbox package: ${SANDBOX_INSTALL_HINT}`);
      throw e;
    }
    const host = str(values, "host") ?? "127.0.0.1";
    const sb = await mod
      .startSandbox({
        port,
        host,
        ...(str(values, "db") !== undefined ? { db: str(values, "db") } : {}),
        ...(accounts.length ? { accounts } : {}),
        ...(price !== undefined ? { pricePerPart: price } : {}),
        ...(smtpPort !== undefined ? { smtpPort } : {}),
        ...(smppPort !== undefined ? { smppPort } : {}),
        ...(values["no-rate-limits"] === true ? { rateLimits: false } : {}),
      })
      .catch((e: unknown) => {
        throw portInUse(e, { "--port": port, "--smtp-port": smtpPort, "--smpp-port": smppPort }) ?? e;
      });
    const ports = {
      ...(sb.smtpPort !== undefined ? { smtpPort: sb.smtpPort } : {}),
      ...(sb.smppPort !== undefined ? { smppPort: sb.smppPort } : {}),
    };
    const extra = Object.entries(ports)
      .map(([k, v]) => `, ${k === "smtpPort" ? "SMTP" : "SMPP"} port ${v}`)
      .join("");
    io.stdout.write(
      json
        ? `${JSON.stringify(select({ url: sb.url, ...ports }))}\n`
        : `smsc sandbox listening on ${style.out.bold(sb.url)}${extra} (Ctrl-C to stop)\n`,
    );
    await new Promise<void>((done) => {
      if (signal.aborted) done();
      signal.addEventListener("abort", () => done(), { once: true });
    });
    await sb.close();
    return undefined;
  },
  human: () => undefined,
};

/**
 * A listen error for a port that is taken, as a usage error naming the port and its flag, or undefined for any
 * other error. The flag is found by the port number (startSandbox's error does not say which listener failed).
 */
export function portInUse(err: unknown, ports: Record<string, number | undefined>): UsageError | undefined {
  const e = err as NodeJS.ErrnoException & { port?: number; address?: string };
  if (e?.code !== "EADDRINUSE") return undefined;
  const flag =
    Object.entries(ports).find(([, p]) => p !== undefined && p !== 0 && p === e.port)?.[0] ?? "--port";
  const where = e.port !== undefined ? `port ${e.port}${e.address ? ` on ${e.address}` : ""}` : "the port";
  return new UsageError(
    `${where} is already in use (another sandbox or server holds it): pass ${flag} 0 to pick a free port, or ${flag} <another port>`,
  );
}
