import { type Charset, encodeText, type Fmt } from "smsc/protocol";
import type { HttpResponse } from "../http-types.js";

/** Media type of a reply per `fmt` (the service's own headers are undocumented; our choice, https://github.com/smsc-kz/smsc/blob/main/docs/protocol.md). */
export const FMT_MEDIA_TYPES = {
  0: "text/plain",
  1: "text/plain",
  2: "application/xml",
  3: "application/json",
} as const satisfies Record<Fmt, string>;

/** A /sys reply: HTTP 200 always (errors live in the body, spec §1.3), the body in the request's charset. */
export function wireReply(body: string, fmt: Fmt, charset: Charset): HttpResponse {
  return {
    status: 200,
    headers: { "Content-Type": `${FMT_MEDIA_TYPES[fmt]}; charset=${charset}`, "Cache-Control": "no-store" },
    body: encodeText(body, charset),
  };
}
