import type { Logger } from "../core/logger.js";
import { reportOnce } from "./host-guard.js";
import { HttpError, type HttpRequest, type HttpResponse } from "./http-types.js";
import type { Middleware } from "./router.js";

/** Options of crossOrigin. */
export interface CrossOriginOptions {
  /** Origins whose pages may call the sandbox (`http://localhost:5173`), or `*` for every page. @default none */
  cors?: readonly string[];
  /** Told once per refused origin, so whoever runs the sandbox sees the flag to pass. @default silent */
  logger?: Logger;
}

/** Paths whose every request is guarded, reads included: the inspection API and the service's scripts. */
const GUARDED = /^\/(?:api\/v1|sys)(?:\/|$)/;

/** What a preflight may ask for. */
const METHODS = "GET, HEAD, POST, PUT, PATCH, DELETE";

/** Headers a page on an allowed origin may read besides the safelisted ones (the SDK reads Retry-After). */
const EXPOSED = "Retry-After, Allow";

/** A `Access-Control-Request-Headers` value: a comma list of header names. */
const HEADER_LIST = /^[!#$%&'*+.^_`|~0-9a-z-]+(?:\s*,\s*[!#$%&'*+.^_`|~0-9a-z-]+)*$/i;

/** How long a browser may keep a preflight's answer, s. */
const PREFLIGHT_MAX_AGE = "600";

/**
 * Checks `cors` entries: `*`, or an origin (`scheme://host[:port]`, http or https, no path). Returns them as
 * browsers send them (`http://LOCALHOST:80/` → `http://localhost`); throws a TypeError naming a bad one.
 */
export function checkCorsOrigins(origins: readonly string[]): string[] {
  return origins.map((o) => {
    if (o === "*") return o;
    let url: URL | undefined;
    try {
      url = new URL(o);
    } catch {}
    const bare = url && url.pathname === "/" && !url.search && !url.hash && !url.username && !url.password;
    if (!url || !bare || !/^https?:$/.test(url.protocol) || !/^[a-z][a-z0-9+.-]*:\/\/[^/]+\/?$/i.test(o))
      throw new TypeError(
        `CORS origin ${JSON.stringify(o)} must be * or scheme://host[:port] (http or https, no path), ` +
          "e.g. http://localhost:5173",
      );
    return url.origin;
  });
}

/** The origin of the sandbox as this request reached it (`http://` and its Host), or undefined without a Host. */
function ownOrigin(req: HttpRequest): string | undefined {
  const host = req.header("host");
  return host === undefined ? undefined : `http://${host.trim().toLowerCase()}`;
}

/**
 * The cross-origin guard and CORS. A request is *foreign* when its `Origin` is not the sandbox's own (`null`
 * included), or, without an Origin, when the browser marks it `Sec-Fetch-Site: cross-site` or `same-site` (an
 * `<img>`, a no-cors fetch, a form navigation). Servers, curl and the SDK outside a browser send neither, and pass.
 *
 * - Under /api/v1 and /sys every foreign request is refused with 403 (no CORS headers, so a page reads nothing),
 *   unless its origin is in `cors`; elsewhere (the inbox's files, the API page) only foreign requests that are not
 *   GET or HEAD are.
 * - A preflight (`OPTIONS` with `Origin` and `Access-Control-Request-Method`) from an allowed origin is answered
 *   204 with what it asked for (and `Access-Control-Allow-Private-Network` when asked); from any other, 403.
 * - A reply to an allowed origin carries `Access-Control-Allow-Origin` (no credentials: the sandbox has no cookies).
 */
export function crossOrigin(options: CrossOriginOptions = {}): Middleware {
  const list = checkCorsOrigins(options.cors ?? []);
  const any = list.includes("*");
  const allowed = new Set(list);
  const allows = (origin: string | undefined) => any || (origin !== undefined && allowed.has(origin));
  const report = reportOnce(options.logger);
  const refused = (origin: string) =>
    report(
      origin,
      `refused requests from pages on ${origin}: --cors ${origin} lets them in (docs/browser.md)`,
    );
  return async (req, next) => {
    const origin = req.header("origin");
    if (req.method === "OPTIONS" && origin !== undefined && req.header("access-control-request-method")) {
      if (!allows(origin)) refused(origin);
      return preflight(req, origin, allows(origin) ? (any ? "*" : origin) : undefined);
    }
    const guarded = GUARDED.test(req.path) || (req.method !== "GET" && req.method !== "HEAD");
    if (!guarded) return next();
    const site = req.header("sec-fetch-site");
    const own =
      origin === undefined
        ? site === undefined || site === "same-origin" || site === "none"
        : origin.toLowerCase() === ownOrigin(req);
    if (own) return list.length > 0 && !any ? vary(await next()) : next();
    if (!allows(origin)) {
      if (origin !== undefined) refused(origin);
      throw new HttpError(
        403,
        origin === undefined
          ? "a cross-site request without an Origin is refused (docs/browser.md)"
          : `cross-origin request from ${JSON.stringify(origin)} refused: start the sandbox with --cors ${origin} ` +
              "to allow that page (docs/browser.md)",
      );
    }
    return withHeaders(await next(), {
      "Access-Control-Allow-Origin": any ? "*" : origin!,
      "Access-Control-Expose-Headers": EXPOSED,
      ...(any ? {} : { Vary: "Origin" }),
    });
  };
}

/** Answers a preflight: 204 with the grant for an allowed origin (`allowOrigin`), 403 otherwise. */
function preflight(req: HttpRequest, origin: string, allowOrigin: string | undefined): HttpResponse {
  if (allowOrigin === undefined)
    throw new HttpError(
      403,
      `cross-origin request from ${JSON.stringify(origin)} refused: start the sandbox with --cors ${origin} to ` +
        "allow that page (docs/browser.md)",
      { Vary: "Origin" },
    );
  const asked = req.header("access-control-request-headers")?.trim();
  return {
    status: 204,
    headers: {
      "Access-Control-Allow-Origin": allowOrigin,
      "Access-Control-Allow-Methods": METHODS,
      ...(asked && HEADER_LIST.test(asked) ? { "Access-Control-Allow-Headers": asked } : {}),
      ...(req.header("access-control-request-private-network") === "true"
        ? { "Access-Control-Allow-Private-Network": "true" }
        : {}),
      "Access-Control-Max-Age": PREFLIGHT_MAX_AGE,
      Vary: "Origin, Access-Control-Request-Method, Access-Control-Request-Headers",
    },
  };
}

/** Adds `Vary: Origin` to a reply whose CORS headers depend on the Origin. */
const vary = (res: HttpResponse) => withHeaders(res, { Vary: "Origin" });

function withHeaders(res: HttpResponse, add: Record<string, string>): HttpResponse {
  if ("drop" in res) return res;
  const headers = { ...res.headers };
  for (const [k, v] of Object.entries(add)) {
    const same = Object.keys(headers).find((h) => h.toLowerCase() === k.toLowerCase());
    if (same && k === "Vary") headers[same] = `${headers[same]}, ${v}`;
    else headers[same ?? k] = v;
  }
  return { ...res, headers };
}
