import { InvalidOptionError } from "../../client/index.js";
import type {
  AttemptOutcome,
  ChannelName,
  Counter,
  TakeResult,
  VerificationRecord,
  VerifyStore,
} from "../types.js";

/**
 * A Redis connection: an ioredis client (`call`) or a node-redis (`redis`, `@redis/client`) client
 * (`sendCommand`). Only raw commands are used, so any version of either works.
 */
export type RedisLike =
  | { call(command: string, ...args: string[]): Promise<unknown> }
  | { sendCommand(args: string[]): Promise<unknown> };

/** Options of redisStore. */
export interface RedisStoreOptions {
  /**
   * Prefix of every key. Use a hash tag such as "{verify}:" on Redis Cluster: `take` touches several keys in one
   * script, which Cluster allows only within one slot. @default "smsc:verify:"
   */
  prefix?: string;
}

// Each script is one atomic step on the server. Times are the app's clock (ARGV), so that every store agrees on
// `now`; key expiry (PEXPIRE) only collects garbage after the stored deadlines.
const SCRIPTS = {
  take: `
local now = tonumber(ARGV[1])
for i, key in ipairs(KEYS) do
  local c = redis.call('HMGET', key, 'n', 'r')
  local reset = tonumber(c[2] or '0')
  if reset > now and tonumber(c[1]) >= tonumber(ARGV[2 * i]) then
    return {0, key, reset}
  end
end
for i, key in ipairs(KEYS) do
  local w = tonumber(ARGV[2 * i + 1])
  local reset = tonumber(redis.call('HGET', key, 'r') or '0')
  if reset > now then
    redis.call('HINCRBY', key, 'n', 1)
  else
    redis.call('HSET', key, 'n', 1, 'r', now + w)
    redis.call('PEXPIRE', key, w)
  end
end
return {1}`,
  issue: `
local now = tonumber(ARGV[1])
local attempts = ARGV[6]
local prev = redis.call('HMGET', KEYS[1], 'exp', 'attempts')
if prev[1] and tonumber(prev[1]) > now then attempts = prev[2] end
redis.call('HSET', KEYS[1], 'id', ARGV[2], 'digest', ARGV[3], 'channel', ARGV[4], 'sends', ARGV[5],
  'attempts', attempts, 'max', ARGV[7], 'exp', ARGV[8], 'keep', ARGV[9])
redis.call('PEXPIRE', KEYS[1], math.max(1, tonumber(ARGV[9]) - now))
return 1`,
  attempt: `
local now = tonumber(ARGV[1])
local r = redis.call('HMGET', KEYS[1], 'id', 'digest', 'attempts', 'max', 'exp', 'keep', 'channel')
if not r[1] or tonumber(r[6]) <= now then return {'unknown'} end
if tonumber(r[5]) <= now then return {'expired'} end
local a = tonumber(r[3])
if a >= tonumber(r[4]) then return {'exhausted'} end
redis.call('HSET', KEYS[1], 'attempts', a + 1)
return {'counted', r[1], r[2], a + 1, tonumber(r[4]), r[7]}`,
  approve: `
if redis.call('HGET', KEYS[1], 'id') == ARGV[1] then
  redis.call('DEL', KEYS[1])
  return 1
end
return 0`,
} as const;

type ScriptName = keyof typeof SCRIPTS;

/**
 * A store in Redis, for many servers: each operation is one Lua script, which Redis runs without interleaving
 * anything else. Pass a connected ioredis or node-redis client; keys expire by themselves.
 * @example
 * ```ts
 * import Redis from "ioredis";
 * const store = redisStore(new Redis(process.env.REDIS_URL));
 * ```
 */
export function redisStore(client: RedisLike, options: RedisStoreOptions = {}): VerifyStore {
  const send = commandSender(client);
  const prefix = options.prefix ?? "smsc:verify:";
  if (typeof prefix !== "string") throw new InvalidOptionError("redisStore.prefix", "must be a string");
  const shas: Partial<Record<ScriptName, string>> = {};
  const codeKey = (phone: string) => `${prefix}code:${phone}`;

  // EVALSHA, loading the script on first use and again after NOSCRIPT (a restarted or failed-over server)
  async function run(name: ScriptName, keys: string[], args: Array<string | number>): Promise<unknown> {
    const argv = [String(keys.length), ...keys, ...args.map(String)];
    for (let tries = 0; ; tries++) {
      shas[name] ??= String(await send(["SCRIPT", "LOAD", SCRIPTS[name]]));
      try {
        return await send(["EVALSHA", shas[name]!, ...argv]);
      } catch (err) {
        if (tries > 0 || !/NOSCRIPT/.test(String((err as Error)?.message))) throw err;
        delete shas[name];
      }
    }
  }

  return {
    async take(counters: readonly Counter[], now: number): Promise<TakeResult> {
      if (counters.length === 0) return { ok: true };
      const r = (await run(
        "take",
        counters.map((c) => `${prefix}n:${c.key}`),
        [now, ...counters.flatMap((c) => [c.limit, c.windowMs])],
      )) as unknown[];
      if (Number(r[0]) === 1) return { ok: true };
      return { ok: false, key: String(r[1]).slice(prefix.length + 2), retryAt: Number(r[2]) };
    },
    async issue(r: VerificationRecord, now: number): Promise<void> {
      await run(
        "issue",
        [codeKey(r.phone)],
        [now, r.id, r.digest, r.channel, r.sends, r.attempts, r.maxAttempts, r.expiresAt, r.keepUntil],
      );
    },
    async current(phone: string, now: number): Promise<VerificationRecord | undefined> {
      const flat = (await send(["HGETALL", codeKey(phone)])) as unknown;
      const h = hashOf(flat);
      if (h.id === undefined || Number(h.exp) <= now) return undefined;
      return {
        phone,
        id: h.id,
        digest: h.digest!,
        channel: h.channel as ChannelName,
        sends: Number(h.sends),
        attempts: Number(h.attempts),
        maxAttempts: Number(h.max),
        expiresAt: Number(h.exp),
        keepUntil: Number(h.keep),
      };
    },
    async attempt(phone: string, now: number): Promise<AttemptOutcome> {
      const r = (await run("attempt", [codeKey(phone)], [now])) as unknown[];
      const kind = String(r[0]);
      if (kind !== "counted") return { kind: kind as "unknown" | "expired" | "exhausted" };
      return {
        kind: "counted",
        id: String(r[1]),
        digest: String(r[2]),
        attempts: Number(r[3]),
        maxAttempts: Number(r[4]),
        channel: String(r[5]) as ChannelName,
      };
    },
    async approve(phone: string, id: string): Promise<boolean> {
      return Number(await run("approve", [codeKey(phone)], [id])) === 1;
    },
  };
}

/** Sends one raw command through whichever client it is. */
function commandSender(client: RedisLike): (args: string[]) => Promise<unknown> {
  if (client && typeof (client as { call?: unknown }).call === "function") {
    const c = client as { call(command: string, ...args: string[]): Promise<unknown> };
    return ([command, ...args]) => c.call(command!, ...args);
  }
  if (client && typeof (client as { sendCommand?: unknown }).sendCommand === "function") {
    const c = client as { sendCommand(args: string[]): Promise<unknown> };
    return (args) => c.sendCommand(args);
  }
  throw new InvalidOptionError("redisStore.client", "must be an ioredis or node-redis client");
}

/** HGETALL's reply as an object: RESP2 gives a flat list, RESP3 (node-redis) a map or object. */
function hashOf(reply: unknown): Record<string, string | undefined> {
  if (Array.isArray(reply)) {
    const out: Record<string, string> = {};
    for (let i = 0; i + 1 < reply.length; i += 2) out[String(reply[i])] = String(reply[i + 1]);
    return out;
  }
  if (reply instanceof Map) return Object.fromEntries([...reply].map(([k, v]) => [String(k), String(v)]));
  if (reply && typeof reply === "object")
    return Object.fromEntries(Object.entries(reply).map(([k, v]) => [k, String(v)]));
  return {};
}
