import type { ParseArgsConfig } from "node:util";
import { Smsc, type SmscLogger, type SmscOptions } from "../client/index.js";
import { type Charset, DEFAULT_DOMAIN, DOMAINS, type Domain } from "../protocol/index.js";
import { num, str, type Values } from "./command.js";
import { configPath, type Profile, readConfig, selectProfile } from "./config.js";
import { UsageError } from "./exit-codes.js";

/** Flags every command takes. They mirror the SDK's options (https://github.com/smsc-kz/smsc/blob/main/docs/sdk.md "Options"). */
export const GLOBAL_OPTIONS = {
  "base-url": { type: "string", multiple: true },
  domain: { type: "string" },
  "no-https": { type: "boolean" },
  login: { type: "string" },
  password: { type: "string" },
  "api-key": { type: "string" },
  charset: { type: "string" },
  timeout: { type: "string" },
  "max-retries": { type: "string" },
  profile: { type: "string" },
  verbose: { type: "boolean", short: "v" },
  json: { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const satisfies NonNullable<ParseArgsConfig["options"]>;

/** Help text of the global flags; the domain list comes from the protocol. */
export const GLOBAL_HELP = `Account and connection (flags > environment > config profile):
  --login <login>         account login (env SMSC_LOGIN)
  --password <password>   password or its MD5 (env SMSC_PASSWORD); never printed
  --api-key <key>         API key instead of login and password (env SMSC_API_KEY)
  --domain <domain>       ${DOMAINS.join(", ")} (default ${DEFAULT_DOMAIN}; env SMSC_DOMAIN)
  --base-url <url>        API base URL, repeatable or a comma list for failover (env SMSC_BASE_URL)
  --no-https              plain http for --domain hosts
  --charset <name>        utf-8 (default), windows-1251, koi8-r
  --timeout <ms>          per-request timeout (default 30000)
  --max-retries <n>       retries of read calls, 0-10 (default 2)
  --profile <name>        config profile (env SMSC_PROFILE; file $SMSC_CONFIG or ~/.config/smsc/config.json)
Output:
  --json                  machine output (the default when stdout is not a terminal)
  -v, --verbose           log every request and reply to stderr, secrets masked
  -h, --help              help`;

type Env = Record<string, string | undefined>;
type Source = "flags" | "env" | "profile";

/** Where each connection setting came from, for `smsc config list` and errors. */
export interface ResolvedClient {
  options: SmscOptions;
  profile?: string;
  authFrom?: Source;
}

/**
 * SDK options from the flags, the environment and the config profile. Credentials are taken as a group from the
 * first source that has any (so a --login never pairs with an API key from the environment); so are the target
 * (base URL / domain / https). Other settings are chosen one by one, flags first.
 */
export function resolveClientOptions(values: Values, env: Env): ResolvedClient {
  const path = configPath(env);
  const needsProfile = str(values, "profile") ?? env.SMSC_PROFILE;
  const { name, profile } = selectProfile(readConfig(path), needsProfile, path);

  const flagAuth = pick({
    login: str(values, "login"),
    password: str(values, "password"),
    apiKey: str(values, "api-key"),
  });
  const envAuth = pick({ login: env.SMSC_LOGIN, password: env.SMSC_PASSWORD, apiKey: env.SMSC_API_KEY });
  const profileAuth = pick({ login: profile.login, password: profile.password, apiKey: profile.apiKey });
  const [authFrom, auth] = first<Pick<Profile, "login" | "password" | "apiKey">>([
    ["flags", flagAuth],
    ["env", envAuth],
    ["profile", profileAuth],
  ]);

  const flagUrls = ((values["base-url"] as string[] | undefined) ?? []).flatMap((u) => u.split(","));
  const flagTarget = pick({
    baseUrl: flagUrls.length ? flagUrls : undefined,
    domain: str(values, "domain"),
    https: values["no-https"] === true ? false : undefined,
  });
  const envTarget = pick({ baseUrl: env.SMSC_BASE_URL?.split(","), domain: env.SMSC_DOMAIN });
  const profileTarget = pick({ baseUrl: profile.baseUrl, domain: profile.domain, https: profile.https });
  const [, target] = first<Pick<Profile, "baseUrl" | "domain" | "https">>([
    ["flags", flagTarget],
    ["env", envTarget],
    ["profile", profileTarget],
  ]);
  if (target.https === undefined && values["no-https"] === true) target.https = false;

  const options: SmscOptions = {
    ...(auth as SmscOptions),
    ...(target.baseUrl !== undefined ? { baseUrl: target.baseUrl } : {}),
    ...(target.domain !== undefined ? { domain: target.domain as Domain } : {}),
    ...(target.https !== undefined ? { https: target.https } : {}),
  };
  const charset = str(values, "charset") ?? profile.charset;
  if (charset !== undefined) options.charset = charset as Charset;
  const timeout = num(values, "timeout") ?? profile.timeout;
  if (timeout !== undefined) options.timeout = timeout;
  const maxRetries = num(values, "max-retries") ?? profile.maxRetries;
  if (maxRetries !== undefined) options.maxRetries = maxRetries;
  return { options, ...(name !== undefined ? { profile: name } : {}), ...(authFrom ? { authFrom } : {}) };
}

function pick<T extends Record<string, unknown>>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function first<T>(sources: Array<[Source, Partial<T>]>): [Source | undefined, Partial<T>] {
  for (const [s, v] of sources) if (Object.keys(v).length) return [s, v];
  return [undefined, {}];
}

/** A logger for --verbose: one line per SDK event on stderr. The SDK masks psw and apikey before it logs. */
export function stderrLogger(stderr: { write(s: string): unknown }): SmscLogger {
  return { debug: (message, details) => stderr.write(`smsc ${message} ${JSON.stringify(details ?? {})}\n`) };
}

/** Builds the SDK client from the global flags, the environment and the config profile. */
export function clientFromFlags(values: Values, env: Env, stderr: { write(s: string): unknown }): Smsc {
  const { options } = resolveClientOptions(values, env);
  if (values.verbose === true) options.logger = stderrLogger(stderr);
  return new Smsc(options);
}

/** The first base URL the client would use: for sandbox-only endpoints (`tail`). */
export function firstBaseUrl(values: Values, env: Env): string {
  const { options } = resolveClientOptions(values, env);
  const list =
    options.baseUrl === undefined
      ? []
      : typeof options.baseUrl === "string"
        ? [options.baseUrl]
        : options.baseUrl;
  if (list[0]) return list[0].replace(/\/+$/, "");
  if (options.domain === undefined)
    throw new UsageError("no sandbox URL: give --base-url (or SMSC_BASE_URL, or a profile with baseUrl)");
  return `${options.https === false ? "http" : "https"}://${options.domain}`;
}
