import { parsePhone, STATUS, STATUS_CODES } from "smsc/protocol";
import type { CoreControl } from "../../core/create-core.js";
import { normalisePhone } from "../../store/address.js";
import type { Store } from "../../store/store.js";
import { DEFAULT_WAIT_MS, type MessageWaiter, WaitTimeoutError } from "../../testing/message-waiter.js";
import { presentIncoming, presentMessage } from "../../testing/present.js";
import { type Handler, HttpError, type HttpRequest } from "../http-types.js";
import { json } from "../respond.js";
import type { Router } from "../router.js";
import type { EventStream } from "./event-stream.js";
import { intParam, messageFilter } from "./filters.js";
import { readJson } from "./json.js";
import { presentMessageDetail } from "./present-detail.js";
import { presentMailing } from "./present-mailing.js";

/** The API's path prefix. */
export const API_PREFIX = "/api/v1";

/** The longest wait `GET /api/v1/messages/wait` accepts, in ms. */
export const MAX_WAIT_MS = 120_000;

/** What the inspection API works on. */
export interface ApiContext {
  control: CoreControl;
  store: Store;
  waiter: MessageWaiter;
  events: EventStream;
  /** Resets the sandbox (core, waiter, live clients). */
  reset: () => void;
}

const query = (req: HttpRequest) => new URLSearchParams(req.query);

/** A JSON handler: its value is the 200 body; an HttpError becomes the JSON error reply. */
const ok =
  (fn: (req: HttpRequest) => unknown): Handler =>
  async (req) =>
    json(200, await fn(req));

function found(store: Store, id: string) {
  const m = /^\d+$/.test(id) ? store.inspection.message(Number(id)) : undefined;
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

/**
 * Registers the inspection API under /api/v1 (https://github.com/smsc-kz/smsc/blob/main/docs/inspection-api.md): messages (list, latest, wait, get, delete,
 * outcome), incoming SMS (list, inject), accounts and balances, reset and the live event stream. JSON in and out,
 * errors as `{ "error": … }`.
 */
export function registerApiRoutes(router: Router, ctx: ApiContext): void {
  const { control, store, waiter, events } = ctx;
  const P = API_PREFIX;

  router.on(
    "GET",
    `${P}/messages`,
    ok((req) => ({ messages: store.inspection.messages(messageFilter(query(req))).map(presentMessage) })),
  );
  router.on(
    "DELETE",
    `${P}/messages`,
    ok((req) => {
      const { limit: _ignored, ...filter } = messageFilter(query(req));
      const ids = control.deleteMessages(filter);
      return { deleted: ids.length, ids };
    }),
  );
  router.on(
    "GET",
    `${P}/messages/latest`,
    ok((req) => {
      const [m] = store.inspection.messages({ ...messageFilter(query(req)), limit: 1 });
      if (!m) throw new HttpError(404, "no message matches");
      return presentMessage(m);
    }),
  );
  router.on("GET", `${P}/messages/wait`, async (req) => {
    const q = query(req);
    const timeout = intParam(q, "timeout", MAX_WAIT_MS) ?? DEFAULT_WAIT_MS;
    const after = intParam(q, "after");
    const phone = q.get("phone") || undefined;
    const login = q.get("login") || q.get("account") || undefined;
    const match = q.get("match") ? pattern(q.get("match")!) : undefined;
    try {
      const m = await waiter.wait({
        timeout,
        signal: req.signal,
        ...(phone !== undefined ? { phone } : {}),
        ...(login !== undefined ? { login } : {}),
        ...(match !== undefined ? { match } : {}),
        ...(after !== undefined ? { after } : {}),
      });
      return json(200, m);
    } catch (err) {
      if (req.signal.aborted) return { drop: true };
      if (err instanceof WaitTimeoutError) throw new HttpError(408, err.message);
      throw new HttpError(503, (err as Error).message);
    }
  });
  router.on(
    "GET",
    `${P}/messages/:id`,
    ok((req) => {
      const m = found(store, req.params.id!);
      return presentMessageDetail(m, store.accountByLogin(m.login)?.currency ?? "");
    }),
  );
  router.on(
    "DELETE",
    `${P}/messages/:id`,
    ok((req) => {
      const m = found(store, req.params.id!);
      const ids = control.deleteMessages({ after: m.rowId - 1, before: m.rowId + 1 });
      return { deleted: ids.length, ids };
    }),
  );
  router.on(
    "POST",
    `${P}/messages/:id/outcome`,
    ok(async (req) => {
      const m = found(store, req.params.id!);
      const body = await readJson(req);
      const status = body.status;
      if (
        typeof status !== "number" ||
        !Object.hasOwn(STATUS_CODES, String(status)) ||
        status === STATUS.notFound
      )
        throw new HttpError(
          400,
          `status must be one of ${Object.keys(STATUS_CODES).filter((s) => s !== String(STATUS.notFound))}`,
        );
      const err = body.err ?? 0;
      if (typeof err !== "number" || !Number.isInteger(err) || err < 0)
        throw new HttpError(400, "err must be a non-negative integer");
      control.setOutcome(m.rowId, status, err);
      return presentMessage(store.inspection.message(m.rowId)!);
    }),
  );
  router.on(
    "GET",
    `${P}/incoming`,
    ok((req) => {
      const q = query(req);
      const phone = q.get("phone") || undefined;
      const to = q.get("to") || undefined;
      const login = q.get("login") || q.get("account") || undefined;
      const after = intParam(q, "after");
      const before = intParam(q, "before");
      return {
        incoming: store.inspection
          .incoming({
            limit: intParam(q, "limit", 1000) ?? 50,
            ...(phone !== undefined ? { phone: normalisePhone(phone) } : {}),
            ...(to !== undefined ? { to: normalisePhone(to) } : {}),
            ...(login !== undefined ? { login } : {}),
            ...(after !== undefined ? { after } : {}),
            ...(before !== undefined ? { before } : {}),
          })
          .map(presentIncoming),
      };
    }),
  );
  router.on(
    "POST",
    `${P}/incoming`,
    ok(async (req) => {
      const body = await readJson(req);
      const to = body.to ?? "";
      if (typeof to !== "string") throw new HttpError(400, "to must be a string");
      // an SMS to a rented number (receive_phones.php) reaches the number's owner when no login is named
      const login = body.login ?? (to ? control.numbers.ownerOf(to)?.login : undefined) ?? "demo";
      if (typeof login !== "string") throw new HttpError(400, "login must be a string");
      const account = store.accountByLogin(login);
      if (!account) throw new HttpError(404, `no account ${JSON.stringify(login)}`);
      if (typeof body.phone !== "string" || !parsePhone(body.phone))
        throw new HttpError(400, "phone must be a phone number");
      if (typeof body.text !== "string") throw new HttpError(400, "text must be a string");
      const m = control.receive({
        account,
        phone: normalisePhone(body.phone),
        to: to ? normalisePhone(to) : "",
        text: body.text,
      });
      return presentIncoming(m);
    }),
  );
  router.on(
    "GET",
    `${P}/mailings`,
    ok(async (req) => {
      const q = query(req);
      const login = q.get("login") || q.get("account") || undefined;
      // runs that are due show up at once, whatever the clock did since the last timer
      await control.mailings.run();
      return {
        mailings: control.mailings
          .list({ limit: intParam(q, "limit", 1000) ?? 200, ...(login !== undefined ? { login } : {}) })
          .map(presentMailing),
      };
    }),
  );
  router.on(
    "GET",
    `${P}/accounts`,
    ok(() => ({ accounts: store.inspection.accounts().map(({ id: _id, ...a }) => a) })),
  );
  router.on(
    "PUT",
    `${P}/accounts/:login/balance`,
    ok(async (req) => {
      const body = await readJson(req);
      const balance = typeof body.balance === "string" ? Number(body.balance) : body.balance;
      if (typeof balance !== "number" || !Number.isFinite(balance))
        throw new HttpError(400, "balance must be a number");
      const login = req.params.login!;
      if (!store.inspection.setBalance(login, balance))
        throw new HttpError(404, `no account ${JSON.stringify(login)}`);
      const a = store.inspection.accounts().find((x) => x.login === login)!;
      const out = { login, balance: a.balance, credit: a.credit, currency: a.currency };
      events.publish("balance", () => out);
      return out;
    }),
  );
  router.on(
    "POST",
    `${P}/reset`,
    ok(() => {
      ctx.reset();
      return { reset: true };
    }),
  );
  router.on("GET", `${P}/events`, () => events.connect());
}
