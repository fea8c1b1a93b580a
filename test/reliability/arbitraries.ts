// fast-check generators shared by the fuzz runs: hostile strings and bytes, send.php-shaped parameter sets, forms
// and multipart bodies in every charset (corrupted on purpose), MIME letters and SMTP lines, SMPP frames.
import fc from "fast-check";
import {
  BALANCE_PARAMS,
  CHARSETS,
  type Charset,
  encodePdu,
  encodeText,
  percentEncode,
  SEND_PARAMS,
  STATUS_PARAMS,
} from "smsc/protocol";

/** Strings that broke or nearly broke parsers somewhere: escapes, huge numbers, separators, markup, surrogates. */
const EDGE_STRINGS = [
  "",
  " ",
  "%",
  "%f",
  "%ff",
  "%zz",
  "%00",
  "+",
  "&",
  "=",
  ",",
  ";",
  ":",
  "\u0000",
  "\r",
  "\n",
  "\r\n.\r\n",
  "9".repeat(309),
  "1e309",
  "-1",
  "0x10",
  "NaN",
  "Infinity",
  "1.5",
  "00",
  "0",
  "1",
  "2",
  "3",
  "999999999999999999999",
  "<script>alert(1)</script>",
  "\"'",
  "{",
  "[]",
  "null",
  "\uD800",
  "\uFEFF",
  "😀".repeat(3),
  "Привет, мир",
  "әғқңөұүһі",
  "a".repeat(2000),
  "77011234567",
  "+7 (701) 123-45-67",
  "77011234567,77017654321;87001112233",
  "01.01.30 10:00",
  "0123",
  "+60",
  "h1-h2",
  "utf-8",
  "koi8-r",
  "windows-1251",
  "demo",
];

/** A hostile string: an edge case, arbitrary UTF-16, or arbitrary "binary" characters. */
export const nastyString = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...EDGE_STRINGS) },
  { weight: 2, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 60 }) },
  { weight: 1, arbitrary: fc.string({ unit: "grapheme", maxLength: 20 }) },
  { weight: 1, arbitrary: fc.stringMatching(/^[0-9,+ ()-]{0,30}$/) },
);

/** Every parameter name the scripts know, plus the credentials and reply-shape fields. */
export const KNOWN_PARAMS = [
  ...Object.keys(SEND_PARAMS),
  ...Object.keys(STATUS_PARAMS),
  ...Object.keys(BALANCE_PARAMS),
  "login",
  "psw",
  "apikey",
  "fmt",
  "charset",
  "get_answers",
  "get_messages",
  "cnt",
  "hour",
  "after_id",
  "to_phone",
];

/** A parameter name: mostly a real one, sometimes anything. */
export const paramName = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...new Set(KNOWN_PARAMS)) },
  { weight: 1, arbitrary: nastyString },
);

/** A value for a parameter: hostile text, or a number of any size written in any way. */
export const paramValue = fc.oneof(
  { weight: 4, arbitrary: nastyString },
  { weight: 1, arbitrary: fc.integer().map(String) },
  { weight: 1, arbitrary: fc.bigInt({ min: 0n, max: 10n ** 400n }).map(String) },
  { weight: 1, arbitrary: fc.double().map(String) },
);

/** A valid send to build on, so that later checks (parts, maxsms, time) are reached, or nothing. */
const baseSend = fc.constantFrom<Array<[string, string]>>(
  [],
  [
    ["phones", "77011234567"],
    ["mes", "hello"],
  ],
  [
    ["phones", "77011234567,77017654321"],
    ["mes", "Привет, это длинное сообщение ".repeat(6)],
  ],
  [["list", "77011234567:one\n77017654321:two"]],
);

/** A parameter set that usually authenticates (demo / demo) and is often a valid send, with random other fields. */
export const paramSet = fc
  .tuple(
    fc.constantFrom<Array<[string, string]>>(
      [
        ["login", "demo"],
        ["psw", "demo"],
      ],
      [["apikey", "demo-apikey"]],
      [
        ["login", "demo"],
        ["psw", "fe01ce2a7fbac8fafaed7c982a04e229"],
      ],
      [],
    ),
    baseSend,
    fc.array(fc.tuple(paramName, paramValue), { maxLength: 8 }),
    fc.option(fc.constantFrom("0", "1", "2", "3", "", "4", "x"), { nil: undefined }),
    fc.option(fc.constantFrom<string>(...CHARSETS, "UTF8", "latin1", ""), { nil: undefined }),
  )
  .map(([auth, base, rest, fmt, charset]) => {
    const fields: Array<[string, string]> = [...auth, ...base, ...rest];
    if (fmt !== undefined) fields.push(["fmt", fmt]);
    if (charset !== undefined) fields.push(["charset", charset]);
    return fields;
  });

/** The request charset a field list names (the last `charset` wins, as in the sandbox), windows-1251 otherwise. */
export function charsetOf(fields: Array<[string, string]>): Charset {
  const named = fields.filter(([k]) => k === "charset").at(-1)?.[1];
  return (CHARSETS as readonly string[]).includes(named ?? "") ? (named as Charset) : "windows-1251";
}

/** Percent-encodes in a charset, falling back to UTF-8 for text the charset cannot write. */
function encodeIn(v: string, charset: Charset): string {
  try {
    return percentEncode(v, charset);
  } catch {
    return percentEncode(v, "utf-8");
  }
}

/** An urlencoded form, sometimes damaged: raw bytes, a bad escape, a missing `=`, a stray `&`. */
export const formBody = fc
  .tuple(paramSet, fc.constantFrom("clean", "raw", "bad-escape", "no-equals", "stray"))
  .map(([fields, damage]) => {
    const charset = charsetOf(fields);
    const pairs = fields.map(([k, v]) => {
      if (damage === "raw") return `${k}=${v}`;
      if (damage === "no-equals") return encodeIn(k, charset);
      return `${encodeIn(k, charset)}=${encodeIn(v, charset)}`;
    });
    if (damage === "bad-escape") pairs.push("mes=%E0%", "%zz=%G1");
    if (damage === "stray") pairs.unshift("&&", "=");
    return { fields, charset, text: pairs.join("&") };
  });

/** A multipart/form-data body from a field list, sometimes damaged (cut short, wrong boundary, no final line). */
export const multipartBody = fc
  .tuple(
    paramSet,
    fc.constantFrom("clean", "truncated", "wrong-boundary", "no-end", "file", "garbage-headers"),
    fc.stringMatching(/^[A-Za-z0-9'()+_,./:=?-]{1,40}$/),
  )
  .map(([fields, damage, boundary]) => {
    const charset = charsetOf(fields);
    const chunks: Buffer[] = [];
    const b = damage === "wrong-boundary" ? `${boundary}x` : boundary;
    for (const [k, v] of fields) {
      const head =
        damage === "garbage-headers"
          ? `--${b}\r\nContent-Disposition: form-data; name=${k}\r\nX: \u00ff\r\n\r\n`
          : `--${b}\r\nContent-Disposition: form-data; name="${k.replace(/"/g, "")}"\r\n\r\n`;
      chunks.push(Buffer.from(head, "latin1"));
      let bytes: Uint8Array;
      try {
        bytes = encodeText(v, charset);
      } catch {
        bytes = encodeText(v, "utf-8");
      }
      chunks.push(Buffer.from(bytes), Buffer.from("\r\n"));
    }
    if (damage === "file")
      chunks.push(
        Buffer.from(
          `--${b}\r\nContent-Disposition: form-data; name="f"; filename="a.bin"\r\n\r\n\u0000\u00ff\r\n`,
          "latin1",
        ),
      );
    if (damage !== "no-end") chunks.push(Buffer.from(`--${b}--\r\n`));
    let body = Buffer.concat(chunks);
    if (damage === "truncated") body = body.subarray(0, Math.floor(body.length / 2));
    return { fields, charset, boundary, body };
  });

/** A header line of a MIME letter, plausible or not. */
const mimeHeader = fc.oneof(
  fc.constantFrom(
    "Content-Type: text/plain",
    "Content-Type: text/plain; charset=koi8-r",
    "Content-Type: text/plain; charset=utf-8",
    "Content-Type: text/plain; charset=windows-1251",
    "Content-Type: text/plain; charset=iso-8859-5",
    "Content-Type: text/plain; charset=x-unknown",
    "Content-Type: text/html; charset=utf-8",
    "Content-Type: multipart/alternative; boundary=BB",
    "Content-Type: multipart/mixed",
    'Content-Type: multipart/mixed; boundary=""',
    "Content-Transfer-Encoding: base64",
    "Content-Transfer-Encoding: quoted-printable",
    "Content-Transfer-Encoding: x-uuencode",
    "Content-Transfer-Encoding: 8bit",
    "Subject: =?UTF-8?B?0J/RgNC40LLQtdGC?=",
    "From: a@b.c",
    " folded continuation",
  ),
  nastyString.map((s) => `X-${s.replace(/[\r\n]/g, "")}: ${s.replace(/[\r\n]/g, " ")}`),
);

/** The text of a letter: the service's field layout with hostile fields, or anything at all. */
export const letterText = fc.oneof(
  fc
    .tuple(
      fc.constantFrom("demo", "", "nobody"),
      fc.constantFrom("demo", "demo-apikey", "wrong", ""),
      fc.array(nastyString, { minLength: 0, maxLength: 6 }),
    )
    .map(([login, psw, rest]) => [login, psw, ...rest].join(":")),
  nastyString,
  fc.constantFrom("[text]demo:demo::0:0,0,,1:77011234567:hi[/text]", "demo:demo::0,3:0,0,,1:77011234567:hi"),
);

/** A whole letter (headers, a blank line, a body that may be base64, multipart or HTML). */
export const letter = fc
  .tuple(
    fc.array(mimeHeader, { maxLength: 5 }),
    letterText,
    fc.constantFrom("plain", "base64", "multipart", "html"),
  )
  .map(([headers, text, shape]) => {
    if (shape === "base64")
      return `${[...headers, "Content-Transfer-Encoding: base64"].join("\r\n")}\r\n\r\n${Buffer.from(text).toString("base64")}`;
    if (shape === "multipart")
      return [
        ...headers,
        "Content-Type: multipart/mixed; boundary=XX",
        "",
        "--XX",
        "Content-Type: text/plain; charset=utf-8",
        "",
        text,
        "--XX--",
      ].join("\r\n");
    if (shape === "html") return `Content-Type: text/html\r\n\r\n<p>${text}</p><br>[text]${text}[/text]`;
    return `${headers.join("\r\n")}\r\n\r\n${text}`;
  });

/** One line a client might send in an SMTP session (without its line break). */
export const smtpCommand = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.constantFrom(
      "EHLO fuzz",
      "HELO fuzz",
      "MAIL FROM:<a@b.c>",
      "RCPT TO:<send@send.smsc.kz>",
      "DATA",
      "RSET",
      "NOOP",
      "VRFY x",
      "STARTTLS",
      "AUTH PLAIN",
      "AUTH PLAIN AGRlbW8AZGVtbw==",
      "AUTH LOGIN",
      "*",
      "QUIT",
    ),
  },
  {
    weight: 2,
    arbitrary: fc
      .tuple(
        fc.constantFrom("EHLO", "HELO", "MAIL FROM:", "RCPT TO:", "AUTH", "MAIL FROM:<a@b> SIZE="),
        nastyString,
      )
      .map(([v, a]) => `${v} ${a}`),
  },
  { weight: 1, arbitrary: nastyString },
  { weight: 1, arbitrary: fc.string({ unit: "binary", minLength: 400, maxLength: 700 }) },
);

/** An SMPP command_id: a known request, a known response, or anything. */
const commandId = fc.oneof(
  fc.constantFrom(
    0x1,
    0x2,
    0x3,
    0x4,
    0x5,
    0x6,
    0x7,
    0x8,
    0x9,
    0xb,
    0x15,
    0x21,
    0x103,
    0x80000000,
    0x80000004,
    0x80000015,
  ),
  fc.integer({ min: 0, max: 0xffffffff }),
);

/** One well-framed SMPP PDU: a real encoded one with hostile fields, or a consistent header with random bytes. */
export const smppFrame = fc.oneof(
  {
    weight: 3,
    arbitrary: fc
      .record({
        command: fc.constantFrom(
          "bind_transceiver",
          "bind_transmitter",
          "bind_receiver",
          "submit_sm",
          "query_sm",
          "enquire_link",
          "unbind",
          "cancel_sm",
          "replace_sm",
          "data_sm",
          "deliver_sm_resp",
          "generic_nack",
        ),
        sequence_number: fc.integer({ min: 0, max: 0x7fffffff }),
        system_id: fc.constantFrom("demo", "", "nobody", "x".repeat(15)),
        password: fc.constantFrom("demo", "", "wrong"),
        destination_addr: nastyString.map((s) => s.replace(/\u0000/g, "").slice(0, 20)),
        source_addr: nastyString.map((s) => s.replace(/\u0000/g, "").slice(0, 20)),
        message_id: nastyString.map((s) => s.replace(/\u0000/g, "").slice(0, 64)),
        data_coding: fc.constantFrom(0, 3, 4, 8, 0xf0, 0xff),
        esm_class: fc.constantFrom(0, 0x40, 0x80, 0xff),
        registered_delivery: fc.constantFrom(0, 1),
        short_message: fc.uint8Array({ maxLength: 254 }),
      })
      .map((p) => {
        try {
          return encodePdu(p as never);
        } catch {
          return encodePdu({ command: "enquire_link", sequence_number: p.sequence_number });
        }
      }),
  },
  {
    weight: 2,
    arbitrary: fc
      .tuple(
        commandId,
        fc.integer({ min: 0, max: 0xffffffff }),
        fc.integer({ min: 0, max: 0xffffffff }),
        fc.uint8Array({ maxLength: 300 }),
      )
      .map(([id, status, seq, body]) => {
        const frame = new Uint8Array(16 + body.length);
        const v = new DataView(frame.buffer);
        v.setUint32(0, frame.length);
        v.setUint32(4, id);
        v.setUint32(8, status);
        v.setUint32(12, seq);
        frame.set(body, 16);
        return frame;
      }),
  },
);

/** A frame whose command_length lies (too small, too big, absurd): the server must refuse it, not wait forever. */
export const badLengthFrame = fc
  .tuple(
    fc.constantFrom(0, 1, 15, 70_001, 0x7fffffff, 0xffffffff),
    fc.uint8Array({ minLength: 12, maxLength: 40 }),
  )
  .map(([length, rest]) => {
    const frame = new Uint8Array(4 + rest.length);
    new DataView(frame.buffer).setUint32(0, length);
    frame.set(rest, 4);
    return frame;
  });
