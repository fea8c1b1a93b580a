import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { HttpRoute } from "../http/create-http-server.js";

/**
 * The inbox's static files. Resolved relative to this module at run time: `src/inbox/public` in the sources,
 * `dist/inbox` in the bundle (scripts/copy-assets.mjs copies it there).
 */
export function inboxDir(): string {
  for (const rel of ["./public/", "./inbox/"]) {
    const dir = fileURLToPath(new URL(rel, import.meta.url));
    if (existsSync(join(dir, "index.html"))) return dir;
  }
  throw new Error("the web inbox's files are missing (expected src/inbox/public or dist/inbox)");
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
 * Serves the web inbox at `/` (index.html) and its files; anything else is 404. The folder is looked up on the
 * first request, so a build without the inbox still serves the API.
 */
export function createInboxRoute(folder?: string): HttpRoute {
  let dir = folder;
  return {
    prefix: "/",
    async handle(req, res, path) {
      dir ??= inboxDir();
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
      if (type) body = await readFile(join(dir, name)).catch(() => undefined);
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
