import { Smsc, type SmscLogger, type SmscOptions } from "../client/index.js";
import { CHARSETS, type Charset, DEFAULT_DOMAIN, DOMAINS, type Domain } from "../protocol/index.js";
import { num, str, type Values } from "./command.js";
import { configPath, type Profile, readConfig, selectProfile } from "./config.js";
import { UsageError } from "./errors.js";
import { type Env, type Flags, flagLines, parseOptions } from "./flags.js";
import type { Io } from "./io.js";
import { promptHidden, readStdinLine } from "./password.js";

/** Account and connection flags of every command that talks to the service. They mirror the SDK's options. */
export const CLIENT_FLAGS = {
  login: { type: "string", arg: "login", help: "account login (env SMSC_LOGIN)" },
  password: {
    type: "string",
    arg: "password",
    help: "password or its MD5 (env SMSC_PASSWORD); never printed",
  },
  "password-stdin": {
    type: "boolean",
    help: "read the password from stdin (asked without echo on a terminal)",
  },
  "api-key": { type: "string", arg: "key", help: "API key instead of login and password (env SMSC_API_KEY)" },
  domain: {
    type: "string",
    arg: "domain",
    help: `${DOMAINS.join(", ")} (default ${DEFAULT_DOMAIN}; env SMSC_DOMAIN)`,
    complete: DOMAINS,
  },
  "base-url": {
    type: "string",
    multiple: true,
    arg: "url",
    help: "API base URL, repeatable or a comma list for failover (env SMSC_BASE_URL)",
  },
  "no-https": { type: "boolean", help: "plain http for --domain hosts" },
  charset: { type: "string", arg: "name", help: "utf-8 (default), windows-1251, koi8-r", complete: CHARSETS },
  timeout: { type: "string", arg: "ms", help: "per-request timeout (default 30000)" },
  "max-retries": { type: "string", arg: "n", help: "retries of read calls, 0-10 (default 2)" },
  profile: {
    type: "string",
    arg: "name",
    help: "config profile (env SMSC_PROFILE; file $SMSC_CONFIG or ~/.config/smsc/config.json)",
    complete: profileNames,
  },
} as const satisfies Flags;

/** --verbose: only for commands that talk to the service. */
export const VERBOSE_FLAG = {
  verbose: { type: "boolean", short: "v", help: "log every request and reply to stderr, secrets masked" },
} as const satisfies Flags;

/** Output flags of every command. */
export const OUTPUT_FLAGS = {
  json: {
    type: "boolean",
    arg: "[fields]",
    help: "machine output (the default into a pipe); --json id,cost keeps only those fields",
  },
  "no-color": { type: "boolean", help: "no colours (also NO_COLOR=1; FORCE_COLOR=1 forces them)" },
  help: { type: "boolean", short: "h", help: "help" },
} as const satisfies Flags;

/** `smsc --version`, listed in the main help (it is not a flag of the commands). */
export const VERSION_FLAG = {
  version: { type: "boolean", short: "V", help: "print the version of smsc" },
} as const satisfies Flags;

/** Every flag every command accepts, as node:util parseArgs options. */
export const GLOBAL_OPTIONS = parseOptions({ ...CLIENT_FLAGS, ...VERBOSE_FLAG, ...OUTPUT_FLAGS });

/** Help text of the global flags of a command that talks to the service (offline: only the output flags). */
export function globalHelp(offline = false, heading: (s: string) => string = (s) => s): string {
  const output = `${heading("Output:")}\n${flagLines(offline ? OUTPUT_FLAGS : { ...VERBOSE_FLAG, ...OUTPUT_FLAGS })}`;
  if (offline) return output;
  return `${heading("Account and connection (flags > environment > config profile):")}\n${flagLines(CLIENT_FLAGS)}\n${output}`;
}

/** Profile names of the config file, for completing --profile; none when the file cannot be read. */
function profileNames(env: Env): string[] {
  try {
    return Object.keys(readConfig(configPath(env)).profiles ?? {});
  } catch {
    return [];
  }
}

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

/**
 * Builds the SDK client from the global flags, the environment and the config profile. The password may come
 * from stdin (--password-stdin), or, when a login has none anywhere and stdin is a terminal, from a prompt that
 * does not echo.
 */
export async function clientFromFlags(values: Values, env: Env, io: Io, signal?: AbortSignal): Promise<Smsc> {
  const { options } = resolveClientOptions(values, env);
  const password = await passwordFor(options, values, env, io, signal);
  if (password !== undefined) options.password = password;
  if (values.verbose === true) options.logger = stderrLogger(io.stderr);
  return new Smsc(options);
}

async function passwordFor(
  options: SmscOptions,
  values: Values,
  env: Env,
  io: Io,
  signal?: AbortSignal,
): Promise<string | undefined> {
  if (values["password-stdin"] === true) {
    if (str(values, "password") !== undefined)
      throw new UsageError("--password and --password-stdin both give the password: keep one");
    if (options.login === undefined)
      throw new UsageError("--password-stdin needs a login: --login, SMSC_LOGIN or a profile's login");
    return readPassword(io, `password for ${options.login}: `, signal);
  }
  const hasPassword = options.password !== undefined || Boolean(env.SMSC_PASSWORD);
  if (options.login === undefined || options.apiKey !== undefined || hasPassword) return undefined;
  if (io.stdin?.isTTY !== true) return undefined;
  return promptHidden(`password for ${options.login}: `, io.stdin, io.stderr, signal);
}

/** --password-stdin: the first line of stdin, or, when stdin is a terminal, a prompt without echo. */
export async function readPassword(io: Io, prompt: string, signal?: AbortSignal): Promise<string> {
  if (!io.stdin) throw new UsageError("--password-stdin: there is no stdin to read");
  const pw = io.stdin.isTTY
    ? await promptHidden(prompt, io.stdin, io.stderr, signal)
    : await readStdinLine(io.stdin);
  if (pw === "") throw new UsageError("--password-stdin: stdin gave an empty password");
  return pw;
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
