/** One part of a multipart/form-data body, its value still as bytes. */
export interface FormPart {
  /** Field name as raw bytes (decoded later with the request's charset). */
  name: Buffer;
  /** Set when the part is a file. */
  filename?: string;
  contentType?: string;
  data: Buffer;
}

/** Thrown for a body that is not the multipart/form-data it claims to be. */
export class MultipartError extends Error {
  override name = "MultipartError";
}

/** The boundary of a `multipart/form-data; boundary=…` content type, or undefined. */
export function multipartBoundary(contentType: string | undefined): string | undefined {
  if (!contentType || !/^\s*multipart\/form-data\s*(;|$)/i.test(contentType)) return undefined;
  const m = /;\s*boundary\s*=\s*(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  return m?.[1] ?? m?.[2];
}

const CRLF = Buffer.from("\r\n");
const HEADER_END = Buffer.from("\r\n\r\n");

/**
 * Splits a multipart/form-data body (RFC 7578) into parts, working on bytes so that values in any charset
 * survive untouched. Throws MultipartError when the delimiters or part headers are missing.
 */
export function parseMultipart(body: Buffer, boundary: string): FormPart[] {
  const delimiter = Buffer.from(`--${boundary}`);
  let pos = body.indexOf(delimiter);
  if (pos < 0) throw new MultipartError("boundary not found");
  const parts: FormPart[] = [];
  for (;;) {
    pos += delimiter.length;
    if (body.subarray(pos, pos + 2).toString("latin1") === "--") return parts;
    if (!body.subarray(pos, pos + 2).equals(CRLF)) throw new MultipartError("malformed delimiter line");
    pos += 2;
    const headerEnd = body.indexOf(HEADER_END, pos);
    if (headerEnd < 0) throw new MultipartError("part headers not terminated");
    const headers = parseHeaders(body.subarray(pos, headerEnd));
    const dataStart = headerEnd + HEADER_END.length;
    const next = body.indexOf(Buffer.concat([CRLF, delimiter]), dataStart);
    if (next < 0) throw new MultipartError("closing boundary not found");
    parts.push({ ...headers, data: body.subarray(dataStart, next) });
    pos = next + CRLF.length;
  }
}

function parseHeaders(block: Buffer): Omit<FormPart, "data"> {
  let name: Buffer | undefined;
  let filename: string | undefined;
  let contentType: string | undefined;
  for (const line of splitLines(block)) {
    const colon = line.indexOf(0x3a);
    if (colon < 0) continue;
    const key = line.subarray(0, colon).toString("latin1").trim().toLowerCase();
    const value = line.subarray(colon + 1);
    if (key === "content-type") contentType = value.toString("latin1").trim();
    if (key !== "content-disposition") continue;
    name = dispositionParam(value, "name");
    filename = dispositionParam(value, "filename")?.toString("utf8");
  }
  if (!name) throw new MultipartError("part without a name");
  return { name, ...(filename !== undefined ? { filename } : {}), ...(contentType ? { contentType } : {}) };
}

function splitLines(block: Buffer): Buffer[] {
  const lines: Buffer[] = [];
  let start = 0;
  for (let i = block.indexOf(CRLF); i >= 0; i = block.indexOf(CRLF, start)) {
    lines.push(block.subarray(start, i));
    start = i + 2;
  }
  lines.push(block.subarray(start));
  return lines;
}

/** A `name="…"` parameter of Content-Disposition as raw bytes (quoted or token form). */
function dispositionParam(value: Buffer, param: string): Buffer | undefined {
  const text = value.toString("latin1");
  const m = new RegExp(`(?:^|;)\\s*${param}\\s*=\\s*(?:"((?:[^"\\\\]|\\\\.)*)"|([^;\\s]+))`, "i").exec(text);
  if (!m) return undefined;
  const raw = m[1] !== undefined ? m[1].replace(/\\(.)/g, "$1") : m[2]!;
  return Buffer.from(raw, "latin1");
}
