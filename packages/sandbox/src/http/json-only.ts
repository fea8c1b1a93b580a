import { HttpError } from "./http-types.js";
import type { Middleware } from "./router.js";

/** Methods that change the sandbox. */
const STATE_CHANGING = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** The API's paths. */
const API = /^\/api(?:\/|$)/;

/** Whether a Content-Type value is JSON (`application/json`, with any parameters). */
export const isJsonType = (type: string): boolean => /^\s*application\/json\s*(?:;|$)/i.test(type);

/** The refusal's text: what to send instead. */
export const JSON_ONLY_MESSAGE =
  "Content-Type must be application/json (a POST needs it even without a body), so that no page on another " +
  "origin can send this without a preflight (docs/inspection-api.md)";

/**
 * The CSRF guard of the API: a POST, PUT, PATCH or DELETE under /api must say `Content-Type: application/json`,
 * and a POST must say it even without a body. A form or a no-cors fetch cannot send that type, and a fetch that
 * does is preflighted, which `crossOrigin` refuses for origins not allowed. PUT, PATCH and DELETE without a body may
 * leave it out: a browser preflights those methods whatever they carry. (`readJson` refuses a body of another
 * type, so a bodiless-looking PUT with a body gains nothing.) Anything else is 415.
 */
export function jsonOnly(): Middleware {
  return (req, next) => {
    if (!STATE_CHANGING.has(req.method) || !API.test(req.path)) return next();
    const type = req.header("content-type");
    if (type === undefined ? req.method === "POST" : !isJsonType(type))
      throw new HttpError(415, JSON_ONLY_MESSAGE, { "Accept-Post": "application/json" });
    return next();
  };
}
