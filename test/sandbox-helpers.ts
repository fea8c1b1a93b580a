import {
  type Charset,
  DEFAULT_CHARSET,
  decodeText,
  encodeForm,
  encodeText,
  percentEncode,
} from "smsc/protocol";

/** How a test request carries its parameters. */
export type Transport = "get" | "urlencoded" | "multipart";

/** A /sys reply: status, content type, raw bytes and the body decoded in the request's charset. */
export interface WireReply {
  status: number;
  contentType: string;
  bytes: Uint8Array;
  text: string;
}

/**
 * Calls a /sys script of a running sandbox over real HTTP, encoding the parameters as the charset's bytes (the
 * `charset` field, when present, decides; windows-1251 otherwise, like the service).
 */
export async function callSys(
  baseUrl: string,
  script:
    | "send"
    | "status"
    | "balance"
    | "get"
    | "phones"
    | "senders"
    | "op_templates"
    | "documents"
    | "templates"
    | "jobs"
    | "users"
    | "receive_phones",
  fields: Array<[string, string]>,
  transport: Transport = "get",
): Promise<WireReply> {
  const charset = (fields.find(([k]) => k === "charset")?.[1] as Charset | undefined) ?? DEFAULT_CHARSET;
  const url = `${baseUrl}/sys/${script}.php`;
  let res: Response;
  if (transport === "get") {
    res = await fetch(`${url}?${encodeForm(fields, charset)}`);
  } else if (transport === "urlencoded") {
    res = await fetch(url, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: encodeForm(fields, charset),
    });
  } else {
    const boundary = "----sandbox-test-boundary-7MA4YWxkTrZu0gW";
    res = await fetch(url, {
      method: "POST",
      headers: { "Content-Type": `multipart/form-data; boundary=${boundary}` },
      body: multipartBody(fields, charset, boundary),
    });
  }
  const bytes = new Uint8Array(await res.arrayBuffer());
  return {
    status: res.status,
    contentType: res.headers.get("content-type") ?? "",
    bytes,
    text: decodeText(bytes, charset),
  };
}

/** A multipart/form-data body whose values are bytes of `charset`. */
export function multipartBody(
  fields: Array<[string, string]>,
  charset: Charset,
  boundary: string,
  files: Array<{ name: string; filename: string; data: Uint8Array }> = [],
): Uint8Array<ArrayBuffer> {
  const chunks: Uint8Array[] = [];
  const ascii = (s: string) => encodeText(s, "utf-8");
  for (const [k, v] of fields) {
    chunks.push(ascii(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n`));
    chunks.push(encodeText(v, charset), ascii("\r\n"));
  }
  for (const f of files) {
    chunks.push(
      ascii(
        `--${boundary}\r\nContent-Disposition: form-data; name="${f.name}"; filename="${f.filename}"\r\n` +
          "Content-Type: application/octet-stream\r\n\r\n",
      ),
      f.data,
      ascii("\r\n"),
    );
  }
  chunks.push(ascii(`--${boundary}--\r\n`));
  return Uint8Array.from(Buffer.concat(chunks));
}

/** Credentials of the demo account every sandbox has. */
export const DEMO: Array<[string, string]> = [
  ["login", "demo"],
  ["psw", "demo"],
];

export { percentEncode };

/** Makes `login` a sub-client of the demo account (users.php `add=1`), so documents.php may invoice it. */
export async function addSubclient(baseUrl: string, login: string, password: string): Promise<void> {
  const r = await callSys(baseUrl, "users", [
    ...DEMO,
    ["add", "1"],
    ["user", login],
    ["password", password],
    ["fmt", "3"],
  ]);
  if (r.text.includes('"error"')) throw new Error(`users.php add=1 ${login}: ${r.text}`);
}
