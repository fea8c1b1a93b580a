import type { Logger } from "../core/logger.js";
import { silentLogger } from "../core/logger.js";
import {
  BodyTooLargeError,
  type Handler,
  HttpError,
  type HttpRequest,
  type HttpResponse,
} from "./http-types.js";
import { json, text } from "./respond.js";

/**
 * Runs around every routed request: may answer itself (or throw an `HttpError`), or call `next` and change what it
 * returns. `next` never throws: what an inner layer or the route throws comes back as its error reply, so a
 * middleware sees (and can add headers to) every reply.
 */
export type Middleware = (req: HttpRequest, next: () => Promise<HttpResponse>) => Promise<HttpResponse>;

/** One registered route, as `routes()` lists it (for the OpenAPI check and the docs). */
export interface RouteInfo {
  method: string;
  /** The pattern as registered: `/api/v1/messages/:id`. */
  path: string;
}

interface Pattern {
  path: string;
  /** Segments; a `:name` segment captures one path segment. */
  segments: string[];
  methods: Map<string, Handler>;
}

/** The API's paths, whose errors are JSON; everything else gets plain text. */
const API = /^\/api(\/|$)/;

/**
 * The sandbox's one HTTP router: every surface (/sys/*.php, /api/v1, the inbox, what later adapters add) registers
 * here. Exact paths are found in a map, `:param` paths in registration order; a path served for other methods is
 * 405 with `Allow`, an unknown one 404, and one error mapper turns whatever a handler throws into a reply (JSON
 * under /api/, text elsewhere).
 */
export class Router {
  readonly #exact = new Map<string, Pattern>();
  readonly #patterns: Pattern[] = [];
  readonly #middleware: Middleware[] = [];
  readonly #logger: Logger;

  constructor(options: { logger?: Logger } = {}) {
    this.#logger = options.logger ?? silentLogger;
  }

  /** Registers a handler for one or more methods of a path (`/api/v1/messages/:id`). */
  on(methods: string | string[], path: string, handler: Handler): this {
    const segments = path.split("/");
    const dynamic = segments.some((s) => s.startsWith(":"));
    let p = dynamic ? this.#patterns.find((x) => x.path === path) : this.#exact.get(path);
    if (!p) {
      p = { path, segments, methods: new Map() };
      if (dynamic) this.#patterns.push(p);
      else this.#exact.set(path, p);
    }
    for (const m of Array.isArray(methods) ? methods : [methods]) {
      if (p.methods.has(m)) throw new Error(`route ${m} ${path} is registered twice`);
      p.methods.set(m, handler);
    }
    return this;
  }

  /** Adds a middleware; they run in the order added, outermost first. */
  use(middleware: Middleware): this {
    this.#middleware.push(middleware);
    return this;
  }

  /** Every registered route. */
  routes(): RouteInfo[] {
    return [...this.#exact.values(), ...this.#patterns].flatMap((p) =>
      [...p.methods.keys()].map((method) => ({ method, path: p.path })),
    );
  }

  /** Answers a request: middleware, then the route; never throws. */
  handle(req: HttpRequest): Promise<HttpResponse> {
    let i = 0;
    const next = async (): Promise<HttpResponse> => {
      const mw = this.#middleware[i++];
      try {
        return await (mw ? mw(req, next) : this.#route(req));
      } catch (err) {
        return this.#error(err, req);
      }
    };
    return next();
  }

  /**
   * Answers a web `Request` (or a path on a dummy origin) in process, with no socket, as a web `Response`; a
   * dropped connection is `Response.error()`. For route tests.
   * @example
   * const res = await router.request("/sys/balance.php?login=demo&psw=demo");
   */
  async request(
    input: string | URL | Request,
    init?: RequestInit & { remoteAddress?: string; localPort?: number },
  ): Promise<Response> {
    const web =
      input instanceof Request ? input : new Request(new URL(String(input), "http://127.0.0.1"), init);
    const bytes = new Uint8Array(await web.arrayBuffer());
    const url = new URL(web.url);
    const abort = new AbortController();
    const req: HttpRequest = {
      method: web.method,
      path: url.pathname,
      query: url.search.slice(1),
      header: (name) => web.headers.get(name) ?? undefined,
      async body(limit) {
        if (bytes.length > limit) throw new BodyTooLargeError(limit);
        return bytes;
      },
      remoteAddress: init?.remoteAddress ?? "127.0.0.1",
      localPort: init?.localPort,
      signal: abort.signal,
      params: {},
    };
    const res = await this.handle(req);
    if ("drop" in res) return Response.error();
    if ("stream" in res) {
      const encoder = new TextEncoder();
      const closers: Array<() => void> = [];
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          res.stream({
            write(chunk) {
              controller.enqueue(encoder.encode(chunk));
              return true;
            },
            end() {
              controller.close();
              for (const fn of closers) fn();
            },
            onClose: (fn) => closers.push(fn),
          });
        },
        cancel() {
          abort.abort();
          for (const fn of closers) fn();
        },
      });
      return new Response(body, { status: res.status, headers: res.headers ?? {} });
    }
    const body = typeof res.body === "string" || res.body === undefined ? res.body : new Uint8Array(res.body);
    const out = new Response(req.method === "HEAD" ? null : (body ?? null), {
      status: res.status,
      headers: res.headers ?? {},
    });
    res.afterSend?.();
    return out;
  }

  async #route(req: HttpRequest): Promise<HttpResponse> {
    const path = req.path.length > 1 && req.path.endsWith("/") ? req.path.slice(0, -1) : req.path;
    const found = this.#find(path);
    if (!found) throw new HttpError(404, API.test(path) ? `no such endpoint: ${req.path}` : "not found");
    const handler = found.pattern.methods.get(req.method);
    if (!handler) {
      const allow = [...found.pattern.methods.keys()].join(", ");
      throw new HttpError(
        405,
        API.test(path) ? `${req.method} is not allowed on ${req.path}` : "method not allowed",
        { Allow: allow },
      );
    }
    req.params = found.params;
    return handler(req);
  }

  #find(path: string): { pattern: Pattern; params: Record<string, string> } | undefined {
    const exact = this.#exact.get(path);
    if (exact) return { pattern: exact, params: {} };
    const segments = path.split("/");
    for (const p of this.#patterns) {
      if (p.segments.length !== segments.length) continue;
      const params: Record<string, string> = {};
      let ok = true;
      for (let i = 0; i < segments.length && ok; i++) {
        const want = p.segments[i]!;
        const got = segments[i]!;
        if (want.startsWith(":")) {
          if (got === "") ok = false;
          else params[want.slice(1)] = decodeSegment(got, path);
        } else ok = want === got;
      }
      if (ok) return { pattern: p, params };
    }
    return undefined;
  }

  /** The one error mapper: a refusal keeps its status and message; anything else is a logged 500. */
  #error(err: unknown, req: HttpRequest): HttpResponse {
    const api = API.test(req.path);
    if (err instanceof HttpError)
      return api
        ? json(err.status, { error: err.message }, err.headers)
        : text(err.status, err.message, err.headers);
    if (err instanceof BodyTooLargeError)
      return api ? json(413, { error: err.message }) : text(413, err.message);
    this.#logger.error(`${req.method} ${req.path} failed`, err);
    return api ? json(500, { error: "internal error" }) : text(500, "internal error");
  }
}

function decodeSegment(segment: string, path: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new HttpError(400, `the path is not valid percent-encoding: ${path}`);
  }
}
