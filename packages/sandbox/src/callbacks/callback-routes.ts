import { readJson } from "../http/api/json.js";
import { HttpError } from "../http/http-types.js";
import { json } from "../http/respond.js";
import type { Router } from "../http/router.js";
import type { Store } from "../store/store.js";
import type { CallbackService } from "./callback-service.js";

/**
 * The callbacks' HTTP API: `GET /api/v1/callbacks[?login=&limit=]` (the delivery log, newest first) and
 * `GET|PUT|DELETE /api/v1/accounts/:login/callback` (`{ "url": "…" }`; the URL is shown with its secret redacted).
 */
export function registerCallbackRoutes(router: Router, store: Store, service: CallbackService): void {
  const accountOf = (login: string) => {
    const a = store.accountByLogin(login);
    if (!a) throw new HttpError(404, `no such account: ${login}`);
    return a;
  };
  router.on("GET", "/api/v1/callbacks", (req) => {
    const q = new URLSearchParams(req.query);
    const login = q.get("login");
    const limit = Number(q.get("limit") ?? 100);
    if (!Number.isInteger(limit) || limit < 1 || limit > 1000)
      throw new HttpError(400, "limit must be an integer from 1 to 1000");
    const accountId = login === null ? undefined : accountOf(login).id;
    return json(200, {
      callbacks: store.callbacks.list({ ...(accountId !== undefined ? { accountId } : {}), limit }),
    });
  });
  const path = "/api/v1/accounts/:login/callback";
  const show = (accountId: number, login: string) =>
    json(200, { login, url: service.redactedUrl(accountId) ?? null });
  router.on("GET", path, (req) => {
    const account = accountOf(req.params.login!);
    return show(account.id, account.login);
  });
  router.on("PUT", path, async (req) => {
    const account = accountOf(req.params.login!);
    const url = (await readJson(req)).url;
    if (url !== null && url !== "" && typeof url !== "string")
      throw new HttpError(400, 'body must be { "url": "http://…" } (null or "" removes it)');
    try {
      service.setUrl(account.id, url === "" ? null : (url as string | null));
    } catch (err) {
      throw new HttpError(400, `bad callback URL: ${(err as Error).message}`);
    }
    return show(account.id, account.login);
  });
  router.on("DELETE", path, (req) => {
    const account = accountOf(req.params.login!);
    service.setUrl(account.id, null);
    return show(account.id, account.login);
  });
}
