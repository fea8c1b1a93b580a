import type { CoreControl } from "../core/create-core.js";
import { SHORT_LINK_PATH } from "../core/short-links.js";
import { text } from "./respond.js";
import type { Router } from "./router.js";

/**
 * Registers `GET /t/:code`: the short links of tinyurl=1 sends. A known code counts a click and redirects (302) to
 * the original link; an unknown one is 404.
 */
export function registerShortLinkRoute(router: Router, control: CoreControl): void {
  router.on("GET", `${SHORT_LINK_PATH}:code`, (req) => {
    const url = control.shortLinks.click(req.params.code ?? "");
    if (url === undefined) return text(404, "no such short link");
    const location = asciiUrl(url);
    return {
      status: 302,
      headers: {
        Location: location,
        "Cache-Control": "no-store",
        "Content-Type": "text/plain; charset=utf-8",
      },
      body: `${location}\n`,
    };
  });
}

/** A header carries ASCII only: IDN hosts as punycode, other characters percent-encoded (WHATWG URL). */
function asciiUrl(url: string): string {
  try {
    return new URL(url).href;
  } catch {
    return encodeURI(url);
  }
}
