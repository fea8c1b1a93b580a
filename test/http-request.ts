// A raw HTTP/1.1 request over node:http for the cross-origin tests: unlike fetch it sends any Host header, and
// nothing is added or filtered (no Sec-Fetch-Mode, no default Content-Type for a string body).
import { request } from "node:http";

/** A reply: status, headers (lower-case names) and the body as text. */
export interface HttpReply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** Sends one request to `base` (the sandbox's URL) and reads the whole reply. */
export function httpCall(
  base: string,
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body?: string,
): Promise<HttpReply> {
  const url = new URL(path, base);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        method,
        path: url.pathname + url.search,
        headers: {
          ...(body !== undefined ? { "content-length": String(Buffer.byteLength(body)) } : {}),
          ...headers,
        },
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks).toString() }),
        );
        res.on("error", reject);
      },
    );
    req.setTimeout(10_000, () => req.destroy(new Error(`${method} ${path}: no reply in 10 s`)));
    req.on("error", reject);
    req.end(body);
  });
}
