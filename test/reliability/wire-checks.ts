// What "a reply in the right format" means for each listener, used by the fuzz runs, plus a small HTTP client that
// sends exactly the method, path, headers and body it is given.
import { Agent, request } from "node:http";
import { type Charset, decodeText, normalizeCharset } from "smsc/protocol";

/** A reply as read off the wire. */
export interface HttpReply {
  status: number;
  contentType: string;
  bytes: Buffer;
}

const agent = new Agent({ keepAlive: true, maxSockets: 4 });

/** Sends one request over a keep-alive connection (node:http, which lets a test set any path and body). */
export function httpRequest(
  base: string,
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: Buffer,
): Promise<HttpReply> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request(
      { host: url.hostname, port: url.port, method, path, headers, agent, timeout: 10_000 },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            contentType: String(res.headers["content-type"] ?? ""),
            bytes: Buffer.concat(chunks),
          }),
        );
        res.on("error", reject);
      },
    );
    req.on("timeout", () => req.destroy(new Error(`no reply to ${method} ${path} within 10 s`)));
    req.on("error", reject);
    req.end(body);
  });
}

/** Closes the keep-alive connections of httpRequest. */
export function closeHttpAgent(): void {
  agent.destroy();
}

/** Whether a text is a well-formed XML document of elements and escaped text (what fmt=2 replies are). */
export function isWellFormedXml(text: string): boolean {
  const s = text.replace(/^<\?xml[^>]*\?>\s*/, "").trim();
  if (!s.startsWith("<")) return false;
  const stack: string[] = [];
  let roots = 0;
  const token = /<(\/?)([A-Za-z_][\w.-]*)\s*(\/?)>|([^<]+)/gy;
  let at = 0;
  while (at < s.length) {
    token.lastIndex = at;
    const m = token.exec(s);
    if (!m) return false;
    at = token.lastIndex;
    if (m[4] !== undefined) {
      if (stack.length === 0 && m[4].trim() !== "") return false;
      if (/&(?!(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/.test(m[4])) return false;
      continue;
    }
    if (m[1]) {
      if (stack.pop() !== m[2]) return false;
    } else if (!m[3]) {
      if (stack.length === 0) roots++;
      stack.push(m[2]!);
    } else if (stack.length === 0) roots++;
  }
  return stack.length === 0 && roots === 1;
}

/** The fmt a /sys reply's Content-Type stands for, and its charset. */
export function sysReplyFormat(contentType: string): { fmt: 0 | 2 | 3; charset: Charset } | undefined {
  const m = /^(text\/plain|application\/xml|application\/json); charset=([\w-]+)$/.exec(contentType);
  if (!m) return undefined;
  const charset = normalizeCharset(m[2]);
  if (!charset) return undefined;
  return { fmt: m[1] === "application/json" ? 3 : m[1] === "application/xml" ? 2 : 0, charset };
}

/**
 * Why a /sys reply is not in the service's wire format, or undefined when it is: HTTP 200, a media type of its fmt,
 * and a body that parses as that fmt (JSON for 3, XML for 2, a non-empty text for 0 and 1).
 */
export function sysReplyProblem(reply: HttpReply): string | undefined {
  if (reply.status !== 200) return `HTTP ${reply.status}: ${reply.bytes.toString("latin1").slice(0, 200)}`;
  const f = sysReplyFormat(reply.contentType);
  if (!f) return `unexpected Content-Type ${reply.contentType}`;
  const text = decodeText(new Uint8Array(reply.bytes), f.charset);
  if (f.fmt === 3) {
    try {
      JSON.parse(text);
    } catch {
      return `fmt=3 body is not JSON: ${text.slice(0, 200)}`;
    }
  } else if (f.fmt === 2) {
    if (!isWellFormedXml(text)) return `fmt=2 body is not well-formed XML: ${text.slice(0, 200)}`;
  } else if (text.trim() === "") return "empty fmt=0/1 body";
  return undefined;
}

/** Why an /api/v1 reply is not JSON (any status), or undefined when it is. */
export function apiReplyProblem(reply: HttpReply): string | undefined {
  if (!/^application\/json/.test(reply.contentType))
    return `HTTP ${reply.status} with Content-Type ${reply.contentType}: ${reply.bytes.toString("utf8").slice(0, 200)}`;
  try {
    JSON.parse(reply.bytes.toString("utf8"));
  } catch {
    return `HTTP ${reply.status} body is not JSON: ${reply.bytes.toString("utf8").slice(0, 200)}`;
  }
  if (reply.status >= 500) return `HTTP ${reply.status}: ${reply.bytes.toString("utf8").slice(0, 200)}`;
  return undefined;
}
