import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { Logger } from "../core/logger.js";
import { silentLogger } from "../core/logger.js";
import type { Core } from "../core/types.js";
import { answerClientError } from "./client-error.js";
import { sendPlain } from "./reply.js";
import { handleSys, isSysPath, type SysHooks } from "./sys-routes.js";

/** Extra routes under a path prefix (the inspection API, the inbox, …), tried after the /sys scripts. */
export interface HttpRoute {
  /** Path prefix, e.g. "/api/v1/". */
  prefix: string;
  /** Narrows the prefix: the route serves a path only when this returns true. @default every path under prefix */
  match?(path: string): boolean;
  handle(req: IncomingMessage, res: ServerResponse, path: string): void | Promise<void>;
}

/** Options of createHttpServer. */
export interface HttpServerOptions {
  core: Core;
  routes?: HttpRoute[];
  logger?: Logger;
  /** Hooks around the /sys scripts (the sandbox's chaos controls). */
  sysHooks?: SysHooks;
}

/**
 * The HTTP adapter: `/sys/send.php`, `/sys/status.php` and `/sys/balance.php` byte for byte over GET and POST,
 * plus any extra routes. Not listening yet; the caller calls `listen`.
 */
export function createHttpServer(options: HttpServerOptions): Server {
  const logger = options.logger ?? silentLogger;
  const routes = options.routes ?? [];
  const server = createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0]!;
    const done = (err: unknown) => {
      logger.error(`${req.method} ${path} failed`, err);
      if (!res.headersSent) sendPlain(res, 500, "internal error");
      else res.destroy();
    };
    try {
      if (isSysPath(path)) {
        if (req.method !== "GET" && req.method !== "POST") {
          sendPlain(res, 405, "method not allowed", { Allow: "GET, POST" });
          return;
        }
        handleSys(options.core, path, req, res, options.sysHooks).catch(done);
        return;
      }
      const route = routes.find((r) => path.startsWith(r.prefix) && (r.match?.(path) ?? true));
      if (route) {
        Promise.resolve(route.handle(req, res, path)).catch(done);
        return;
      }
      sendPlain(res, 404, "not found");
    } catch (err) {
      done(err);
    }
  });
  server.on("clientError", answerClientError);
  return server;
}
