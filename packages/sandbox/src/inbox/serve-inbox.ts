import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { assetDir, readAsset } from "../assets.js";
import type { HttpRoute } from "../http/create-http-server.js";

/** The inbox's static files on disk: `src/inbox/public` in the sources, `dist/inbox` in the bundle. */
export function inboxDir(): string {
  return assetDir("inbox");
}

const TYPES: Record<string, string> = {
  html: "text/html; charset=utf-8",
  css: "text/css; charset=utf-8",
  js: "text/javascript; charset=utf-8",
  svg: "image/svg+xml",
  png: "image/png",
  ico: "image/x-icon",
};

/**
 * The inbox's Content-Security-Policy: only its own scripts, styles and API; no inline code, no other origin. Message
 * texts are untrusted, and the page never turns them into markup, but this is the second line of defence.
 */
export const INBOX_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
  "font-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/**
 * Serves the web inbox at `/` (index.html) and its files; anything else is 404. The files come from `folder` when
 * given, otherwise from the package's own (on disk, or embedded in the single executable: ../assets.ts), looked
 * up per request, so a build without the inbox still serves the API.
 */
export function createInboxRoute(folder?: string): HttpRoute {
  return {
    prefix: "/",
    async handle(req, res, path) {
      if (req.method !== "GET" && req.method !== "HEAD") {
        res.writeHead(405, { Allow: "GET, HEAD", "Content-Type": "text/plain; charset=utf-8" });
        res.end("method not allowed\n");
        return;
      }
      const name = path === "/" ? "index.html" : path.slice(1);
      // a flat folder of plain names: nothing can climb out of it
      const ext = /^[a-z0-9][a-z0-9-]*\.([a-z]+)$/.exec(name)?.[1];
      const type = ext === undefined ? undefined : TYPES[ext];
      let body: Buffer | undefined;
      if (type)
        body = folder ? await readFile(join(folder, name)).catch(() => undefined) : readAsset("inbox", name);
      if (!type || !body) {
        res.writeHead(404, { "Content-Type": "text/plain; charset=utf-8" });
        res.end("not found\n");
        return;
      }
      res.writeHead(200, {
        "Content-Type": type,
        "Content-Length": body.length,
        "Cache-Control": "no-cache",
        "Content-Security-Policy": INBOX_CSP,
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer",
      });
      res.end(req.method === "HEAD" ? undefined : body);
    },
  };
}
