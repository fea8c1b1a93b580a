import type { PhoneNumber } from "../protocol/index.js";
import type { Counter, LimitScope } from "./types.js";

/** At most `limit` codes in `windowMs`, counted from the first of the window. */
export interface RateLimit {
  limit: number;
  windowMs: number;
}

/** Limits on sending codes, against SMS pumping (toll fraud) and flooding. `false` turns one off. */
export interface LimitOptions {
  /** Per phone number. @default 5 an hour and 10 a day */
  phone?: RateLimit | readonly RateLimit[] | false;
  /** Per client IP (`start(phone, { ip })`; IPv6 counted per /64). @default 20 an hour */
  ip?: RateLimit | readonly RateLimit[] | false;
  /** Per country (ISO code from the number, "*" for every other one, "?" for numbers of no known country). @default none */
  country?: Readonly<Record<string, RateLimit | readonly RateLimit[]>> | false;
  /**
   * Per number range: the first `digits` digits ("7701123" of 77011234567). Pumping sends to many numbers of one
   * premium range. @default 20 an hour per 7 digits
   */
  prefix?: (RateLimit & { digits: number }) | false;
}

const HOUR = 3_600_000;

/** The limits used when `limits` leaves one out. */
export const DEFAULT_LIMITS = {
  phone: [
    { limit: 5, windowMs: HOUR },
    { limit: 10, windowMs: 24 * HOUR },
  ],
  ip: [{ limit: 20, windowMs: HOUR }],
  country: false,
  prefix: { digits: 7, limit: 20, windowMs: HOUR },
} as const satisfies Required<LimitOptions>;

const SCOPES: Record<string, LimitScope> = { cd: "cooldown", p: "phone", i: "ip", c: "country", x: "prefix" };

/** Which limit a counter key belongs to. */
export function scopeOf(key: string): LimitScope {
  return SCOPES[key.slice(0, key.indexOf(":"))] ?? "phone";
}

const list = (l: RateLimit | readonly RateLimit[] | false | undefined): readonly RateLimit[] =>
  l === undefined || l === false ? [] : "limit" in l ? [l as RateLimit] : (l as readonly RateLimit[]);

/** The counters one send takes: the resend cooldown, then the phone, IP, country and range limits. */
export function startCounters(
  phone: PhoneNumber,
  ip: string | undefined,
  limits: LimitOptions,
  cooldownMs: number,
): Counter[] {
  const out: Counter[] = [];
  if (cooldownMs > 0) out.push({ key: `cd:${phone.digits}`, limit: 1, windowMs: cooldownMs });
  const add = (scope: string, value: string, l: RateLimit | readonly RateLimit[] | false | undefined) => {
    for (const r of list(l)) out.push({ key: `${scope}:${r.windowMs}:${value}`, ...pick(r) });
  };
  add("p", phone.digits, limits.phone ?? DEFAULT_LIMITS.phone);
  if (ip !== undefined && ip !== "") add("i", ipGroup(ip), limits.ip ?? DEFAULT_LIMITS.ip);
  const byCountry = limits.country ?? DEFAULT_LIMITS.country;
  if (byCountry) {
    const country = phone.country ?? "?";
    const own = byCountry[country] ?? (country === "?" ? undefined : byCountry["*"]);
    add("c", country, own);
  }
  const prefix = limits.prefix ?? DEFAULT_LIMITS.prefix;
  if (prefix) add("x", phone.digits.slice(0, prefix.digits), prefix);
  return out;
}

const pick = (r: RateLimit) => ({ limit: r.limit, windowMs: r.windowMs });

/** Why limits are unusable, as [option, problem], or undefined. */
export function limitsProblem(limits: LimitOptions): [string, string] | undefined {
  const bad = (r: RateLimit) =>
    !Number.isInteger(r.limit) || r.limit < 1 || !Number.isInteger(r.windowMs) || r.windowMs < 1;
  for (const scope of ["phone", "ip"] as const)
    if (list(limits[scope]).some(bad))
      return [`limits.${scope}`, "must be { limit, windowMs } with positive integers"];
  for (const [c, l] of Object.entries(limits.country || {}))
    if (list(l).some(bad))
      return [`limits.country.${c}`, "must be { limit, windowMs } with positive integers"];
  const p = limits.prefix;
  if (p && (bad(p) || !Number.isInteger(p.digits) || p.digits < 1 || p.digits > 15))
    return ["limits.prefix", "must be { digits (1-15), limit, windowMs } with positive integers"];
  return undefined;
}

/**
 * The group an IP is counted in: an IPv4 address itself, an IPv6 address by its /64 (one subscriber gets a whole
 * /64, so counting single addresses would let them rotate freely). IPv4-mapped IPv6 counts as IPv4.
 */
export function ipGroup(ip: string): string {
  const s = ip
    .trim()
    .toLowerCase()
    .replace(/^\[|\]$/g, "")
    .replace(/%.*$/, "");
  const mapped = /^(?:(?:0{1,4}:){5}|::)ffff:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(s);
  if (mapped) return mapped[1]!;
  if (!s.includes(":")) return s;
  const [head = "", tail = ""] = s.split("::");
  const h = head === "" ? [] : head.split(":");
  const t = s.includes("::") ? (tail === "" ? [] : tail.split(":")) : [];
  const groups = s.includes("::")
    ? [...h, ...Array(Math.max(0, 8 - h.length - t.length)).fill("0"), ...t]
    : h;
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, "") || "0")
    .join(":")}::/64`;
}
