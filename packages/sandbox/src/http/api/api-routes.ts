import type { IncomingMessage, ServerResponse } from "node:http";
import { parsePhone, STATUS_CODES } from "smsc/protocol";
import type { Core } from "../../core/types.js";
import type { Store } from "../../store/store.js";
import { DEFAULT_WAIT_MS, type MessageWaiter, WaitTimeoutError } from "../../testing/message-waiter.js";
import type { HttpRoute } from "../create-http-server.js";
import type { EventStream } from "./event-stream.js";
import { intParam, messageFilter, normalisePhone } from "./filters.js";
import { HttpError, readJson, sendJson, sendJsonError } from "./json.js";
import { presentIncoming, presentMessage } from "./present.js";

/** The API's path prefix. */
export const API_PREFIX = "/api/v1/";

/** The longest wait `GET /api/v1/messages/wait` accepts, in ms. */
export const MAX_WAIT_MS = 120_000;

/** What the inspection API works on. */
export interface ApiContext {
  core: Core;
  store: Store;
  waiter: MessageWaiter;
  events: EventStream;
  clock: () => number;
  /** Resets the sandbox (core, waiter, live clients). */
  reset: () => void;
}

interface Call {
  req: IncomingMessage;
  res: ServerResponse;
  query: URLSearchParams;
  /** Path parameters in order. */
  args: string[];
}

type Handler = (ctx: ApiContext, call: Call) => unknown;

const listMessages: Handler = ({ store }, { query }) => ({
  messages: store.inspection.messages(messageFilter(query)).map(presentMessage),
});

const deleteMatching: Handler = ({ store, events, clock }, { query }) => {
  const { limit: _ignored, ...filter } = messageFilter(query);
  const ids = store.inspection.deleteMessages(filter, clock());
  if (ids.length) events.publish("deleted", { ids });
  return { deleted: ids.length, ids };
};

const latest: Handler = ({ store }, { query }) => {
  const [m] = store.inspection.messages({ ...messageFilter(query), limit: 1 });
  if (!m) throw new HttpError(404, "no message matches");
  return presentMessage(m);
};

const waitFor: Handler = async ({ waiter }, { res, query }) => {
  const timeout = intParam(query, "timeout", MAX_WAIT_MS) ?? DEFAULT_WAIT_MS;
  const after = intParam(query, "after");
  const phone = query.get("phone") || undefined;
  const login = query.get("login") || query.get("account") || undefined;
  const match = query.get("match") ? pattern(query.get("match")!) : undefined;
  const abort = new AbortController();
  // the request stream closes once read; the response's close before its end is the client leaving
  res.on("close", () => {
    if (!res.writableEnded) abort.abort(new Error("client went away"));
  });
  try {
    return await waiter.wait({
      timeout,
      signal: abort.signal,
      ...(phone !== undefined ? { phone } : {}),
      ...(login !== undefined ? { login } : {}),
      ...(match !== undefined ? { match } : {}),
      ...(after !== undefined ? { after } : {}),
    });
  } catch (err) {
    if (abort.signal.aborted) return undefined;
    if (err instanceof WaitTimeoutError) throw new HttpError(408, err.message);
    throw new HttpError(503, (err as Error).message);
  }
};

const getOne: Handler = ({ store }, { args }) => presentMessage(found(store, args[0]!));

const deleteOne: Handler = ({ store, events, clock }, { args }) => {
  const m = found(store, args[0]!);
  store.inspection.deleteMessages({ after: m.rowId - 1, before: m.rowId + 1 }, clock());
  events.publish("deleted", { ids: [m.rowId] });
  return { deleted: 1, ids: [m.rowId] };
};

const outcome: Handler = async ({ core, store }, { req, args }) => {
  const m = found(store, args[0]!);
  const body = await readJson(req);
  const status = body.status;
  if (typeof status !== "number" || !Object.hasOwn(STATUS_CODES, String(status)) || status === -3)
    throw new HttpError(400, `status must be one of ${Object.keys(STATUS_CODES).filter((s) => s !== "-3")}`);
  const err = body.err ?? 0;
  if (typeof err !== "number" || !Number.isInteger(err) || err < 0)
    throw new HttpError(400, "err must be a non-negative integer");
  core.setOutcome(m.rowId, status, err);
  return presentMessage(store.inspection.message(m.rowId)!);
};

const listIncoming: Handler = ({ store }, { query }) => {
  const phone = query.get("phone") || undefined;
  const to = query.get("to") || undefined;
  const login = query.get("login") || query.get("account") || undefined;
  const after = intParam(query, "after");
  return {
    incoming: store.inspection
      .incoming({
        limit: intParam(query, "limit", 1000) ?? 50,
        ...(phone !== undefined ? { phone: normalisePhone(phone) } : {}),
        ...(to !== undefined ? { to: normalisePhone(to) } : {}),
        ...(login !== undefined ? { login } : {}),
        ...(after !== undefined ? { after } : {}),
      })
      .map(presentIncoming),
  };
};

const inject: Handler = async ({ core, store }, { req }) => {
  const body = await readJson(req);
  const login = body.login ?? "demo";
  if (typeof login !== "string") throw new HttpError(400, "login must be a string");
  const account = store.accountByLogin(login);
  if (!account) throw new HttpError(404, `no account ${JSON.stringify(login)}`);
  if (typeof body.phone !== "string" || !parsePhone(body.phone))
    throw new HttpError(400, "phone must be a phone number");
  if (typeof body.text !== "string") throw new HttpError(400, "text must be a string");
  const to = body.to ?? "";
  if (typeof to !== "string") throw new HttpError(400, "to must be a string");
  const m = core.receive({
    account,
    phone: normalisePhone(body.phone),
    to: to ? normalisePhone(to) : "",
    text: body.text,
  });
  return presentIncoming(m);
};

const accounts: Handler = ({ store }) => ({
  accounts: store.inspection.accounts().map(({ id: _id, ...a }) => a),
});

const setBalance: Handler = async ({ store, events }, { req, args }) => {
  const body = await readJson(req);
  const balance = typeof body.balance === "string" ? Number(body.balance) : body.balance;
  if (typeof balance !== "number" || !Number.isFinite(balance))
    throw new HttpError(400, "balance must be a number");
  const login = decodeURIComponent(args[0]!);
  if (!store.inspection.setBalance(login, balance))
    throw new HttpError(404, `no account ${JSON.stringify(login)}`);
  const a = store.inspection.accounts().find((x) => x.login === login)!;
  const out = { login, balance: a.balance, credit: a.credit, currency: a.currency };
  events.publish("balance", out);
  return out;
};

const reset: Handler = (ctx) => {
  ctx.reset();
  return { reset: true };
};

const ROUTES: Array<[method: string, path: RegExp, handler: Handler]> = [
  ["GET", /^messages$/, listMessages],
  ["DELETE", /^messages$/, deleteMatching],
  ["GET", /^messages\/latest$/, latest],
  ["GET", /^messages\/wait$/, waitFor],
  ["GET", /^messages\/(\d+)$/, getOne],
  ["DELETE", /^messages\/(\d+)$/, deleteOne],
  ["POST", /^messages\/(\d+)\/outcome$/, outcome],
  ["GET", /^incoming$/, listIncoming],
  ["POST", /^incoming$/, inject],
  ["GET", /^accounts$/, accounts],
  ["PUT", /^accounts\/([^/]+)\/balance$/, setBalance],
  ["POST", /^reset$/, reset],
];

/** The inspection API under /api/v1/ (https://github.com/smsc-kz/smsc/blob/main/docs/inspection-api.md): JSON in and out, errors as `{ "error": … }`. */
export function createApiRoute(ctx: ApiContext): HttpRoute {
  return {
    prefix: API_PREFIX,
    async handle(req, res, path) {
      const rest = path.slice(API_PREFIX.length).replace(/\/$/, "");
      const query = new URL(req.url ?? "/", "http://sandbox").searchParams;
      if (rest === "events" && req.method === "GET") {
        ctx.events.connect(req, res);
        return;
      }
      const matching = ROUTES.filter(([, re]) => re.test(rest));
      const route = matching.find(([method]) => method === req.method);
      if (!route) {
        if (matching.length) {
          res.setHeader("Allow", matching.map(([m]) => m).join(", "));
          sendJsonError(res, 405, `${req.method} is not allowed on ${path}`);
        } else sendJsonError(res, 404, `no such endpoint: ${path}`);
        return;
      }
      const args = route[1].exec(rest)!.slice(1);
      try {
        const body = await route[2](ctx, { req, res, query, args });
        if (!res.writableEnded && !res.destroyed) sendJson(res, 200, body);
      } catch (err) {
        if (!(err instanceof HttpError)) throw err;
        if (!res.headersSent && !res.destroyed) sendJsonError(res, err.status, err.message);
      }
    },
  };
}

function found(store: Store, id: string) {
  const m = store.inspection.message(Number(id));
  if (!m) throw new HttpError(404, `no message ${id}`);
  return m;
}

/** `/pattern/flags` is a regular expression; anything else a substring. */
function pattern(v: string): string | RegExp {
  const m = /^\/(.+)\/([dgimsuy]*)$/s.exec(v);
  if (!m) return v;
  try {
    return new RegExp(m[1]!, m[2]);
  } catch {
    throw new HttpError(400, `match is not a valid regular expression: ${v}`);
  }
}
