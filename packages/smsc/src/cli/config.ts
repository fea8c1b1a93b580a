import { chmodSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, join } from "node:path";
import { UsageError } from "./exit-codes.js";

/** The settings a profile may hold: the SDK's options, by their SDK names. */
export interface Profile {
  login?: string;
  password?: string;
  apiKey?: string;
  domain?: string;
  baseUrl?: string | string[];
  https?: boolean;
  charset?: string;
  timeout?: number;
  maxRetries?: number;
}

/** The config file: named profiles and the one used when no --profile is given. */
export interface ConfigFile {
  default?: string;
  profiles?: Record<string, Profile>;
}

/** Profile keys, with their type; anything else in a profile is an error (a typo would silently do nothing). */
export const PROFILE_KEYS = {
  login: "string",
  password: "string",
  apiKey: "string",
  domain: "string",
  baseUrl: "string-list",
  https: "boolean",
  charset: "string",
  timeout: "number",
  maxRetries: "number",
} as const satisfies Record<keyof Profile, string>;

/** Profile keys whose values are secrets: never printed, masked in `config list/get`. */
export const SECRET_KEYS: ReadonlySet<string> = new Set(["password", "apiKey"]);

/**
 * Where the config file is: $SMSC_CONFIG, else $XDG_CONFIG_HOME/smsc/config.json, else ~/.config/smsc/config.json.
 */
export function configPath(env: Record<string, string | undefined>): string {
  if (env.SMSC_CONFIG) return env.SMSC_CONFIG;
  const base = env.XDG_CONFIG_HOME || join(env.HOME || homedir(), ".config");
  return join(base, "smsc", "config.json");
}

/** Reads the config file; a missing file is an empty config, a broken one a usage error naming the file. */
export function readConfig(path: string): ConfigFile {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return {};
    throw new UsageError(`cannot read config ${path}: ${(e as Error).message}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new UsageError(`config ${path} is not JSON: ${(e as Error).message}`);
  }
  return checkConfig(data, path);
}

function checkConfig(data: unknown, path: string): ConfigFile {
  if (!isObject(data)) throw new UsageError(`config ${path}: must be a JSON object`);
  if (data.default !== undefined && typeof data.default !== "string")
    throw new UsageError(`config ${path}: "default" must be a profile name`);
  if (data.profiles !== undefined && !isObject(data.profiles))
    throw new UsageError(`config ${path}: "profiles" must be an object`);
  for (const [name, p] of Object.entries(data.profiles ?? {})) {
    if (!isObject(p)) throw new UsageError(`config ${path}: profile "${name}" must be an object`);
    for (const [k, v] of Object.entries(p)) {
      const type = PROFILE_KEYS[k as keyof Profile];
      if (type === undefined)
        throw new UsageError(
          `config ${path}: profile "${name}" has unknown key "${k}" (known: ${Object.keys(PROFILE_KEYS).join(", ")})`,
        );
      const ok =
        type === "string-list"
          ? typeof v === "string" || (Array.isArray(v) && v.every((x) => typeof x === "string"))
          : typeof v === type;
      if (!ok) throw new UsageError(`config ${path}: profile "${name}" key "${k}" must be a ${type}`);
    }
  }
  return data as ConfigFile;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/**
 * The profile to use: --profile, else $SMSC_PROFILE, else the file's "default". A name that is asked for but
 * missing is an error; no name at all is an empty profile.
 */
export function selectProfile(
  config: ConfigFile,
  asked: string | undefined,
  path: string,
): { name?: string; profile: Profile } {
  const name = asked ?? config.default;
  if (name === undefined) return { profile: {} };
  const profile = config.profiles?.[name];
  if (!profile) {
    const known = Object.keys(config.profiles ?? {});
    throw new UsageError(
      `no profile "${name}" in ${path}${known.length ? ` (profiles: ${known.join(", ")})` : ""}`,
    );
  }
  return { name, profile };
}

/** Writes the config file atomically with owner-only permissions (it may hold passwords). */
export function writeConfig(path: string, config: ConfigFile): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(config, null, 2)}\n`, { mode: 0o600 });
  chmodSync(tmp, 0o600);
  renameSync(tmp, path);
}

/** A profile with its secrets masked, for printing. */
export function maskProfile(p: Profile): Record<string, unknown> {
  return Object.fromEntries(Object.entries(p).map(([k, v]) => [k, SECRET_KEYS.has(k) ? "***" : v]));
}

/** Parses a `config set` value into the key's type. */
export function parseProfileValue(key: string, value: string): Profile[keyof Profile] {
  const type = PROFILE_KEYS[key as keyof Profile];
  if (type === undefined)
    throw new UsageError(`unknown key "${key}" (known: ${Object.keys(PROFILE_KEYS).join(", ")})`);
  if (type === "number") {
    const n = Number(value);
    if (value.trim() === "" || !Number.isFinite(n)) throw new UsageError(`${key} must be a number`);
    return n;
  }
  if (type === "boolean") {
    if (value !== "true" && value !== "false") throw new UsageError(`${key} must be true or false`);
    return value === "true";
  }
  if (type === "string-list") return value.includes(",") ? value.split(",") : value;
  return value;
}
