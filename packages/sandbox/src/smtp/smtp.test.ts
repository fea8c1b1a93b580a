import { mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { encodeText } from "smsc/protocol";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type CoreControl, createCore } from "../core/create-core.js";
import type { Core } from "../core/types.js";
import { openStore } from "../store/store.js";
import { letterText } from "./mime.js";
import { createSmtpServer, type SmtpServer } from "./server.js";

/** A line-level SMTP client for driving the server by hand. */
async function dial(port: number) {
  const socket = net.connect(port, "127.0.0.1");
  let buf = "";
  const waiting: Array<(r: string) => void> = [];
  const ready: string[] = [];
  socket.on("data", (d: Buffer) => {
    buf += d.toString("latin1");
    for (let m = /^(\d{3}) .*\r\n/m.exec(buf); m; m = /^(\d{3}) .*\r\n/m.exec(buf)) {
      const reply = buf.slice(0, m.index + m[0].length).trimEnd();
      buf = buf.slice(m.index + m[0].length);
      const w = waiting.shift();
      if (w) w(reply);
      else ready.push(reply);
    }
  });
  const next = () => new Promise<string>((r) => (ready.length ? r(ready.shift()!) : waiting.push(r)));
  const closed = new Promise<void>((r) => socket.on("close", () => r()));
  return {
    next,
    /** Sends a line (or raw bytes) and returns the next reply. */
    send(line: string | Buffer) {
      socket.write(typeof line === "string" ? `${line}\r\n` : line);
      return next();
    },
    closed,
    close: () => socket.destroy(),
  };
}

/** A whole letter dialogue; returns the reply to the final dot. */
async function submit(port: number, letter: Buffer | string): Promise<string> {
  const c = await dial(port);
  try {
    await c.next();
    await c.send("EHLO test");
    await c.send("MAIL FROM:<me@example.com>");
    await c.send("RCPT TO:<send@send.smsc.kz>");
    await c.send("DATA");
    const bytes = typeof letter === "string" ? Buffer.from(letter, "latin1") : letter;
    return await c.send(Buffer.concat([bytes, Buffer.from("\r\n.\r\n")]));
  } finally {
    c.close();
  }
}

const headers = (h: string) => Buffer.from(`${h.replace(/\n/g, "\r\n")}\r\n\r\n`, "latin1");
const letter = (head: string, body: Uint8Array | string) =>
  Buffer.concat([headers(head), typeof body === "string" ? Buffer.from(body, "latin1") : body]);

let dir: string;
let core: Core;
let control: CoreControl;
let server: SmtpServer;
let port: number;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), "smtp-test-"));
  ({ core, control } = createCore({ store: openStore(join(dir, "db.sqlite")), rateLimits: false }));
  server = createSmtpServer({ core, maxSize: 2048 });
  ({ port } = await server.listen());
});

afterEach(async () => {
  await server.close();
  control.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("SMTP dialogue", () => {
  it("greets, lists its extensions and keeps the command order", async () => {
    const c = await dial(port);
    expect(await c.next()).toMatch(/^220 send\.smsc\.kz ESMTP/);
    expect(await c.send("MAIL FROM:<a@b>")).toMatch(/^503 /);
    expect(await c.send("EHLO")).toMatch(/^501 /);
    const ehlo = await c.send("EHLO client.example");
    expect(ehlo.split("\r\n")).toEqual([
      "250-send.smsc.kz greets client.example",
      "250-SIZE 2048",
      "250-8BITMIME",
      "250 AUTH PLAIN LOGIN",
    ]);
    expect(await c.send("RCPT TO:<x@y>")).toMatch(/^503 /);
    expect(await c.send("DATA")).toMatch(/^503 /);
    expect(await c.send("MAIL FROM:<a@b> SIZE=4096")).toMatch(/^552 /);
    expect(await c.send("MAIL FROM:<a@b> SIZE=100")).toMatch(/^250 /);
    expect(await c.send("MAIL FROM:<a@b>")).toMatch(/^503 /);
    expect(await c.send("RSET")).toBe("250 OK");
    expect(await c.send("NOOP")).toBe("250 OK");
    expect(await c.send("BOGUS")).toMatch(/^500 /);
    expect(await c.send("STARTTLS")).toMatch(/^502 /);
    expect(await c.send("QUIT")).toMatch(/^221 /);
    await c.closed;
  });

  it("accepts AUTH PLAIN and LOGIN, ignoring the credentials", async () => {
    const c = await dial(port);
    await c.next();
    await c.send("HELO me");
    expect(await c.send(`AUTH PLAIN ${Buffer.from("\0u\0p").toString("base64")}`)).toMatch(/^235 /);
    expect(await c.send("AUTH PLAIN")).toBe("334");
    expect(await c.send("AGFAYg==")).toMatch(/^235 /);
    expect(await c.send("AUTH LOGIN")).toBe("334 VXNlcm5hbWU6");
    expect(await c.send("dQ==")).toBe("334 UGFzc3dvcmQ6");
    expect(await c.send("cA==")).toMatch(/^235 /);
    expect(await c.send("AUTH LOGIN")).toMatch(/^334 /);
    expect(await c.send("*")).toMatch(/^501 /);
    expect(await c.send("AUTH CRAM-MD5")).toMatch(/^504 /);
    c.close();
  });

  it("stores a letter and answers with the send.php reply", async () => {
    const reply = await submit(
      port,
      letter(
        "Content-Type: text/plain; charset=koi8-r",
        encodeText("demo:demo:::0,0,,0:77011234567:Привет: мир", "koi8-r"),
      ),
    );
    expect(reply).toMatch(/^250 OK - 1 SMS, ID - \d+$/);
    const [m] = control.messages();
    expect(m).toMatchObject({ origin: "smtp", phone: "77011234567", text: "Привет: мир" });
  });

  it("reads nothing more while a letter is with the core, then takes the next letter on the same connection", async () => {
    const c = await dial(port);
    await c.next();
    await c.send("EHLO test");
    for (const n of [1, 2]) {
      await c.send("MAIL FROM:<me@example.com>");
      await c.send("RCPT TO:<send@send.smsc.kz>");
      await c.send("DATA");
      // the letter and the commands after it in one write: the session answers them in order once it reads again
      const next = c.send(`${`demo:demo:::0,0,,0:7701123456${n}:letter ${n}`}\r\n.\r\nNOOP`);
      expect(await next).toMatch(/^250 OK - 1 SMS, ID - \d+$/);
      expect(await c.next()).toBe("250 OK");
    }
    expect(await c.send("QUIT")).toMatch(/^221 /);
    c.close();
    expect(control.messages().map((m) => m.text)).toEqual(["letter 2", "letter 1"]);
  });

  it("undoes dot-stuffing and keeps line breaks of the message", async () => {
    await submit(port, letter("Subject: x", "demo:demo:::0,0,,0:77011234567:line one\r\n..two\r\n"));
    expect(control.messages()[0]!.text).toBe("line one\n.two");
  });

  it("refuses a letter over the size limit with 552 and stores nothing", async () => {
    const reply = await submit(
      port,
      letter("Subject: big", `demo:demo:::0,0,,0:77011234567:${"x".repeat(3000)}`),
    );
    expect(reply).toMatch(/^552 /);
    expect(control.messages()).toEqual([]);
  });

  it("answers a malformed letter and a bad login with the service's error and stores nothing", async () => {
    expect(await submit(port, letter("Subject: x", "hello there"))).toMatch(
      /^550-ERROR = 1 \(parameters error\)\r\n550 letter text has too few fields/,
    );
    expect(await submit(port, letter("Subject: x", "demo:wrong:::0,0,,0:77011234567:hi"))).toBe(
      "550 ERROR = 2 (authorise error)",
    );
    expect(await submit(port, letter("Subject: x", "demo:demo:::0,42,,0:77011234567:hi"))).toMatch(
      /^550-ERROR = 1 \(parameters error\)\r\n550 unknown format index/,
    );
    expect(control.messages()).toEqual([]);
  });

  it("prices a <test>=1 letter without storing it", async () => {
    expect(await submit(port, letter("Subject: x", "demo:demo:::0,0,,1:77011234567:hi"))).toMatch(
      /^250 OK - 1 SMS, COST - \d+\.\d\d$/,
    );
    expect(control.messages()).toEqual([]);
  });

  it("closes idle sessions when the server stops", async () => {
    const c = await dial(port);
    await c.next();
    await server.close();
    await c.closed;
  });
});

describe("letterText", () => {
  const text = (head: string, body: Uint8Array | string) => letterText(letter(head, body));

  it("decodes the charset named in Content-Type, koi8-r by default", () => {
    expect(text("Subject: x", encodeText("Жук", "koi8-r"))).toBe("Жук");
    expect(text('Content-Type: text/plain; charset="windows-1251"', encodeText("Жук", "windows-1251"))).toBe(
      "Жук",
    );
    expect(text("Content-Type: text/plain; charset=UTF-8", encodeText("Жук ә", "utf-8"))).toBe("Жук ә");
    expect(text("Content-Type: text/plain; charset=iso-8859-5", Buffer.from([0xb6, 0xe3, 0xda]))).toBe("Жук");
    expect(() => text("Content-Type: text/plain; charset=x-unknown", "a")).toThrow(/charset/);
  });

  it("decodes quoted-printable and base64", () => {
    const qp = "Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: quoted-printable";
    expect(text(qp, "a:b=3Ac =D0=96=\r\n=D1=83=D0=BA  \r\nend")).toBe("a:b:c Жук\nend");
    const b64 = "Content-Type: text/plain;\n charset=koi8-r\nContent-Transfer-Encoding: base64";
    expect(text(b64, `${Buffer.from(encodeText("Жук", "koi8-r")).toString("base64")}\r\n`)).toBe("Жук");
  });

  it("reads a letter without headers as all text", () => {
    expect(letterText(Buffer.from(encodeText("demo:demo:::0,0,,0:7701:Жук", "koi8-r")))).toBe(
      "demo:demo:::0,0,,0:7701:Жук",
    );
  });

  it("takes the text/plain part of a multipart/alternative letter", () => {
    const body = [
      "preamble",
      "--XYZ",
      "Content-Type: text/html; charset=utf-8",
      "",
      "<p>html</p>",
      "--XYZ",
      "Content-Type: text/plain; charset=utf-8",
      "Content-Transfer-Encoding: base64",
      "",
      Buffer.from("demo:demo:::0,0,,0:7701:Жук").toString("base64"),
      "--XYZ--",
      "",
    ].join("\r\n");
    expect(text('Content-Type: multipart/alternative; boundary="XYZ"', body)).toBe(
      "demo:demo:::0,0,,0:7701:Жук",
    );
  });

  it("reads an HTML-only letter from [text]…[/text] and refuses one without the tags", () => {
    const html = "Content-Type: text/html; charset=utf-8";
    expect(text(html, "<div>[text]a:b:::0,0,,0:7701:x &amp; y<br>z[/text]</div>")).toBe(
      "a:b:::0,0,,0:7701:x & y\nz",
    );
    expect(() => text(html, "<p>a:b:::0,0,,0:7701:x</p>")).toThrow(/\[text\]/);
  });
});
