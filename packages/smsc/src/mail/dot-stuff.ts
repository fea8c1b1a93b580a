/**
 * Prepares letter bytes for DATA (RFC 5321 §4.5.2): every line break becomes CRLF (a bare LF is not allowed on
 * the wire), a line starting with "." gets one more, and the terminating `CRLF.CRLF` is appended.
 */
export function dotStuff(data: Uint8Array): Buffer {
  const out: number[] = [];
  let lineStart = true;
  for (let i = 0; i < data.length; i++) {
    const b = data[i]!;
    if (b === 0x0d && data[i + 1] === 0x0a) continue; // the LF that follows writes the CRLF
    if (lineStart && b === 0x2e) out.push(0x2e);
    if (b === 0x0a || b === 0x0d) {
      out.push(0x0d, 0x0a);
      lineStart = true;
    } else {
      out.push(b);
      lineStart = false;
    }
  }
  if (!lineStart) out.push(0x0d, 0x0a);
  out.push(0x2e, 0x0d, 0x0a);
  return Buffer.from(out);
}
