import type { FormFields } from "../protocol/index.js";

/** Receives the SDK's debug events; `console` fits. */
export interface SmscLogger {
  debug(message: string, details?: Record<string, unknown>): void;
}

/** Wire fields whose values are secrets. The login is not a secret and stays visible, which helps support. */
export const SECRET_FIELDS: ReadonlySet<string> = new Set(["psw", "apikey"]);

/** The mask written in place of a secret. */
export const REDACTED = "***";

/** Copies request fields into a plain object with every secret masked. */
export function redactFields(fields: FormFields): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of fields) out[k] = SECRET_FIELDS.has(k) ? REDACTED : v;
  return out;
}
