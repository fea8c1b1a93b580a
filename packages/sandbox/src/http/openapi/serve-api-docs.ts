import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { HttpError } from "../http-types.js";
import { json } from "../respond.js";
import type { Router } from "../router.js";
import type { ApiSection } from "./api-spec.js";
import { openApiDocument } from "./openapi-document.js";

/** Where the document is served. */
export const OPENAPI_PATH = "/api/v1/openapi.json";

/** The API page's files, served under /api/: the page and what it loads. */
const FILES: Record<string, { file: string; type: string }> = {
  "/api": { file: "index.html", type: "text/html; charset=utf-8" },
  "/api/docs.js": { file: "docs.js", type: "text/javascript; charset=utf-8" },
  "/api/docs.css": { file: "docs.css", type: "text/css; charset=utf-8" },
};

/**
 * The page's Content-Security-Policy: its own script, style and the document; no inline code, no other origin.
 * Descriptions in the document are rendered as text, never as markup.
 */
export const API_DOCS_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; " +
  "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** The section of the document's own route. */
export const API_DOCS_SECTION: ApiSection = {
  tag: "meta",
  description: "This document. A readable page of it is at /api/.",
  schemas: {},
  operations: [
    {
      method: "GET",
      path: OPENAPI_PATH,
      id: "openApiDocument",
      summary: "The OpenAPI 3.1 document of /api/v1",
      replies: { 200: { description: "The document.", schema: { type: "object" } } },
    },
  ],
};

/**
 * The page's static files. Resolved relative to this module at run time: `src/http/openapi/public` in the sources,
 * `dist/api-docs` in the bundle (scripts/copy-assets.mjs copies it there).
 */
export function apiDocsDir(): string {
  for (const rel of ["./public/", "./api-docs/"]) {
    const dir = fileURLToPath(new URL(rel, import.meta.url));
    if (existsSync(join(dir, "index.html"))) return dir;
  }
  throw new Error("the API page's files are missing (expected src/http/openapi/public or dist/api-docs)");
}

/**
 * Registers `GET /api/v1/openapi.json` (the document of every section given, built once at the first request)
 * and the readable page at `/api/` with its script and style.
 */
export function registerApiDocs(router: Router, sections: readonly ApiSection[]): void {
  let document: string | undefined;
  router.on("GET", OPENAPI_PATH, () => {
    document ??= JSON.stringify(openApiDocument([...sections, API_DOCS_SECTION]));
    return { ...json(200, null), body: document };
  });
  let dir: string | undefined;
  for (const [path, { file, type }] of Object.entries(FILES)) {
    router.on(["GET", "HEAD"], path, async () => {
      dir ??= apiDocsDir();
      const body = await readFile(join(dir, file)).catch(() => undefined);
      if (!body) throw new HttpError(404, `the API page's ${file} is missing`);
      return {
        status: 200,
        headers: {
          "Content-Type": type,
          "Cache-Control": "no-cache",
          "Content-Security-Policy": API_DOCS_CSP,
          "X-Content-Type-Options": "nosniff",
          "Referrer-Policy": "no-referrer",
        },
        body,
      };
    });
  }
}
