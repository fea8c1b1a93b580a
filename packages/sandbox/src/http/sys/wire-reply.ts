import { type Charset, encodeText, type Fmt } from "smsc/protocol";
import type { HttpResponse } from "../http-types.js";

/** Media type of a reply per `fmt` (the service's own headers are undocumented; our choice, https://github.com/smsc-kz/smsc/blob/main/docs/protocol.md). */
export const FMT_MEDIA_TYPES = {
  0: "text/plain",
  1: "text/plain",
  2: "application/xml",
  3: "application/json",
} as const satisfies Record<Fmt, string>;

/** Any character outside ASCII. */
const NON_ASCII = /[^\x00-\x7f]/;

/** The Content-Type of every fmt in every charset, built once. */
const CONTENT_TYPES = new Map<string, string>();

function contentType(fmt: Fmt, charset: Charset): string {
  const key = `${fmt}${charset}`;
  let type = CONTENT_TYPES.get(key);
  if (type === undefined) {
    type = `${FMT_MEDIA_TYPES[fmt]}; charset=${charset}`;
    CONTENT_TYPES.set(key, type);
  }
  return type;
}

/** A /sys reply: HTTP 200 always (errors live in the body, spec §1.3), the body in the request's charset. */
export function wireReply(body: string, fmt: Fmt, charset: Charset): HttpResponse {
  return {
    status: 200,
    headers: { "Content-Type": contentType(fmt, charset), "Cache-Control": "no-store" },
    // ASCII is the same bytes in every charset of the service, and a string body goes out with the head in one write
    body: NON_ASCII.test(body) ? encodeText(body, charset) : body,
  };
}
