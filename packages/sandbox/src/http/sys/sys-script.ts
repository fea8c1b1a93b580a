import {
  type Charset,
  DEFAULT_CHARSET,
  type ERROR_TABLES,
  encodeError,
  type Fmt,
  parseFmt,
} from "smsc/protocol";
import { apiError, isErrorReply } from "../../core/api-error.js";
import type { Fate } from "../../core/fate.js";
import type { Account, Core, Credentials } from "../../core/types.js";
import { BodyTooLargeError, type Handler } from "../http-types.js";
import { BadBodyError, MAX_BODY_BYTES, parseParams, type RequestParams, readParams } from "./read-params.js";
import { renderFate } from "./render-fate.js";
import { wireReply } from "./wire-reply.js";

/** A decoded, authenticated /sys request. */
export interface SysCall {
  params: Record<string, string>;
  account: Account;
  fmt: Fmt;
  charset: Charset;
}

/** One /sys script: what it asks the core, and how its answer is written in the request's format. */
export interface SysScript<T> {
  /** Its path, from the protocol's ENDPOINTS. */
  path: string;
  /** The error table of its errors (spec §3). */
  table: keyof typeof ERROR_TABLES;
  /** Asks the core; the fate says what goes back. */
  serve(core: Core, call: SysCall): Fate<T> | Promise<Fate<T>>;
  /** Writes a served value in the request's format. */
  encode(value: T, call: SysCall): string;
}

/**
 * The handler of a /sys script: merges query and body (urlencoded or multipart, in the request's charset),
 * authenticates, asks the script and renders its fate. A body that cannot be read is error 1, in the format and
 * charset the query names.
 */
export function sysHandler<T>(core: Core, script: SysScript<T>): Handler {
  return async (req) => {
    let parsed: RequestParams;
    try {
      const body = await req.body(MAX_BODY_BYTES);
      parsed = await readParams(
        req.query,
        req.header("content-type"),
        Buffer.from(body.buffer, body.byteOffset, body.length),
      );
    } catch (err) {
      if (!(err instanceof BadBodyError) && !(err instanceof BodyTooLargeError)) throw err;
      const fallback = queryParams(req.query);
      const fmt = parseFmt(fallback.params.fmt);
      return wireReply(encodeError(apiError(1, script.table), fmt), fmt, fallback.charset);
    }
    const { params, charset } = parsed;
    const fmt = parseFmt(params.fmt);
    const auth = core.authenticate(credentials(params, req.remoteAddress));
    if (isErrorReply(auth)) return wireReply(encodeError(auth, fmt), fmt, charset);
    const call: SysCall = { params, account: auth, fmt, charset };
    return renderFate(
      await script.serve(core, call),
      req,
      (value) => wireReply(script.encode(value, call), fmt, charset),
      (e) => wireReply(encodeError(e, fmt), fmt, charset),
    );
  };
}

/** A request's credentials, only those it gives (built field by field: this runs for every request). */
function credentials(params: Record<string, string>, ip: string | undefined): Credentials {
  const creds: Credentials = {};
  if (params.login !== undefined) creds.login = params.login;
  if (params.psw !== undefined) creds.psw = params.psw;
  if (params.apikey !== undefined) creds.apikey = params.apikey;
  if (ip) creds.ip = ip;
  return creds;
}

/** The query's parameters for an error reply's format; a query that cannot be read gets the defaults. */
function queryParams(query: string): RequestParams {
  try {
    return parseParams(query, undefined, Buffer.alloc(0));
  } catch (err) {
    if (!(err instanceof BadBodyError)) throw err;
    return { params: {}, charset: DEFAULT_CHARSET };
  }
}
