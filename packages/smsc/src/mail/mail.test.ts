import net from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { ConnectionError, InvalidOptionError, TimeoutError } from "../client/errors.js";
import { encodeText } from "../protocol/index.js";
import { composeLetter, rfc5322Date } from "./compose-letter.js";
import { dotStuff } from "./dot-stuff.js";
import { sendMail } from "./send-mail.js";
import { SmtpReplyReader } from "./smtp-reply-reader.js";

const latin1 = (b: Uint8Array) => Buffer.from(b).toString("latin1");

describe("dotStuff", () => {
  it("doubles leading dots, writes CRLF everywhere and appends the terminator", () => {
    const out = dotStuff(new TextEncoder().encode(".a\nb\r\n..c\rd"));
    expect(out.toString("latin1")).toBe("..a\r\nb\r\n...c\r\nd\r\n.\r\n");
  });

  it("terminates an empty letter and one that already ends with CRLF", () => {
    expect(dotStuff(new Uint8Array()).toString()).toBe(".\r\n");
    expect(dotStuff(new TextEncoder().encode("x\r\n")).toString()).toBe("x\r\n.\r\n");
  });
});

describe("composeLetter", () => {
  const base = {
    from: "api@smsc.kz",
    to: "send@send.smsc.kz",
    subject: "",
    text: "alice:pw:::0,0,,0:77011234567:Привет",
    charset: "koi8-r" as const,
    date: new Date(Date.UTC(2026, 10, 24, 9, 5, 7)),
    messageId: "abc@smsc.kz",
  };

  it("writes the headers the brief names and the body in koi8-r, 8bit", () => {
    const s = latin1(composeLetter(base));
    const [head, body] = s.split("\r\n\r\n") as [string, string];
    expect(head.split("\r\n")).toEqual([
      "Date: Tue, 24 Nov 2026 09:05:07 +0000",
      "From: api@smsc.kz",
      "To: send@send.smsc.kz",
      "Subject: ",
      "Message-ID: <abc@smsc.kz>",
      "MIME-Version: 1.0",
      "Content-Type: text/plain; charset=koi8-r",
      "Content-Transfer-Encoding: 8bit",
    ]);
    expect(body).toBe(latin1(encodeText(`${base.text}\r\n`, "koi8-r")));
  });

  it("encodes a non-ASCII subject as RFC 2047 words", () => {
    const s = latin1(composeLetter({ ...base, subject: "Тема письма для проверки длины" }));
    const subject = /Subject: ((?:.|\r\n )*)\r\n/.exec(s)![1]!;
    const words = subject.split("\r\n ");
    expect(words.length).toBeGreaterThan(1);
    for (const w of words) expect(w).toMatch(/^=\?UTF-8\?B\?[A-Za-z0-9+/=]+\?=$/);
    const decoded = words.map((w) => Buffer.from(w.slice(10, -2), "base64").toString("utf8")).join("");
    expect(decoded).toBe("Тема письма для проверки длины");
  });

  it("switches to quoted-printable when a line would exceed 998 bytes", () => {
    const s = latin1(composeLetter({ ...base, text: `a:b:::0,0,,0:7701:${"Я".repeat(1200)}` }));
    expect(s).toContain("Content-Transfer-Encoding: quoted-printable");
    for (const line of s.split("\r\n")) expect(line.length).toBeLessThanOrEqual(76);
    expect(s).toContain("=F1=F1"); // Я in koi8-r is 0xF1
  });

  it("refuses header values with line breaks", () => {
    expect(() => composeLetter({ ...base, from: "a@b\r\nBcc: x@y" })).toThrow(RangeError);
  });

  it("formats dates as RFC 5322 does", () => {
    expect(rfc5322Date(new Date(Date.UTC(2027, 0, 3, 23, 59, 0)))).toBe("Sun, 3 Jan 2027 23:59:00 +0000");
  });
});

describe("SmtpReplyReader", () => {
  it("joins continuation lines and hands replies out in order", async () => {
    const r = new SmtpReplyReader();
    r.push(Buffer.from("220 hi\r\n250-one\r\n250-two"));
    r.push(Buffer.from("\r\n250 three\r\n"));
    expect(await r.next()).toEqual({ code: 220, lines: ["hi"] });
    expect(await r.next()).toEqual({ code: 250, lines: ["one", "two", "three"] });
    const pending = r.next();
    r.fail(new Error("gone"));
    await expect(pending).rejects.toThrow("gone");
  });
});

describe("sendMail without a server", () => {
  const servers: net.Server[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
  });

  it("validates options before connecting, never showing the password", async () => {
    const relay = { host: "127.0.0.1", port: 9 };
    await expect(sendMail({ phones: "7701", message: "x" }, { relay, password: "p" })).rejects.toThrow(
      InvalidOptionError,
    );
    const err = (await sendMail(
      { phones: "7701", message: "x" },
      { relay, login: "a", password: "s:ecret" },
    ).catch((e: unknown) => e)) as Error;
    expect(err).toBeInstanceOf(InvalidOptionError);
    expect(err.message).not.toContain("s:ecret");
    await expect(
      sendMail({ phones: "7701", message: "x", format: "tg" }, { relay, login: "a", password: "p" }),
    ).rejects.toThrow(/library index/);
  });

  it("reports a refused connection as a ConnectionError that was not sent", async () => {
    const free = net.createServer();
    await new Promise<void>((r) => free.listen(0, "127.0.0.1", r));
    const { port } = free.address() as net.AddressInfo;
    await new Promise((r) => free.close(r));
    const err = await sendMail(
      { phones: "7701", message: "x" },
      { relay: { host: "127.0.0.1", port }, login: "a", password: "p" },
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConnectionError);
    expect((err as ConnectionError).maybeSent).toBe(false);
  });

  it("gives up on a silent server with a TimeoutError", async () => {
    const silent = net.createServer(() => {});
    servers.push(silent);
    await new Promise<void>((r) => silent.listen(0, "127.0.0.1", r));
    const { port } = silent.address() as net.AddressInfo;
    const err = await sendMail(
      { phones: "7701", message: "x" },
      { relay: { host: "127.0.0.1", port }, login: "a", password: "p", timeout: 200 },
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TimeoutError);
  });
});
