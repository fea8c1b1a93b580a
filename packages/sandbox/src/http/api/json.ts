import { HttpError, type HttpRequest } from "../http-types.js";
import { isJsonType, JSON_ONLY_MESSAGE } from "../json-only.js";

/** The largest JSON body the API reads. */
const MAX_BODY = 1 << 20;

/** Reads a JSON object body; an empty body is `{}`; a body not sent as `application/json` is 415. */
export async function readJson(req: HttpRequest): Promise<Record<string, unknown>> {
  const bytes = await req.body(MAX_BODY);
  const text = new TextDecoder().decode(bytes).trim();
  if (text === "") return {};
  if (!isJsonType(req.header("content-type") ?? "")) throw new HttpError(415, JSON_ONLY_MESSAGE);
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    throw new HttpError(400, "body is not valid JSON");
  }
  if (typeof v !== "object" || v === null || Array.isArray(v))
    throw new HttpError(400, "body must be a JSON object");
  return v as Record<string, unknown>;
}
