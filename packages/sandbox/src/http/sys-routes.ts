import type { IncomingMessage, ServerResponse } from "node:http";
import {
  type Charset,
  ENDPOINTS,
  type ERROR_TABLES,
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
}

/** A /sys handler: returns the body to send, or undefined when it answered (or dropped) the request itself. */
type SysHandler = (core: Core, r: SysRequest) => string | undefined;

const send: SysHandler = (core, { params, account, fmt, req }) => {
  const input = { account, params, origin: "http" as const };
  if (params.cost === "1") {
    const r = core.price(input);
    return isErrorReply(r) ? encodeError(r, fmt) : encodeCostReply(r, fmt);
  }
  const r = core.submit(input);
  if ("error" in r) return encodeError(r.error, fmt);
  if (r.dropReply) {
    // a magic number: the send is stored, and the reply is lost on the way back
    req.socket.destroy();
    return undefined;
  }
  const costMode = params.cost === "2" ? 2 : params.cost === "3" ? 3 : 0;
  return encodeSendReply(r.reply, fmt, costMode);
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
  [ENDPOINTS.get]: { handler: getPhp, table: "send" },
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
  const body = route.handler(core, { params, account: auth, fmt, req, res });
  if (body !== undefined) sendWire(res, body, fmt, charset);
}
