import type { ServerResponse } from "node:http";
import { type Charset, encodeText, type Fmt } from "smsc/protocol";

/** Media type of a reply per `fmt` (the service's own headers are undocumented; our choice, https://github.com/smsc-kz/smsc/blob/main/docs/protocol.md). */
export const FMT_MEDIA_TYPES = {
  0: "text/plain",
  1: "text/plain",
  2: "application/xml",
  3: "application/json",
} as const satisfies Record<Fmt, string>;

/** Writes a /sys reply: HTTP 200 always (errors live in the body, spec §1.3), the body in the request's charset. */
export function sendWire(res: ServerResponse, body: string, fmt: Fmt, charset: Charset): void {
  const bytes = encodeText(body, charset);
  res.writeHead(200, {
    "Content-Type": `${FMT_MEDIA_TYPES[fmt]}; charset=${charset}`,
    "Content-Length": bytes.length,
    "Cache-Control": "no-store",
  });
  res.end(bytes);
}

/** Writes a plain-text reply outside the wire protocol (404, 405, 500). */
export function sendPlain(
  res: ServerResponse,
  status: number,
  text: string,
  headers: Record<string, string> = {},
) {
  res.writeHead(status, { "Content-Type": "text/plain; charset=utf-8", ...headers });
  res.end(`${text}\n`);
}
