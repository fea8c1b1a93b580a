import type { IncomingMessage, ServerResponse } from "node:http";
import {
  type Charset,
  ENDPOINTS,
  type ERROR_TABLES,
  type ErrorReply,
  encodeBalanceReply,
  encodeCostReply,
  encodeError,
  encodeSendReply,
  encodeStatusReply,
  type Fmt,
  parseFmt,
} from "smsc/protocol";
import { apiError, isErrorReply } from "../core/api-error.js";
import type { Account, Core } from "../core/types.js";
import { getPhp } from "./api/get-answers.js";
import { BadBodyError, parseParams, readBody } from "./read-params.js";
import { sendWire } from "./reply.js";

/** What a /sys handler gets: the decoded request and the authenticated account. */
interface SysRequest {
  params: Record<string, string>;
  account: Account;
  fmt: Fmt;
  req: IncomingMessage;
  res: ServerResponse;
  charset: Charset;
  hooks: SysHooks | undefined;
}

/** Hooks around the /sys scripts: the sandbox's chaos controls (src/chaos). */
export interface SysHooks {
  /** Decides, after authentication, whether a request is dropped, answered with an error, or served. */
  before?(
    script: string,
    params: Record<string, string>,
  ): Promise<{ drop: true } | { error: ErrorReply } | undefined>;
  /** How long the slow magic number's reply waits, ms. @default 10000 */
  slowReplyMs?(): number;
}

/** A /sys handler: returns the body to send, or undefined when it answered (or dropped) the request itself. */
type SysHandler = (core: Core, r: SysRequest) => string | undefined;

const send: SysHandler = (core, { params, account, fmt, req, res, charset, hooks }) => {
  const input = { account, params, origin: "http" as const };
  if (params.cost === "1") {
    const r = core.price(input);
    return isErrorReply(r) ? encodeError(r, fmt) : encodeCostReply(r, fmt);
  }
  const r = core.submit(input);
  if (r.dropReply) {
    // a magic number: the send is stored, and the reply is lost on the way back
    req.socket.destroy();
    return undefined;
  }
  if ("error" in r) return encodeError(r.error, fmt);
  const costMode = params.cost === "2" ? 2 : params.cost === "3" ? 3 : 0;
  const body = encodeSendReply(r.reply, fmt, costMode);
  if (!r.slowReply) return body;
  // a magic number: stored now, answered late (client timeout tests)
  const timer = setTimeout(() => {
    if (!res.destroyed) sendWire(res, body, fmt, charset);
  }, hooks?.slowReplyMs?.() ?? 10_000);
  res.once("close", () => clearTimeout(timer));
  return undefined;
};

const status: SysHandler = (core, { params, account, fmt }) => {
  const idParam = params.id ?? "";
  const phoneParam = params.phone ?? "";
  // a comma anywhere, a trailing one included, asks for the multi format (spec §4.1)
  const multi = idParam.includes(",") || phoneParam.includes(",");
  const all = params.all === "1" ? 1 : params.all === "2" ? 2 : 0;
  const r = core.status({
    account,
    ids: splitList(idParam),
    phones: splitList(phoneParam),
    all,
    del: params.del === "1",
  });
  return isErrorReply(r) ? encodeError(r, fmt) : encodeStatusReply(r, fmt, { all, multi });
};

const balance: SysHandler = (core, { params, account, fmt }) => {
  const r = core.balance(account);
  return isErrorReply(r) ? encodeError(r, fmt) : encodeBalanceReply(r, fmt, params.cur === "1");
};

/** A comma list without the empty item a trailing comma leaves. */
function splitList(v: string): string[] {
  const items = v.split(",");
  if (items.length > 1 && items.at(-1)!.trim() === "") items.pop();
  return v.trim() === "" ? [] : items;
}

const ROUTES: Record<string, { handler: SysHandler; table: keyof typeof ERROR_TABLES }> = {
  [ENDPOINTS.send]: { handler: send, table: "send" },
  [ENDPOINTS.status]: { handler: status, table: "status" },
  [ENDPOINTS.balance]: { handler: balance, table: "balance" },
  [ENDPOINTS.get]: { handler: getPhp, table: "get" },
};

/** Whether a path is one of the /sys scripts the sandbox serves. */
export function isSysPath(path: string): boolean {
  return Object.hasOwn(ROUTES, path);
}

/**
 * Serves one /sys request: reads and decodes the parameters, authenticates, calls the core and writes the reply in
 * the requested format and charset. A body that cannot be parsed is error 1.
 */
export async function handleSys(
  core: Core,
  path: string,
  req: IncomingMessage,
  res: ServerResponse,
  hooks?: SysHooks,
): Promise<void> {
  const route = ROUTES[path]!;
  const url = req.url ?? "";
  const q = url.indexOf("?");
  const rawQuery = q < 0 ? "" : url.slice(q + 1);
  let parsed: { params: Record<string, string>; charset: Charset };
  try {
    parsed = parseParams(rawQuery, req.headers["content-type"], await readBody(req));
  } catch (err) {
    if (!(err instanceof BadBodyError)) throw err;
    // the charset and fmt cannot be trusted from a broken body; take them from the query alone
    const fallback = parseParams(rawQuery, undefined, Buffer.alloc(0));
    const fmt = parseFmt(fallback.params.fmt);
    sendWire(res, encodeError(apiError(1, route.table), fmt), fmt, fallback.charset);
    return;
  }
  const { params, charset } = parsed;
  const fmt = parseFmt(params.fmt);
  const auth = core.authenticate({
    ...(params.login !== undefined ? { login: params.login } : {}),
    ...(params.psw !== undefined ? { psw: params.psw } : {}),
    ...(params.apikey !== undefined ? { apikey: params.apikey } : {}),
    ...(req.socket.remoteAddress ? { ip: req.socket.remoteAddress } : {}),
  });
  if (isErrorReply(auth)) {
    sendWire(res, encodeError(auth, fmt), fmt, charset);
    return;
  }
  if (hooks?.before) {
    const script = (Object.keys(ENDPOINTS) as Array<keyof typeof ENDPOINTS>).find(
      (k) => ENDPOINTS[k] === path,
    )!;
    const verdict = await hooks.before(script, params);
    if (verdict && "drop" in verdict) {
      req.socket.destroy();
      return;
    }
    if (verdict) {
      sendWire(res, encodeError(verdict.error, fmt), fmt, charset);
      return;
    }
  }
  const body = route.handler(core, { params, account: auth, fmt, req, res, charset, hooks });
  if (body !== undefined) sendWire(res, body, fmt, charset);
}
