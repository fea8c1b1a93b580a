import type { HttpResponse } from "./http-types.js";

/** A JSON reply. */
export function json(status: number, body: unknown, headers: Record<string, string> = {}): HttpResponse {
  return {
    status,
    headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store", ...headers },
    body: JSON.stringify(body),
  };
}

/** A plain-text reply outside the wire protocol (404, 405, 500 of non-API paths), ending with a line break. */
export function text(status: number, message: string, headers: Record<string, string> = {}): HttpResponse {
  return {
    status,
    headers: { "Content-Type": "text/plain; charset=utf-8", ...headers },
    body: `${message}\n`,
  };
}
