import type { ParseArgsConfig } from "node:util";
import { Smsc } from "../client/index.js";
import type { Domain } from "../protocol/index.js";
import { str, type Values } from "./command.js";

/** Flags every command takes. Credentials also come from SMSC_LOGIN, SMSC_PASSWORD, SMSC_API_KEY, SMSC_BASE_URL. */
export const GLOBAL_OPTIONS = {
  "base-url": { type: "string" },
  domain: { type: "string" },
  login: { type: "string" },
  password: { type: "string" },
  "api-key": { type: "string" },
  timeout: { type: "string" },
  json: { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const satisfies NonNullable<ParseArgsConfig["options"]>;

/** Help text of the global flags. */
export const GLOBAL_HELP = `Global flags:
  --base-url <url[,url]>  API base URL or failover list (env SMSC_BASE_URL)
  --domain <domain>       smsc.kz (default), smsc.ru, smsc.ua, smsc.tj, smscentre.com
  --login <login>         account login (env SMSC_LOGIN)
  --password <password>   password or its MD5 (env SMSC_PASSWORD)
  --api-key <key>         API key instead of login and password (env SMSC_API_KEY)
  --timeout <ms>          per-request timeout (default 30000)
  --json                  JSON output (the default when stdout is not a terminal)
  -h, --help              this help`;

/** Builds the SDK client from the global flags; options the flags leave out fall back to the environment. */
export function clientFromFlags(values: Values): Smsc {
  const baseUrl = str(values, "base-url");
  const timeout = str(values, "timeout");
  return new Smsc({
    ...(baseUrl !== undefined ? { baseUrl: baseUrl.split(",") } : {}),
    ...(str(values, "domain") !== undefined ? { domain: str(values, "domain") as Domain } : {}),
    ...(str(values, "login") !== undefined ? { login: str(values, "login") } : {}),
    ...(str(values, "password") !== undefined ? { password: str(values, "password") } : {}),
    ...(str(values, "api-key") !== undefined ? { apiKey: str(values, "api-key") } : {}),
    ...(timeout !== undefined ? { timeout: Number(timeout) } : {}),
  });
}
