import type { ErrorReply, Fmt, MessageId } from "../types.js";
import { cleanBody, idValue, num, parseJson, xmlElement, xmlFields } from "./shared.js";

/**
 * Writes an API error in one of the four documented shapes (spec §2.5). The id is written only when given,
 * which the caller does for send errors 3, 6, 7 and 8.
 */
export function encodeError(err: ErrorReply, fmt: Fmt): string {
  const hasId = err.id !== undefined && err.id !== "";
  switch (fmt) {
    case 0:
      return `ERROR = ${err.code} (${err.error})${hasId ? `, ID - ${err.id}` : ""}`;
    case 1:
      return `${hasId ? err.id : 0},-${err.code}`;
    case 2:
      return xmlElement("result", [
        ["error", err.error],
        ["error_code", err.code],
        ...(hasId ? [["id", err.id as MessageId] as const] : []),
      ]);
    case 3:
      return JSON.stringify({ error: err.error, error_code: err.code, ...(hasId ? { id: err.id } : {}) });
  }
}

/**
 * Recognises an error body in any format, or returns undefined when the body is not an error. For fmt=1 only the
 * single-line `<id>,-<code>` form is an error (spec §11.5).
 */
export function decodeError(body: string, fmt: Fmt): ErrorReply | undefined {
  const b = cleanBody(body);
  switch (fmt) {
    case 0: {
      const m = /^ERROR\s*=\s*(\d+)\s*\((.*)\)(?:,\s*ID\s*-\s*(\S+))?$/s.exec(b);
      if (!m) return undefined;
      return withId({ error: m[2]!, code: Number(m[1]) }, m[3]);
    }
    case 1: {
      const m = /^([^,\n]*),-(\d+)$/.exec(b);
      if (!m) return undefined;
      const id = m[1]!.trim();
      return withId({ error: "", code: Number(m[2]) }, id === "0" || id === "" ? undefined : id);
    }
    case 2: {
      if (!/<error_code>/.test(b)) return undefined;
      const f = xmlFields(b);
      return withId({ error: f.get("error") ?? "", code: num(f.get("error_code")) }, f.get("id"));
    }
    case 3: {
      // an error object always names "error" or "error_code": a reply without either is not parsed twice
      if (!b.includes('"error')) return undefined;
      const j = parseJson(b) as Record<string, unknown> | undefined;
      if (!j || typeof j !== "object" || Array.isArray(j) || !("error_code" in j || "error" in j))
        return undefined;
      return withId({ error: String(j.error ?? ""), code: num(j.error_code) }, j.id);
    }
  }
}

function withId(err: ErrorReply, id: unknown): ErrorReply {
  if (id === undefined || id === null || id === "") return err;
  return { ...err, id: idValue(id) };
}
