import { decodeText, normalizeCharset, SMTP_INTERFACE, unwrapTextTags } from "smsc/protocol";

/** A letter the sandbox cannot read; the reason names what is wrong and never quotes the letter. */
export class LetterError extends Error {
  override readonly name = "LetterError";
}

interface Part {
  headers: Map<string, string>;
  body: Buffer;
}

/** Deepest multipart nesting followed; real mail clients use two or three levels. */
const MAX_DEPTH = 5;

/**
 * Reads the letter text out of a received message (RFC 5322 + MIME): the text/plain part (of a multipart letter
 * too), decoded from quoted-printable or base64 and from its charset (koi8-r when none is named, spec §7), with
 * `[text]…[/text]` unwrapped. An HTML-only letter must carry the text inside those tags. Line breaks become LF.
 */
export function letterText(raw: Buffer): string {
  const top = splitPart(raw);
  const plain = findPart(top, "text/plain", 0);
  if (plain) return unwrapTextTags(decodePart(plain));
  const html = findPart(top, "text/html", 0);
  if (html) {
    const text = htmlToText(decodePart(html));
    if (!text.includes(SMTP_INTERFACE.textOpen))
      throw new LetterError(
        `an HTML letter must wrap its text in ${SMTP_INTERFACE.textOpen}…${SMTP_INTERFACE.textClose}`,
      );
    return unwrapTextTags(text);
  }
  throw new LetterError("the letter has no text/plain part");
}

function splitPart(raw: Buffer): Part {
  let end = raw.indexOf("\r\n\r\n");
  let skip = 4;
  const lf = raw.indexOf("\n\n");
  if (lf >= 0 && (end < 0 || lf < end)) [end, skip] = [lf, 2];
  // a letter with no blank line has no header section: all of it is text (a bare `login:psw:…` letter)
  if (end < 0) return { headers: new Map(), body: raw };
  const head = raw.subarray(0, end).toString("latin1");
  const headers = new Map<string, string>();
  // RFC 5322 §2.2.3: a line starting with white space continues the previous header
  for (const line of head.replace(/\r?\n(?=[ \t])/g, "").split(/\r?\n/)) {
    const colon = line.indexOf(":");
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return { headers, body: raw.subarray(end + skip) };
}

/** `text/plain; charset="koi8-r"` → type and parameters (names lower-cased). */
function contentType(part: Part): { type: string; params: Map<string, string> } {
  const [type = "", ...rest] = (part.headers.get("content-type") ?? "text/plain").split(";");
  const params = new Map<string, string>();
  for (const p of rest) {
    const eq = p.indexOf("=");
    if (eq > 0)
      params.set(
        p.slice(0, eq).trim().toLowerCase(),
        p
          .slice(eq + 1)
          .trim()
          .replace(/^"(.*)"$/, "$1"),
      );
  }
  return { type: type.trim().toLowerCase(), params };
}

function findPart(part: Part, wanted: string, depth: number): Part | undefined {
  const { type, params } = contentType(part);
  if (type === wanted) return part;
  if (!type.startsWith("multipart/") || depth >= MAX_DEPTH) return undefined;
  const boundary = params.get("boundary");
  if (!boundary) throw new LetterError("a multipart letter without a boundary");
  for (const child of splitMultipart(part.body, boundary)) {
    const found = findPart(child, wanted, depth + 1);
    if (found) return found;
  }
  return undefined;
}

function splitMultipart(body: Buffer, boundary: string): Part[] {
  const text = body.toString("latin1");
  const delimiter = `--${boundary}`;
  const parts: Part[] = [];
  let at = text.indexOf(delimiter);
  while (at >= 0) {
    const lineEnd = text.indexOf("\n", at);
    if (lineEnd < 0 || text.startsWith(`${delimiter}--`, at)) break;
    const next = text.indexOf(`\n${delimiter}`, lineEnd);
    const stop = next < 0 ? text.length : next;
    const content = text.slice(lineEnd + 1, stop).replace(/\r$/, "");
    parts.push(splitPart(Buffer.from(content, "latin1")));
    at = next < 0 ? -1 : next + 1;
  }
  return parts;
}

function decodePart(part: Part): string {
  const cte = (part.headers.get("content-transfer-encoding") ?? "8bit").toLowerCase();
  let bytes: Buffer;
  if (cte === "base64")
    bytes = Buffer.from(part.body.toString("latin1").replace(/[^A-Za-z0-9+/=]/g, ""), "base64");
  else if (cte === "quoted-printable") bytes = decodeQuotedPrintable(part.body);
  else if (["7bit", "8bit", "binary"].includes(cte)) bytes = part.body;
  else throw new LetterError(`unknown Content-Transfer-Encoding "${cte.slice(0, 40)}"`);
  const name = contentType(part).params.get("charset") ?? SMTP_INTERFACE.defaultCharset;
  return decodeCharset(bytes, name).replace(/\r\n?/g, "\n");
}

function decodeCharset(bytes: Buffer, name: string): string {
  const known = normalizeCharset(name);
  if (known) return decodeText(bytes, known);
  if (/^(us-)?ascii$/i.test(name)) return bytes.toString("latin1");
  try {
    // other charsets (iso-8859-5, cp866…) as far as the runtime's TextDecoder knows them
    return new TextDecoder(name).decode(bytes);
  } catch {
    throw new LetterError(`unsupported charset "${name.slice(0, 40)}"`);
  }
}

/** RFC 2045 §6.7: `=XX` escapes and `=` soft line breaks. */
function decodeQuotedPrintable(body: Buffer): Buffer {
  const s = body
    .toString("latin1")
    .replace(/[ \t]+(?=\r?\n)/g, "")
    .replace(/=\r?\n/g, "");
  return Buffer.from(
    s.replace(/=([0-9A-Fa-f]{2})/g, (_, h: string) => String.fromCharCode(Number.parseInt(h, 16))),
    "latin1",
  );
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " " };

function htmlToText(html: string): string {
  return html
    .replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1>/gi, "")
    .replace(/\s*\n\s*/g, " ")
    .replace(/<br\s*\/?>|<\/(p|div|li|tr)>/gi, "\n")
    .replace(/<[^>]*>/g, "")
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
      if (e[0] !== "#") return ENTITIES[e.toLowerCase()] ?? m;
      const code = e[1] === "x" || e[1] === "X" ? Number.parseInt(e.slice(2), 16) : Number(e.slice(1));
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : m;
    });
}
