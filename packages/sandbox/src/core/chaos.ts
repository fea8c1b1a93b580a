import { ERROR_TABLES, errorInfo, type MessageId, toMessageId } from "smsc/protocol";
import { apiError } from "./api-error.js";
import type { Fate } from "./fate.js";

/** The scripts chaos can act on (through any adapter). */
export const CHAOS_ENDPOINTS = ["send", "status", "balance"] as const;

/** A /sys script chaos can act on. */
export type ChaosEndpoint = (typeof CHAOS_ENDPOINTS)[number];

/** One injected error: `endpoint` answers error `code` with probability `probability`. */
export interface ChaosError {
  endpoint: ChaosEndpoint;
  /** A code of the endpoint's error table (spec §3). */
  code: number;
  /** 0–1. */
  probability: number;
}

/** The chaos settings (all off by default, rate limits on as on the service). */
export interface ChaosSettings {
  /** Injected errors, checked in order; the first that fires answers. @default [] */
  errors: ChaosError[];
  /** Delay before each /sys reply, ms: fixed (`min === max`) or uniform in [min, max]. @default { min: 0, max: 0 } */
  latency: { min: number; max: number };
  /** Probability of destroying the socket instead of answering a /sys request (before the core acts). @default 0 */
  resetRate: number;
  /** The error-9 limits and the per-IP block (spec §3.3). @default true */
  rateLimits: boolean;
  /** How long the slow magic number's reply waits, ms. @default 10000 */
  slowReplyMs: number;
}

/** Default of ChaosSettings.slowReplyMs. */
export const DEFAULT_SLOW_REPLY_MS = 10_000;

/** What chaos does to one request before the core acts: a fate that replaces serving it, and a delay. */
export interface ChaosVerdict {
  /** Set when the request is lost or refused instead of served. */
  fate?: Fate<never>;
  /** Latency to add to whatever happens, ms. */
  delayMs: number;
}

/** Run-time chaos control shared by every adapter and listener of a sandbox. */
export interface Chaos {
  /** The current settings (a copy). */
  get(): ChaosSettings;
  /**
   * Changes some settings; the rest stay.
   * @throws ChaosSettingsError for a value out of range or an error code the endpoint does not have
   */
  set(patch: Partial<ChaosSettings>): ChaosSettings;
  /** Decides whether a request is lost, refused with an error, or served, and how late. */
  decide(endpoint: ChaosEndpoint, params: Record<string, string>): ChaosVerdict;
}

/** A chaos setting that cannot be used; the message names it. */
export class ChaosSettingsError extends Error {
  override name = "ChaosSettingsError";
}

/** Options of createChaos. */
export interface ChaosOptions {
  /** The switch of the core's rate limits, which `rateLimits` reads and sets. */
  rateLimits: { enabled: boolean };
  /** Randomness in [0, 1). @default Math.random */
  random?: () => number;
  /** An id for injected send errors that carry one (3, 6, 7, 8) when the request named none. */
  allocateId: () => MessageId;
  initial?: Partial<ChaosSettings>;
}

const probability = (name: string, p: unknown): number => {
  if (typeof p !== "number" || !(p >= 0 && p <= 1))
    throw new ChaosSettingsError(`${name} must be a number from 0 to 1`);
  return p;
};

const ms = (name: string, v: unknown): number => {
  if (typeof v !== "number" || !Number.isInteger(v) || v < 0 || v > 600_000)
    throw new ChaosSettingsError(`${name} must be an integer number of ms from 0 to 600000`);
  return v;
};

/** Checks one injected error. */
export function checkChaosError(e: unknown): ChaosError {
  const o = (typeof e === "object" && e !== null ? e : {}) as Record<string, unknown>;
  const endpoint = o.endpoint as ChaosEndpoint;
  if (!CHAOS_ENDPOINTS.includes(endpoint))
    throw new ChaosSettingsError(`errors[].endpoint must be one of ${CHAOS_ENDPOINTS.join(", ")}`);
  const code = o.code;
  if (typeof code !== "number" || !errorInfo(code, endpoint))
    throw new ChaosSettingsError(
      `errors[].code must be a ${endpoint} error code (${Object.keys(ERROR_TABLES[endpoint]).join(", ")})`,
    );
  return { endpoint, code, probability: probability("errors[].probability", o.probability) };
}

/**
 * Creates the chaos control: injected errors per endpoint, latency, connection resets, the rate-limit switch and
 * the slow magic number's delay, all decided with the injected `random` so tests are deterministic.
 */
export function createChaos(options: ChaosOptions): Chaos {
  const random = options.random ?? Math.random;
  const { rateLimits } = options;
  let s: Omit<ChaosSettings, "rateLimits"> = {
    errors: [],
    latency: { min: 0, max: 0 },
    resetRate: 0,
    slowReplyMs: DEFAULT_SLOW_REPLY_MS,
  };
  const get = (): ChaosSettings => ({
    ...s,
    errors: s.errors.map((e) => ({ ...e })),
    latency: { ...s.latency },
    rateLimits: rateLimits.enabled,
  });
  function set(patch: Partial<ChaosSettings>): ChaosSettings {
    const next = { ...s };
    if (patch.errors !== undefined) {
      if (!Array.isArray(patch.errors)) throw new ChaosSettingsError("errors must be an array");
      next.errors = patch.errors.map(checkChaosError);
    }
    if (patch.latency !== undefined) {
      const l = patch.latency as unknown;
      const { min, max } =
        typeof l === "number" ? { min: l, max: l } : ((l ?? {}) as { min?: unknown; max?: unknown });
      next.latency = { min: ms("latency.min", min), max: ms("latency.max", max ?? min) };
      if (next.latency.max < next.latency.min)
        throw new ChaosSettingsError("latency.max must not be below latency.min");
    }
    if (patch.resetRate !== undefined) next.resetRate = probability("resetRate", patch.resetRate);
    if (patch.slowReplyMs !== undefined) next.slowReplyMs = ms("slowReplyMs", patch.slowReplyMs);
    if (patch.rateLimits !== undefined && typeof patch.rateLimits !== "boolean")
      throw new ChaosSettingsError("rateLimits must be true or false");
    s = next;
    if (patch.rateLimits !== undefined) rateLimits.enabled = patch.rateLimits;
    return get();
  }
  if (options.initial) set(options.initial);
  return {
    get,
    set,
    decide(endpoint, params) {
      const { min, max } = s.latency;
      const delayMs = min + Math.floor(random() * (max - min + 1));
      if (s.resetRate > 0 && random() < s.resetRate) return { fate: { kind: "lose-request" }, delayMs };
      for (const e of s.errors) {
        if (e.endpoint !== endpoint || !(random() < e.probability)) continue;
        const withId = endpoint === "send" && errorInfo(e.code, "send")?.withId;
        const id = withId ? (params.id ? toMessageId(params.id) : options.allocateId()) : undefined;
        return { fate: { kind: "error", error: apiError(e.code, endpoint, id) }, delayMs };
      }
      return { delayMs };
    },
  };
}
