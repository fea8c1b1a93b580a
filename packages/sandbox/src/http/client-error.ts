import type { Duplex } from "node:stream";
import { encodeError, parseFmt } from "smsc/protocol";
import { apiError } from "../core/api-error.js";
import { API_PREFIX } from "./api/api-routes.js";
import { SYS_SCRIPTS } from "./sys/index.js";
import { FMT_MEDIA_TYPES } from "./sys/wire-reply.js";

/** Node's default limit on a request head (`--max-http-header-size`), which the sandbox keeps. */
const MAX_HEAD_KB = 16;

const answered = new WeakSet<Duplex>();

/**
 * Answers a request Node could not parse (the server's `clientError` event) instead of Node's bare 400/431 with
 * an empty body: 431 for a head over {@link MAX_HEAD_KB} KB, 400 for anything else that is not HTTP. The body
 * takes the shape the path promises when the request line is readable: the service's error 1 in the asked `fmt`
 * on /sys, a JSON error on /api/v1, plain text elsewhere. The connection is closed after it.
 */
export function answerClientError(err: Error & { code?: string; rawPacket?: Buffer }, socket: Duplex): void {
  // the parser may report the same connection once per chunk it was still given
  if (answered.has(socket) || !socket.writable) {
    socket.destroy();
    return;
  }
  answered.add(socket);
  if (err.code === "ECONNRESET") {
    socket.destroy();
    return;
  }
  const tooLarge = err.code === "HPE_HEADER_OVERFLOW";
  const status = tooLarge ? "431 Request Header Fields Too Large" : "400 Bad Request";
  const reason = tooLarge ? `request head larger than ${MAX_HEAD_KB} KB` : "malformed HTTP request";
  const target = requestTarget(err.rawPacket);
  const path = target?.split("?")[0];
  let type = "text/plain; charset=utf-8";
  let body = `${reason}${tooLarge ? ": send the parameters in a POST body" : ""}\n`;
  if (path !== undefined && SYS_SCRIPTS.some((s) => s.path === path)) {
    const fmt = parseFmt(new URLSearchParams(target!.slice(path.length)).get("fmt") ?? undefined);
    type = `${FMT_MEDIA_TYPES[fmt]}; charset=utf-8`;
    body = encodeError(apiError(1), fmt);
  } else if (path?.startsWith(API_PREFIX)) {
    type = "application/json; charset=utf-8";
    body = JSON.stringify({ error: reason });
  }
  const bytes = Buffer.from(body);
  // the answer to a HEAD has the head only: a client reads whatever follows as the next reply
  const head = /^HEAD /.test(err.rawPacket?.subarray(0, 5).toString("latin1") ?? "");
  socket.end(
    `HTTP/1.1 ${status}\r\nContent-Type: ${type}\r\nContent-Length: ${bytes.length}\r\n` +
      `Cache-Control: no-store\r\nConnection: close\r\n\r\n${head ? "" : bytes.toString("latin1")}`,
    "latin1",
  );
}

/** The request target of the request line at the start of `raw`, when the chunk holds one. */
function requestTarget(raw: Buffer | undefined): string | undefined {
  const m = /^[A-Z]{1,16} (\/\S*)/.exec(raw?.subarray(0, 16 * 1024).toString("latin1") ?? "");
  return m?.[1];
}
