import {
  type Charset,
  decodeRestBody,
  decodeText,
  type ErrorReply,
  encodeError,
  type Fmt,
  normalizeCharset,
  parseFmt,
  REST_ENDPOINTS,
} from "smsc/protocol";
import { apiError, isErrorReply } from "../core/api-error.js";
import type { Core } from "../core/types.js";
import { BodyTooLargeError, type Handler, type HttpRequest, type HttpResponse } from "../http/http-types.js";
import type { Router } from "../http/router.js";
import { MAX_BODY_BYTES, parseParams } from "../http/sys/read-params.js";
import { type HttpFateTable, renderFate } from "../http/sys/render-fate.js";
import { sendScript } from "../http/sys/send.js";
import { wireReply } from "../http/sys/wire-reply.js";

/** How REST renders each fate: the same HTTP behaviour as /sys, in its own column of the fate table. */
const REST_FATES: HttpFateTable = {
  answer: "reply",
  error: "error",
  "lose-reply": "drop",
  "lose-request": "drop",
};

/** The reply format when the request names none: REST answers JSON (api-surface §13 [OBS]). */
const DEFAULT_FMT: Fmt = 3;
/** The reply charset when the request names none: the JSON body's own, UTF-8 (https://github.com/smsc-kz/smsc/blob/main/docs/protocol.md "REST"). */
const DEFAULT_CHARSET: Charset = "utf-8";

/**
 * Registers `POST /rest/send/` (and `/rest/send` without the slash): send.php's parameters as a JSON object in the
 * body (the query's parameters too, the body winning), through the same core rules as send.php. The reply is JSON
 * unless `fmt` asks for another format; errors are `{"error", "error_code"}` (https://github.com/smsc-kz/smsc/blob/main/docs/protocol.md "REST").
 */
export function registerRestRoutes(router: Router, core: Core): void {
  const handler = restSendHandler(core);
  router.on("POST", REST_ENDPOINTS.send, handler);
  router.on("POST", REST_ENDPOINTS.send.replace(/\/$/, ""), handler);
}

function restSendHandler(core: Core): Handler {
  return async (req) => {
    const query = parseParams(req.query, undefined, Buffer.alloc(0)).params;
    const body = await readBody(req);
    const params = body === undefined ? query : { ...query, ...body };
    const fmt = params.fmt?.trim() ? parseFmt(params.fmt) : DEFAULT_FMT;
    const charset = normalizeCharset(params.charset) ?? DEFAULT_CHARSET;
    const fail = (e: ErrorReply) => wireReply(encodeError(e, fmt), fmt, charset);
    if (body === undefined) return fail(apiError(1));
    const auth = core.authenticate({
      ...(params.login !== undefined ? { login: params.login } : {}),
      ...(params.psw !== undefined ? { psw: params.psw } : {}),
      ...(params.apikey !== undefined ? { apikey: params.apikey } : {}),
      ...(req.remoteAddress ? { ip: req.remoteAddress } : {}),
    });
    if (isErrorReply(auth)) return fail(auth);
    const call = { params, account: auth, fmt, charset };
    return renderFate(
      await core.send({ account: auth, params, origin: "rest" }),
      req,
      (outcome): HttpResponse => wireReply(sendScript.encode(outcome, call), fmt, charset),
      fail,
      REST_FATES,
    );
  };
}

/** The JSON body's parameters ({} for an empty body); undefined when it is not a JSON object or too large. */
async function readBody(req: HttpRequest): Promise<Record<string, string> | undefined> {
  let bytes: Uint8Array;
  try {
    bytes = await req.body(MAX_BODY_BYTES);
  } catch (err) {
    if (err instanceof BodyTooLargeError) return undefined;
    throw err;
  }
  const text = decodeText(bytes, "utf-8");
  return text.trim() === "" ? {} : decodeRestBody(text);
}
