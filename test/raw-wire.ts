// Raw-socket peers for tests that must see exactly the bytes a listener writes: an SMTP dialogue written in one go,
// and an HTTP request head written by hand (fetch refuses to send malformed or oversized heads).
import net from "node:net";

/** Writes `input` to a TCP listener on 127.0.0.1, half-closes, and resolves with every byte it answered (latin1). */
export function rawExchange(port: number, input: string | Buffer, timeoutMs = 10_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, "127.0.0.1");
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => {
      socket.destroy();
      reject(
        new Error(`no end of the reply within ${timeoutMs} ms: ${Buffer.concat(chunks).toString("latin1")}`),
      );
    }, timeoutMs);
    socket.on("data", (d: Buffer) => chunks.push(d));
    socket.on("error", () => undefined);
    socket.on("close", () => {
      clearTimeout(timer);
      resolve(Buffer.concat(chunks).toString("latin1"));
    });
    socket.on("connect", () => socket.end(input));
  });
}

/** SMTP reply lines as the server wrote them: the text split on CRLF only, so a bare CR or LF stays visible. */
export function smtpLines(raw: string): string[] {
  const lines = raw.split("\r\n");
  if (lines.at(-1) === "") lines.pop();
  return lines;
}

/** One well-formed SMTP reply line (RFC 5321 §4.2): three digits, a space or hyphen, printable ASCII. */
export const SMTP_REPLY_LINE = /^[2-5]\d\d[ -][\x20-\x7e]*$/;

/** A raw HTTP response: status code, headers (lower-case names) and body. */
export interface RawHttpResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Parses the first HTTP/1.1 response of a raw exchange (Content-Length or read-to-close bodies). */
export function parseHttpResponse(raw: string): RawHttpResponse {
  const end = raw.indexOf("\r\n\r\n");
  if (end < 0) throw new Error(`no complete response head: ${JSON.stringify(raw.slice(0, 200))}`);
  const [statusLine = "", ...headerLines] = raw.slice(0, end).split("\r\n");
  const m = /^HTTP\/1\.[01] (\d{3})/.exec(statusLine);
  if (!m) throw new Error(`not an HTTP status line: ${statusLine}`);
  const headers: Record<string, string> = {};
  for (const line of headerLines) {
    const colon = line.indexOf(":");
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  let body = raw.slice(end + 4);
  const length = headers["content-length"];
  if (length !== undefined) body = body.slice(0, Number(length));
  return { status: Number(m[1]), headers, body };
}
