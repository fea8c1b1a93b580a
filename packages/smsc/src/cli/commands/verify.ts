import { randomBytes } from "node:crypto";
import {
  closeSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { dirname, join } from "node:path";
import {
  CHANNELS,
  type ChannelName,
  type Locale,
  type MemorySnapshot,
  memoryStore,
  Verify,
} from "../../verify/index.js";
import { type Command, str } from "../command.js";
import { configPath } from "../config.js";
import { UsageError } from "../errors.js";
import { EXIT_CODES } from "../exit-codes.js";

/** Exit code of `smsc verify` when no code was sent (start) or the code is not approved (check). */
const NOT_APPROVED_EXIT = EXIT_CODES.notFound;

/** The state file: `$SMSC_VERIFY_STATE`, else verify-state.json beside the config file. */
function verifyStatePath(env: Record<string, string | undefined>): string {
  return env.SMSC_VERIFY_STATE || join(dirname(configPath(env)), "verify-state.json");
}

interface StateFile {
  /** HMAC key made on first use, when $SMSC_VERIFY_SECRET is not set. */
  secret?: string;
  store?: MemorySnapshot;
}

/** `smsc verify`: send a one-time code and check it, with the state in a local file (mode 600). */
export const verify: Command = {
  name: "verify",
  summary: "phone verification: send a one-time code (start) and check it (check)",
  usage: "start <phone> [--channel sms|call|inbound-call] | check <phone> <code>",
  flags: {
    channel: {
      type: "string",
      arg: "name",
      help: "sms (default), call (the service calls and reads out a code) or inbound-call (prints the number the user must call; the waitcall callback approves)",
      complete: ["sms", "call", "inbound-call"],
    },
    ip: { type: "string", arg: "addr", help: "the end user's IP, for the per-IP limit" },
    locale: {
      type: "string",
      arg: "lang",
      help: "language of the SMS: ru (default), kk, en",
      complete: ["ru", "kk", "en"],
    },
    state: {
      type: "string",
      arg: "file",
      help: "state file (default $SMSC_VERIFY_STATE, else verify-state.json beside the config)",
      complete: "file",
    },
  },
  notes: `Codes are kept as HMACs under $SMSC_VERIFY_SECRET (else a key made once and kept in the state file).
With --channel inbound-call, start prints callTo, the number to call; the call is confirmed by the waitcall
callback to the account's handler URL (an app's callback route), not by verify check.
Exits 0 when the code was sent (start) or approved (check), ${NOT_APPROVED_EXIT} when it was not.`,
  examples: [
    "smsc verify start +77011234567",
    "smsc verify start +77011234567 --channel call",
    "smsc verify start +77011234567 --channel inbound-call",
    "smsc verify check +77011234567 123456 && echo verified",
  ],
  completePositional: (typed) => (typed.length === 0 ? ["start", "check"] : []),
  async run({ values, positionals, client, env, setExitCode }) {
    const [action, phone, code] = positionals;
    if (action !== "start" && action !== "check") throw new UsageError("verify needs start or check");
    if (phone === undefined) throw new UsageError(`verify ${action} needs a phone`);
    if (action === "check" && code === undefined)
      throw new UsageError("verify check needs a phone and a code");
    const channel = str(values, "channel") as ChannelName | undefined;
    if (channel !== undefined && !CHANNELS.includes(channel))
      throw new UsageError(`--channel must be ${CHANNELS.join(", ")}, got "${channel}"`);
    const path = str(values, "state") ?? verifyStatePath(env);
    return withState(path, async (state) => {
      if (!env.SMSC_VERIFY_SECRET && !state.secret) state.secret = randomBytes(32).toString("hex");
      const secret = env.SMSC_VERIFY_SECRET || state.secret!;
      const store = memoryStore(state.store);
      const v = new Verify({ smsc: await client(), store, secret });
      try {
        if (action === "start") {
          const ip = str(values, "ip");
          const locale = str(values, "locale") as Locale | undefined;
          const r = await v.start(phone, {
            ...(channel ? { channel } : {}),
            ...(ip ? { ip } : {}),
            ...(locale ? { locale } : {}),
          });
          if (r.status !== "sent") setExitCode(NOT_APPROVED_EXIT);
          return readable(r);
        }
        const r = await v.check(phone, code!);
        if (r.status !== "approved") setExitCode(NOT_APPROVED_EXIT);
        return r;
      } finally {
        state.store = store.snapshot(Date.now());
      }
    });
  },
  human: (r: Record<string, unknown>) =>
    Object.entries(r)
      .map(([k, v]) => `${k}: ${v}`)
      .join("\n"),
};

/** Times as ISO text for people and scripts alike. */
function readable(r: Record<string, unknown>): Record<string, unknown> {
  const out = { ...r };
  for (const k of ["expiresAt", "resendAt", "retryAt"])
    if (typeof out[k] === "number") out[k] = new Date(out[k] as number).toISOString();
  return out;
}

/**
 * Runs fn on the state file under a lock file (another `smsc verify` waits), then writes it back atomically
 * (temp file + rename) with mode 600.
 */
async function withState<R>(path: string, fn: (state: StateFile) => Promise<R>): Promise<R> {
  mkdirSync(dirname(path), { recursive: true });
  const lock = `${path}.lock`;
  await acquire(lock);
  try {
    let state: StateFile = {};
    try {
      state = JSON.parse(readFileSync(path, "utf8")) as StateFile;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "ENOENT")
        throw new UsageError(`cannot read verify state ${path}: ${(e as Error).message}`);
    }
    try {
      return await fn(state);
    } finally {
      const tmp = `${path}.${process.pid}.tmp`;
      writeFileSync(tmp, `${JSON.stringify(state)}\n`, { mode: 0o600 });
      renameSync(tmp, path);
    }
  } finally {
    rmSync(lock, { force: true });
  }
}

/** Creates the lock file exclusively, waiting up to 10 s; a lock older than 60 s is left over by a crash. */
async function acquire(lock: string): Promise<void> {
  const until = Date.now() + 10_000;
  for (;;) {
    try {
      closeSync(openSync(lock, "wx", 0o600));
      return;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
      try {
        if (Date.now() - statSync(lock).mtimeMs > 60_000) rmSync(lock, { force: true });
      } catch {
        // gone in between: try again
      }
      if (Date.now() > until) throw new UsageError(`verify state is locked by another smsc (${lock})`);
      await new Promise((r) => setTimeout(r, 25));
    }
  }
}
