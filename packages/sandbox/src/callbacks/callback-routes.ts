import { HttpError, readJson, sendJson, sendJsonError } from "../http/api/json.js";
import type { HttpRoute } from "../http/create-http-server.js";
import type { Store } from "../store/store.js";
import type { CallbackService } from "./callback-service.js";

const LOG_PATH = "/api/v1/callbacks";
const ACCOUNT_PATH = /^\/api\/v1\/accounts\/([^/]+)\/callback\/?$/;

/**
 * The callbacks' HTTP API: `GET /api/v1/callbacks[?login=&limit=]` (the delivery log, newest first) and
 * `GET|PUT|DELETE /api/v1/accounts/:login/callback` (`{ "url": "…" }`; the URL is shown with its secret redacted).
 */
export function createCallbackRoutes(store: Store, service: CallbackService): HttpRoute[] {
  const accountOf = (login: string) => {
    const a = store.accountByLogin(login);
    if (!a) throw new HttpError(404, `no such account: ${login}`);
    return a;
  };
  // `?login=` arrives decoded; a path segment is decoded here, and a malformed escape is the caller's error
  const loginInPath = (path: string) => {
    try {
      return decodeURIComponent(ACCOUNT_PATH.exec(path)![1]!);
    } catch {
      throw new HttpError(400, `the path is not valid percent-encoding: ${path}`);
    }
  };
  const guard = async (res: Parameters<HttpRoute["handle"]>[1], fn: () => Promise<void>) => {
    try {
      await fn();
    } catch (err) {
      if (!(err instanceof HttpError)) throw err;
      sendJsonError(res, err.status, err.message);
    }
  };
  return [
    {
      prefix: LOG_PATH,
      match: (path) => path === LOG_PATH || path === `${LOG_PATH}/`,
      handle: (req, res) =>
        guard(res, async () => {
          if (req.method !== "GET") throw new HttpError(405, `${req.method} is not allowed on ${LOG_PATH}`);
          const q = new URL(req.url ?? "/", "http://sandbox").searchParams;
          const login = q.get("login");
          const limit = Number(q.get("limit") ?? 100);
          if (!Number.isInteger(limit) || limit < 1 || limit > 1000)
            throw new HttpError(400, "limit must be an integer from 1 to 1000");
          const accountId = login === null ? undefined : accountOf(login).id;
          sendJson(res, 200, {
            callbacks: store.callbacks.list({ ...(accountId !== undefined ? { accountId } : {}), limit }),
          });
        }),
    },
    {
      prefix: "/api/v1/accounts/",
      match: (path) => ACCOUNT_PATH.test(path),
      handle: (req, res, path) =>
        guard(res, async () => {
          const account = accountOf(loginInPath(path));
          if (req.method === "PUT") {
            const body = await readJson(req);
            const url = body.url;
            if (url !== null && url !== "" && typeof url !== "string")
              throw new HttpError(400, 'body must be { "url": "http://…" } (null or "" removes it)');
            try {
              service.setUrl(account.id, url === "" ? null : (url as string | null));
            } catch (err) {
              throw new HttpError(400, `bad callback URL: ${(err as Error).message}`);
            }
          } else if (req.method === "DELETE") service.setUrl(account.id, null);
          else if (req.method !== "GET") throw new HttpError(405, `${req.method} is not allowed on ${path}`);
          sendJson(res, 200, { login: account.login, url: service.redactedUrl(account.id) ?? null });
        }),
    },
  ];
}
