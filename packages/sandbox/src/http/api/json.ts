import type { IncomingMessage, ServerResponse } from "node:http";

/** A request the inspection API refuses, with its HTTP status; the message is safe to show. */
export class HttpError extends Error {
  override name = "HttpError";
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** Writes a JSON reply. */
export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const bytes = Buffer.from(JSON.stringify(body));
  res.writeHead(status, {
    "Content-Type": "application/json; charset=utf-8",
    "Content-Length": bytes.length,
    "Cache-Control": "no-store",
  });
  res.end(bytes);
}

/** Writes `{ "error": message }` with the status. */
export function sendJsonError(res: ServerResponse, status: number, message: string): void {
  sendJson(res, status, { error: message });
}

/** The largest JSON body the API reads. */
const MAX_BODY = 1 << 20;

/** Reads a JSON object body; an empty body is `{}`. */
export async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new HttpError(413, "body larger than 1 MiB");
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString("utf8").trim();
  if (text === "") return {};
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
