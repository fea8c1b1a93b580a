import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { assetDir, readAsset } from "../assets.js";
import { HttpError } from "../http/http-types.js";
import type { Router } from "../http/router.js";

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
 * Registers the web inbox at `/` (index.html) and its files; any other name is 404. The files come from `folder`
 * when given, otherwise from the package's own (on disk, or embedded in the single executable: ../assets.ts),
 * looked up per request, so a build without the inbox still serves the API.
 */
export function registerInbox(router: Router, folder?: string): void {
  const serve = async (req: { method: string; params: Record<string, string> }) => {
    const name = req.params.file ?? "index.html";
    // a flat folder of plain names: nothing can climb out of it
    const ext = /^[a-z0-9][a-z0-9-]*\.([a-z]+)$/.exec(name)?.[1];
    const type = ext === undefined ? undefined : TYPES[ext];
    let body: Buffer | undefined;
    if (type)
      body = folder ? await readFile(join(folder, name)).catch(() => undefined) : readAsset("inbox", name);
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
