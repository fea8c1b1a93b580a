import { parsePhone } from "smsc/protocol";
import type { CoreControl } from "../../core/create-core.js";
import type { ShortLinkView } from "../../core/short-links.js";
import type { CallRefusal, WaitCall } from "../../core/wait-calls.js";
import type { Store } from "../../store/store.js";
import { HttpError, type HttpRequest } from "../http-types.js";
import { json } from "../respond.js";
import type { Router } from "../router.js";
import { intParam } from "./filters.js";
import { readJson } from "./json.js";

/** A confirmation-by-call request as the API shows it (times ISO 8601). */
export interface InspectedWaitCall {
  id: number;
  login: string;
  /** The subscriber's number, who is to call. */
  phone: string;
  /** The number they were told to dial. */
  number: string;
  state: WaitCall["state"];
  calls: number;
  createdAt: string;
  expiresAt: string;
  calledAt?: string;
}

/** A short link as the API shows it. */
export interface InspectedShortLink {
  code: string;
  login: string;
  url: string;
  short: string;
  clicks: number;
  createdAt: string;
}

const iso = (ms: number) => new Date(ms).toISOString();

/** The API view of a wait-call request. */
export function presentWaitCall(w: WaitCall): InspectedWaitCall {
  return {
    id: w.id,
    login: w.login,
    phone: w.phone,
    number: w.number,
    state: w.state,
    calls: w.calls,
    createdAt: iso(w.createdAt),
    expiresAt: iso(w.expiresAt),
    ...(w.calledAt !== undefined ? { calledAt: iso(w.calledAt) } : {}),
  };
}

function presentShortLink(l: ShortLinkView): InspectedShortLink {
  return {
    code: l.code,
    login: l.login,
    url: l.url,
    short: l.short,
    clicks: l.clicks,
    createdAt: iso(l.createdAt),
  };
}

/** The HTTP status and text of a call that confirmed nothing. */
const REFUSALS: Record<CallRefusal, [number, (phone: string, to?: string) => string]> = {
  "no-request": [404, (p) => `no wait_call.php request waits for a call from ${p}`],
  expired: [410, (p) => `the wait_call.php requests for ${p} have expired`],
  "wrong-number": [409, (p, to) => `${p} was not told to call ${to}`],
};

const phoneParam = (v: unknown, name: string): string => {
  if (typeof v !== "string" || !parsePhone(v)) throw new HttpError(400, `${name} must be a phone number`);
  return parsePhone(v)!.digits;
};

/**
 * Registers the confirmation-by-call and short-link routes of the inspection API (https://github.com/smsc-kz/smsc/blob/main/docs/inspection-api.md):
 * `GET /api/v1/wait-calls[?login&phone&limit]`, `POST /api/v1/wait-calls/:phone/call` (`{ "to"?, "login"? }`: the
 * subscriber calls, the account's handler gets the signed `waitcall` callback) and `GET /api/v1/short-links`.
 */
export function registerWaitCallRoutes(router: Router, control: CoreControl, store: Store): void {
  const accountId = (req: HttpRequest) => {
    const login = new URLSearchParams(req.query).get("login");
    if (!login) return undefined;
    const a = store.accountByLogin(login);
    if (!a) throw new HttpError(404, `no account ${JSON.stringify(login)}`);
    return a.id;
  };
  router.on("GET", "/api/v1/wait-calls", (req) => {
    const q = new URLSearchParams(req.query);
    const id = accountId(req);
    const phone = q.get("phone");
    const list = control.waitCalls.list({
      ...(id !== undefined ? { accountId: id } : {}),
      ...(phone ? { phone: phoneParam(phone, "phone") } : {}),
      limit: intParam(q, "limit", 1000) ?? 100,
    });
    return json(200, { waitCalls: list.map(presentWaitCall) });
  });
  router.on("POST", "/api/v1/wait-calls/:phone/call", async (req) => {
    const phone = phoneParam(req.params.phone, "the path's phone");
    const body = await readJson(req);
    const to = body.to === undefined || body.to === "" ? undefined : phoneParam(body.to, "to");
    if (body.login !== undefined && typeof body.login !== "string")
      throw new HttpError(400, "login must be a string");
    const r = control.waitCalls.call({
      phone,
      ...(to !== undefined ? { to } : {}),
      ...(body.login ? { login: body.login as string } : {}),
    });
    if ("refused" in r) {
      const [status, message] = REFUSALS[r.refused];
      throw new HttpError(status, message(phone, to));
    }
    return json(200, { calls: r.calls.map(presentWaitCall) });
  });
  router.on("GET", "/api/v1/short-links", (req) => {
    const id = accountId(req);
    const limit = intParam(new URLSearchParams(req.query), "limit", 1000) ?? 100;
    return json(200, {
      shortLinks: control.shortLinks
        .list({ ...(id !== undefined ? { accountId: id } : {}), limit })
        .map(presentShortLink),
    });
  });
}
