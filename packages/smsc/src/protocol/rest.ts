import type { FormFields } from "./form.js";

/**
 * The JSON body of a REST request (api-surface §13): the send.php parameters as one JSON object of strings. A name
 * given twice keeps its last value.
 */
export function encodeRestBody(fields: FormFields): string {
  return JSON.stringify(Object.fromEntries(fields));
}

/**
 * Reads a REST request body into send.php parameters: a JSON object whose values are strings, numbers, booleans
 * (1 / 0), null (left out) or arrays of those (joined with ",", as `phones` lists are). Undefined when the body is
 * not such an object, which the service answers with error 1 (https://github.com/smsc-kz/smsc/blob/main/docs/protocol.md "REST").
 */
export function decodeRestBody(text: string): Record<string, string> | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch {
    return undefined;
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) return undefined;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(value)) {
    if (v === null) continue;
    const s = Array.isArray(v)
      ? v.every(isScalar)
        ? v.map(scalar).join(",")
        : undefined
      : isScalar(v)
        ? scalar(v)
        : undefined;
    if (s === undefined) return undefined;
    out[k] = s;
  }
  return out;
}

function isScalar(v: unknown): v is string | number | boolean {
  return typeof v === "string" || (typeof v === "number" && Number.isFinite(v)) || typeof v === "boolean";
}

function scalar(v: string | number | boolean): string {
  return typeof v === "boolean" ? (v ? "1" : "0") : String(v);
}
