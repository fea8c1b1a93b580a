// Letters written by other mail software (Python's smtplib, hand-made MIME) → the sandbox's SMTP listener →
// status.php. Done when a message sent by plain smtplib appears with the right text, parts and status.
import { execFile } from "node:child_process";
import net from "node:net";
import { promisify } from "node:util";
import { encodeText } from "smsc/protocol";
import { type Sandbox, startSandbox } from "smsc-sandbox";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { rawExchange } from "./raw-wire.js";

const run = promisify(execFile);
const PHONE = "77011234567";
let sb: Sandbox;

beforeEach(async () => {
  sb = await startSandbox({ smtpPort: 0, delays: { sentMs: 0, deliveredMs: 0 } });
});
afterEach(async () => {
  await sb.close();
});

async function status(id: string | number, phone = PHONE) {
  const res = await fetch(
    `${sb.url}/sys/status.php?login=demo&psw=demo&phone=${phone}&id=${id}&all=1&fmt=3&charset=utf-8`,
  );
  return (await res.json()) as Record<string, unknown>;
}

/** Speaks SMTP step by step over a raw socket and returns the reply to the letter's final dot. */
async function deliverRaw(letter: Buffer): Promise<string> {
  const socket = net.connect(sb.smtpPort!, "127.0.0.1");
  let buf = "";
  const replies: string[] = [];
  let wake: (() => void) | undefined;
  socket.on("data", (d: Buffer) => {
    buf += d.toString("latin1");
    for (let m = /^\d{3} .*\r\n/m.exec(buf); m; m = /^\d{3} .*\r\n/m.exec(buf)) {
      replies.push(buf.slice(0, m.index + m[0].length).trimEnd());
      buf = buf.slice(m.index + m[0].length);
      wake?.();
    }
  });
  const next = async () => {
    while (replies.length === 0) await new Promise<void>((r) => (wake = r));
    return replies.shift()!;
  };
  const step = async (data: string | Buffer, ok: RegExp) => {
    socket.write(data);
    const r = await next();
    if (!ok.test(r)) throw new Error(`unexpected reply ${r}`);
    return r;
  };
  try {
    await next();
    await step("EHLO test\r\n", /^250/);
    await step("MAIL FROM:<me@example.com>\r\n", /^250/);
    await step("RCPT TO:<send@send.smsc.kz>\r\n", /^250/);
    await step("DATA\r\n", /^354/);
    const end = letter.subarray(-2).toString() === "\r\n" ? ".\r\n" : "\r\n.\r\n";
    return await step(Buffer.concat([letter, Buffer.from(end)]), /./);
  } finally {
    socket.destroy();
  }
}

const mime = (head: string[], body: Uint8Array | string) =>
  Buffer.concat([
    Buffer.from(`${head.join("\r\n")}\r\n\r\n`, "latin1"),
    typeof body === "string" ? Buffer.from(body, "latin1") : body,
  ]);

describe("letters from other software", () => {
  it("Python's smtplib: a MIMEText letter (koi8-r, base64) and the official library's bare letter", async () => {
    const script = `
import smtplib, sys
from email.mime.text import MIMEText
port = int(sys.argv[1])
msg = MIMEText("demo:demo:31::0,0,,0:${PHONE}:Привет из smtplib: " + "ж" * 80, "plain", "koi8-r")
msg["From"] = "me@example.com"
msg["To"] = "send@send.smsc.kz"
msg["Subject"] = "sms"
with smtplib.SMTP("127.0.0.1", port) as s:
    s.send_message(msg)
    # what SMSC's own Python library sends: a Content-Type line, a blank line and the short-form text
    body = "Content-Type: text/plain; charset=koi8-r\\n\\ndemo:demo:32:0:0,0,:${PHONE}:Код: 4321"
    s.sendmail("api@smsc.kz", "send@send.smsc.kz", body.encode("koi8-r"))
print("sent")
`;
    const { stdout } = await run("python3", ["-c", script, String(sb.smtpPort)]);
    expect(stdout.trim()).toBe("sent");
    const long = await status(31);
    expect(long).toMatchObject({ message: `Привет из smtplib: ${"ж".repeat(80)}`, sms_cnt: 2, type: 0 });
    expect([-1, 0, 1]).toContain(long.status);
    expect(await status(32)).toMatchObject({ message: "Код: 4321", sms_cnt: 1 });
  });

  it("Python's smtplib: a multipart/alternative letter with an HTML twin and a utf-8 QP text part", async () => {
    const script = `
import smtplib, sys
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from email import charset
cs = charset.Charset("utf-8")
cs.body_encoding = charset.QP
msg = MIMEMultipart("alternative")
msg["Subject"] = "sms"
text = MIMEText("", "plain")
text.set_payload(":demo-apikey:33::0,0,,0:${PHONE}:Сәлем = мир", cs)
msg.attach(text)
msg.attach(MIMEText("<p>ignored</p>", "html", "utf-8"))
with smtplib.SMTP("127.0.0.1", int(sys.argv[1])) as s:
    s.sendmail("me@example.com", ["send@send.smsc.kz"], msg.as_bytes())
`;
    await run("python3", ["-c", script, String(sb.smtpPort)]);
    expect(await status(33)).toMatchObject({ message: "Сәлем = мир" });
  });

  it("a windows-1251 letter wrapped in [text]…[/text] with a signature after it", async () => {
    const body = encodeText(
      `[text]demo:demo:34::0,0,,0:${PHONE}:Ёж и ёлка[/text]\r\n-- \r\nSent from my phone`,
      "windows-1251",
    );
    const reply = await deliverRaw(mime(['Content-Type: text/plain; charset="windows-1251"'], body));
    expect(reply).toBe("250 OK - 1 SMS, ID - 34");
    expect(await status(34)).toMatchObject({ message: "Ёж и ёлка" });
  });

  it("an HTML-only letter whose text sits in [text] tags", async () => {
    const html = `<html><body><div>[text]demo:demo:35::0,0,,0:${PHONE}:a &lt; b<br>end[/text]</div></body></html>`;
    await deliverRaw(mime(["Content-Type: text/html; charset=utf-8"], html));
    expect(await status(35)).toMatchObject({ message: "a < b\nend" });
  });

  it("a letter with no charset is read as koi8-r, the service's default", async () => {
    await deliverRaw(
      mime(["Subject: x"], encodeText(`demo:demo:36::0,0,,0:${PHONE}:по умолчанию`, "koi8-r")),
    );
    expect(await status(36)).toMatchObject({ message: "по умолчанию" });
  });

  it.each([
    ["no colon fields", "hello, please send an sms", /^550-ERROR = 1 \(parameters error\)/],
    ["no message field", `demo:demo:37::0,0,,0:${PHONE}`, /^550-ERROR = 1 /],
    ["a bad login", `demo:nope:37::0,0,,0:${PHONE}:x`, /^550 ERROR = 2 \(authorise error\)$/],
    ["an unknown API key", `:no-such-key:37::0,0,,0:${PHONE}:x`, /^550 ERROR = 2 \(authorise error\)$/],
    ["an invalid phone", "demo:demo:37::0,0,,0:12:x", /^550 ERROR = 7 \(invalid number\)/],
  ])("refuses a letter with %s and stores nothing", async (_, text, reply) => {
    expect(await deliverRaw(mime(["Content-Type: text/plain; charset=utf-8"], text))).toMatch(reply);
    expect(sb.control.messages()).toEqual([]);
    expect(await status(37)).toMatchObject({ status: -3 });
  });

  it("takes a letter of exactly 100 KB and refuses one byte more with 552, storing nothing", async () => {
    const head = mime(
      ["Content-Type: text/plain; charset=utf-8"],
      `[text]demo:demo:38::0,0,,0:${PHONE}:hi[/text]\r\n`,
    );
    const fill = (n: number) =>
      Buffer.concat([head, Buffer.alloc(n - head.length - 2, "a"), Buffer.from("\r\n")]);
    expect(await deliverRaw(fill(100 * 1024 + 1))).toMatch(/^552 /);
    expect(sb.control.messages()).toEqual([]);
    expect(await deliverRaw(fill(100 * 1024))).toBe("250 OK - 1 SMS, ID - 38");
    expect(await status(38)).toMatchObject({ message: "hi" });
  });

  it("answers every pipelined command of a client that half-closed, the letter still with the core too", async () => {
    // the slow number holds the letter's reply back; the client has long sent QUIT and closed its side by then
    sb.chaos.set({ slowReplyMs: 200 });
    const raw = await rawExchange(
      sb.smtpPort!,
      "EHLO half\r\nMAIL FROM:<a@b.c>\r\nRCPT TO:<send@send.smsc.kz>\r\nDATA\r\n\r\n" +
        "demo:demo:39::0,0,,0:77000000090:held back\r\n.\r\nQUIT\r\n",
    );
    expect(raw).toMatch(/\r\n354 [^\r]*\r\n250 OK - 1 SMS, ID - 39\r\n221 Bye\r\n$/);
    expect(await status(39, "77000000090")).toMatchObject({ message: "held back" });
  });
});
