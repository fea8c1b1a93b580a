// The SDK's sendMail → the sandbox's SMTP listener → visible through status.php, all over real sockets.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { AuthError, InvalidPhoneError } from "smsc";
import { SMSC } from "smsc/compat";
import { type SendMailOptions, SmtpError, sendMail } from "smsc/mail";
import { type Sandbox, startSandbox } from "smsc-sandbox";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parseCliArgs, UsageError } from "../packages/sandbox/src/cli-args.js";
import { createSmtpServer } from "../packages/sandbox/src/smtp/server.js";

const PHONE = "77011234567";
let sb: Sandbox;
let opts: SendMailOptions;

beforeEach(async () => {
  sb = await startSandbox({ smtpPort: 0, accounts: [{ login: "keyed", password: "pw", apikey: "KEY-1" }] });
  opts = { login: "demo", password: "demo", relay: { host: "127.0.0.1", port: sb.smtpPort! } };
});
afterEach(async () => {
  await sb.close();
});

/** status.php with all=1 in JSON, as any HTTP client would call it. */
async function status(id: string | number, phone = PHONE, auth = "login=demo&psw=demo") {
  const res = await fetch(
    `${sb.url}/sys/status.php?${auth}&phone=${phone}&id=${id}&all=1&fmt=3&charset=utf-8`,
  );
  return (await res.json()) as Record<string, unknown>;
}

describe("sendMail to the sandbox", () => {
  it("sends a koi8-r letter (the default) whose Cyrillic text with colons arrives intact", async () => {
    const r = await sendMail({ phones: PHONE, message: "Привет: код 1234\nвторая строка", id: 11 }, opts);
    expect(r.response).toBe("OK - 1 SMS, ID - 11");
    expect(r.reply).toEqual({ id: 11, cnt: 1 });
    expect(r.messageId).toMatch(/^[0-9a-f-]{36}@smsc\.kz$/);
    expect(await status(11)).toMatchObject({
      message: "Привет: код 1234\nвторая строка",
      type: 0,
      sms_cnt: 1,
    });
    expect(sb.control.messages()[0]).toMatchObject({ origin: "smtp" });
  });

  it("sends windows-1251 and utf-8 letters", async () => {
    await sendMail(
      { phones: PHONE, message: "Ёлка в windows-1251", id: 12 },
      { ...opts, charset: "windows-1251" },
    );
    await sendMail({ phones: PHONE, message: "Қазақ тілі әріптері", id: 13 }, { ...opts, charset: "utf-8" });
    expect(await status(12)).toMatchObject({ message: "Ёлка в windows-1251" });
    expect(await status(13)).toMatchObject({ message: "Қазақ тілі әріптері" });
  });

  it("sends in the libraries' short form, with sender, translit and format", async () => {
    await sendMail(
      {
        phones: [PHONE, "77021234567"],
        message: "Привет",
        id: 14,
        sender: "Shop",
        translit: 1,
        format: "flash",
      },
      { ...opts, form: "short" },
    );
    const s = await status(14);
    expect(s).toMatchObject({ sender_id: "Shop", type: 1 });
    expect(s.message).not.toMatch(/[а-я]/i);
    expect(await status(14, "77021234567")).toMatchObject({ sender_id: "Shop" });
  });

  it("sends the per-number list form", async () => {
    const r = await sendMail({ list: `${PHONE}:первый: текст\n77021234567:второй`, id: 15 }, opts);
    expect(r.reply?.cnt).toBe(2);
    expect(await status(15)).toMatchObject({ message: "первый: текст" });
    expect(await status(15, "77021234567")).toMatchObject({ message: "второй" });
  });

  it("sends with an API key in place of login and password", async () => {
    await sendMail({ phones: PHONE, message: "по ключу", id: 16 }, { apiKey: "KEY-1", relay: opts.relay! });
    expect(await status(16, PHONE, "login=keyed&psw=pw")).toMatchObject({ message: "по ключу" });
  });

  it("passes a delivery time given as a Date", async () => {
    const at = new Date(Date.now() + 3_600_000);
    await sendMail({ phones: PHONE, message: "later", id: 17, time: at }, opts);
    expect(Number((await status(17)).send_timestamp)).toBe(Math.floor(at.getTime() / 1000));
  });

  it("prices a test letter without storing it", async () => {
    const r = await sendMail({ phones: PHONE, message: "virtual", test: true }, opts);
    expect(r.response).toMatch(/^OK - 1 SMS, COST - \d+\.\d\d$/);
    expect(sb.control.messages()).toEqual([]);
  });

  it("rejects a bad login with AuthError and stores nothing", async () => {
    const err = await sendMail({ phones: PHONE, message: "x" }, { ...opts, password: "wrong-secret" }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(AuthError);
    expect((err as AuthError).code).toBe(2);
    expect(String(err)).not.toContain("wrong-secret");
    expect(sb.control.messages()).toEqual([]);
  });

  it("rejects a service error in the parameters (bad phone) with the service's code", async () => {
    const err = await sendMail({ phones: "12", message: "x" }, opts).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InvalidPhoneError);
    expect((err as InvalidPhoneError).code).toBe(7);
    expect(sb.control.messages()).toEqual([]);
  });

  it("refuses a letter over 100 KB with 552 and stores nothing", async () => {
    const list = Array.from(
      { length: 2200 },
      (_, i) => `7701${String(i).padStart(7, "0")}:${"x".repeat(40)}`,
    );
    const err = await sendMail({ list: list.join("\n") }, opts).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SmtpError);
    expect(err).toMatchObject({ code: 552, stage: "message", permanent: true });
    expect(sb.control.messages()).toEqual([]);
  });

  it.each(["PLAIN", "LOGIN"] as const)(
    "goes through a relay with AUTH %s (the sandbox accepts any)",
    async (method) => {
      const logged: string[] = [];
      const logger = { debug: (m: string) => logged.push(m) };
      const relay = { ...opts.relay!, auth: { user: "relay-user", pass: "relay-secret", method } };
      await sendMail(
        { phones: PHONE, message: "via relay", id: 18 },
        { ...opts, relay, logger, from: "me@example.com" },
      );
      expect(await status(18)).toMatchObject({ message: "via relay" });
      expect(logged.some((l) => l.startsWith("smtp > AUTH"))).toBe(true);
      const all = logged.join("\n");
      for (const secret of ["relay-secret", Buffer.from("relay-secret").toString("base64"), ":demo:"])
        expect(all).not.toContain(secret);
    },
  );
});

describe("send_sms_mail (smsc/compat)", () => {
  it("sends the library call's letter and resolves true, or false when the server refuses it", async () => {
    const smsc = new SMSC({ login: "demo", password: "demo", mail: { relay: opts.relay! } });
    expect(await smsc.send_sms_mail(PHONE, "Ваш пароль: 123", 0, "", 21, 1, "Shop")).toBe(true);
    expect(await status(21)).toMatchObject({ message: "Ваш пароль: 123", sender_id: "Shop", type: 1 });
    const logged: string[] = [];
    const wrong = new SMSC({
      login: "demo",
      password: "wrong",
      mail: { relay: opts.relay! },
      debug: true,
      logger: (m) => logged.push(m),
    });
    expect(await wrong.send_sms_mail(PHONE, "x")).toBe(false);
    expect(logged.join("\n")).toContain("authorise error");
    expect(sb.control.messages()).toHaveLength(1);
  });
});

describe("STARTTLS", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "smtp-tls-"));
    execFileSync("openssl", [
      "req",
      "-x509",
      "-newkey",
      "ec",
      "-pkeyopt",
      "ec_paramgen_curve:prime256v1",
      "-nodes",
      "-days",
      "1",
      "-subj",
      "/CN=localhost",
      "-addext",
      "subjectAltName=IP:127.0.0.1",
      "-keyout",
      join(dir, "key.pem"),
      "-out",
      join(dir, "cert.pem"),
    ]);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("upgrades when offered, verifies the certificate, then authenticates and sends", async () => {
    const cert = readFileSync(join(dir, "cert.pem"));
    const server = createSmtpServer({
      core: sb.core,
      tls: { key: readFileSync(join(dir, "key.pem")), cert },
    });
    const { port } = await server.listen();
    try {
      const logged: string[] = [];
      const relay = {
        host: "127.0.0.1",
        port,
        starttls: "required" as const,
        tls: { ca: cert },
        auth: { user: "u", pass: "p" },
      };
      await sendMail(
        { phones: PHONE, message: "через TLS", id: 19 },
        { ...opts, relay, logger: { debug: (m) => logged.push(m) } },
      );
      expect(await status(19)).toMatchObject({ message: "через TLS" });
      expect(logged.indexOf("smtp > STARTTLS")).toBeLessThan(logged.indexOf("smtp > AUTH PLAIN ***"));
      // an untrusted certificate fails the upgrade instead of sending in the clear
      const err = await sendMail(
        { phones: PHONE, message: "x" },
        { ...opts, relay: { ...relay, tls: {} } },
      ).catch((e: unknown) => e);
      expect(String(err)).toMatch(/certificate/);
      const plain = await sendMail(
        { phones: PHONE, message: "x" },
        { ...opts, relay: { host: "127.0.0.1", port: sb.smtpPort!, starttls: "required" } },
      ).catch((e: unknown) => e);
      expect(plain).toMatchObject({ stage: "starttls", code: 502 });
    } finally {
      await server.close();
    }
  });
});

describe("sandbox wiring", () => {
  it("starts no SMTP listener unless asked, and reads --smtp-port", async () => {
    const plain = await startSandbox();
    expect(plain.smtpPort).toBeUndefined();
    await plain.close();
    expect(parseCliArgs(["--smtp-port", "2525"])).toMatchObject({ options: { smtpPort: 2525 } });
    expect(parseCliArgs([])).not.toHaveProperty("options.smtpPort");
    expect(() => parseCliArgs(["--smtp-port", "70000"])).toThrow(UsageError);
    expect(() => parseCliArgs(["--smtp-port", "x"])).toThrow(UsageError);
  });
});
