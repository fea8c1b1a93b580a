import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { HttpError } from "../http/http-types.js";
import type { Router } from "../http/router.js";

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
 * Registers the web inbox at `/` (index.html) and its files; any other name is 404. The folder is looked up on the
 * first request, so a build without the inbox still serves the API.
 */
export function registerInbox(router: Router, folder?: string): void {
  let dir = folder;
  const serve = async (req: { method: string; params: Record<string, string> }) => {
    dir ??= inboxDir();
    const name = req.params.file ?? "index.html";
    // a flat folder of plain names: nothing can climb out of it
    const ext = /^[a-z0-9][a-z0-9-]*\.([a-z]+)$/.exec(name)?.[1];
    const type = ext === undefined ? undefined : TYPES[ext];
    const body = type ? await readFile(join(dir, name)).catch(() => undefined) : undefined;
    if (!type || !body) throw new HttpError(404, "not found");
    return {
      status: 200,
      headers: {
        "Content-Type": type,
        "Cache-Control": "no-cache",
        "Content-Security-Policy": INBOX_CSP,
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer",
      },
      body,
    };
  };
  router.on(["GET", "HEAD"], "/", serve);
  router.on(["GET", "HEAD"], "/:file", serve);
}
