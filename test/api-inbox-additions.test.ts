// What the inspection API gained for the web inbox: the format, origin and phoneContains filters, `before` on
// incoming SMS, and the single-message view's request, analysis, checks and HLR result. Real sandbox, messages
// sent through the SDK and through Python's smtplib.

import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { Smsc } from "smsc";
import { type Sandbox, startSandbox } from "smsc-sandbox";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { api } from "./api-helpers.js";

const run = promisify(execFile);
const A = "77011234567";
const B = "77017654321";

let sb: Sandbox;
let smsc: Smsc;
beforeEach(async () => {
  sb = await startSandbox({ port: 0, smtpPort: 0, rateLimits: false, delays: { sentMs: 0, deliveredMs: 0 } });
  smsc = new Smsc({ login: "demo", password: "demo", baseUrl: sb.url });
});
afterEach(async () => {
  await sb.close();
});

type Listed = { id: number; text: string; phone: string; format: string; origin: string };
const list = async (q: string) => (await api(sb.url, "GET", `/messages?${q}`)).body.messages as Listed[];

/** Sends one SMS by e-mail with Python's smtplib (login:psw:id:time:translit,format,sender:phones:text). */
async function sendByMail(body: string) {
  const script = `
import smtplib, sys
from email.mime.text import MIMEText
msg = MIMEText(sys.argv[2], "plain", "utf-8")
with smtplib.SMTP("127.0.0.1", int(sys.argv[1])) as s:
    s.sendmail("me@example.com", ["send@send.smsc.kz"], msg.as_bytes())
`;
  await run("python3", ["-c", script, String(sb.smtpPort), body]);
}

describe("new message filters", () => {
  it("format, origin and phoneContains narrow the list and the delete; bad names are 400", async () => {
    await smsc.send({ phones: A, message: "plain" });
    await smsc.send({ phones: B, message: "flash!", format: "flash" });
    await smsc.send({ phones: "77027000001", message: "viber", format: "viber" });
    await sendByMail(`demo:demo:77::0,0,,0:${A}:by mail`);
    await expect.poll(async () => (await list("")).length).toBe(4);

    expect((await list("format=flash")).map((m) => m.text)).toEqual(["flash!"]);
    expect((await list("format=flash,viber")).map((m) => m.text)).toEqual(["viber", "flash!"]);
    expect((await list("origin=smtp")).map((m) => [m.text, m.origin])).toEqual([["by mail", "smtp"]]);
    expect((await list("origin=http&format=sms")).map((m) => m.text)).toEqual(["plain"]);
    expect((await list(`phoneContains=${encodeURIComponent("+7 701 765")}`)).map((m) => m.phone)).toEqual([
      B,
    ]);
    expect((await list("phoneContains=7701")).map((m) => m.text)).toEqual(["by mail", "flash!", "plain"]);
    expect((await list("phoneContains=7000001&format=viber")).map((m) => m.text)).toEqual(["viber"]);

    const bad = await api(sb.url, "GET", "/messages?format=fax");
    expect(bad.status).toBe(400);
    expect(bad.body.error).toContain("format must be a comma list of sms, flash");
    expect((await api(sb.url, "GET", "/messages?origin=pigeon")).status).toBe(400);

    const del = await api(sb.url, "DELETE", "/messages?format=flash,viber");
    expect(del.body.deleted).toBe(2);
    expect((await list("")).map((m) => m.text)).toEqual(["by mail", "plain"]);
  });

  it("pages incoming SMS back with before", async () => {
    const ids: number[] = [];
    for (const text of ["one", "two", "three"])
      ids.push((await api(sb.url, "POST", "/incoming", { phone: A, text })).body.id);
    const page = (await api(sb.url, "GET", `/incoming?before=${ids[2]}&limit=1`)).body.incoming;
    expect(page.map((m: { text: string }) => m.text)).toEqual(["two"]);
    const older = (await api(sb.url, "GET", `/incoming?before=${ids[1]}`)).body.incoming;
    expect(older.map((m: { text: string }) => m.text)).toEqual(["one"]);
  });
});

describe("GET /api/v1/messages/:id extra fields", () => {
  it("request: the send's wire parameters without credentials, on the single view only", async () => {
    await smsc.send({ phones: A, message: "Hi", sender: "SHOP", id: "order-7" });
    const [listed] = await list("");
    expect(listed).not.toHaveProperty("request");
    const { body } = await api(sb.url, "GET", `/messages/${listed!.id}`);
    expect(body.request).toMatchObject({ phones: A, mes: "Hi", sender: "SHOP", id: "order-7" });
    for (const secret of ["login", "psw", "apikey"]) expect(body.request).not.toHaveProperty(secret);
    expect(Object.values(body.request)).not.toContain("demo"); // neither the login nor the password

    await sendByMail(`demo:demo:78::0,0,MAIL,0:${B}:mailed`);
    const [mailed] = await list("origin=smtp");
    const detail = (await api(sb.url, "GET", `/messages/${mailed!.id}`)).body;
    expect(detail.request).toMatchObject({ phones: B, mes: "mailed" });
    expect(Object.values(detail.request)).not.toContain("demo");
  });

  it("analysis: the parts as the phone gets them, the characters that forced UCS-2, a GSM-7 alternative", async () => {
    const text = `Заказ №42 готов 😀 ${"x".repeat(60)}`;
    await smsc.send({ phones: A, message: text });
    const [m] = await list("");
    const { body } = await api(sb.url, "GET", `/messages/${m!.id}`);
    expect(body.analysis.encoding).toBe("ucs2");
    expect(body.analysis.parts.length).toBe(2);
    expect(body.analysis.parts.join("")).toBe(text);
    expect(body.analysis.partLimit).toBe(67);
    expect(body.analysis.ucs2Chars.slice(0, 3)).toEqual(["З", "а", "к"]);
    expect(body.analysis.ucs2Chars).toContain("😀");
    expect(body.analysis.ucs2Chars).toContain("№");
    expect(body.analysis.gsm7Alternative.text).toMatch(/^Zakaz .*42 gotov \? x+$/);
    expect(body.analysis.gsm7Alternative.parts).toBe(1);
    expect(body.analysis.gsm7Alternative.remaining).toBe(160 - body.analysis.gsm7Alternative.text.length);
    expect(body.analysis.gsm7Alternative.cost).toBe(10);
    expect(body.checks.cost).toEqual({ perPart: 10, parts: 2, total: 20, currency: "KZT" });

    await smsc.send({ phones: A, message: "plain ascii" });
    const [plain] = await list("");
    const p = (await api(sb.url, "GET", `/messages/${plain!.id}`)).body;
    expect(p.analysis).toMatchObject({ encoding: "gsm7", parts: ["plain ascii"], ucs2Chars: [] });
    expect(p.analysis.gsm7Alternative).toBeNull();
  });

  it("checks: sender names as the service's rules judge them, and where the number belongs", async () => {
    const senders = ["SHOP", "77011234567", ".", "VERY-LONG-NAME1", "Магазин", "1234567890123456", "123"];
    for (const sender of senders) await smsc.send({ phones: A, message: `from ${sender}`, sender });
    const got: Record<string, { kind: string; ok: boolean; note: string }> = {};
    for (const m of await list("")) {
      const { body } = await api(sb.url, "GET", `/messages/${m.id}`);
      got[m.text.slice(5)] = body.checks.sender;
      expect(body.checks.number).toEqual({ country: "Kazakhstan", operator: "Kcell" });
    }
    expect(got.SHOP).toMatchObject({ kind: "alphanumeric", ok: true });
    expect(got["77011234567"]).toMatchObject({ kind: "numeric", ok: true });
    expect(got["."]).toMatchObject({ kind: "none", ok: true });
    expect(got["VERY-LONG-NAME1"]).toMatchObject({ kind: "alphanumeric", ok: false });
    expect(got["VERY-LONG-NAME1"]!.note).toContain("at most 11 characters");
    expect(got.Магазин).toMatchObject({ ok: false });
    expect(got.Магазин!.note).toContain("Latin");
    expect(got["1234567890123456"]).toMatchObject({ kind: "numeric", ok: false });
    expect(got["123"]).toMatchObject({ kind: "numeric", ok: true });
  });

  it("hlr: the lookup's result once it succeeded, null before; other formats have no hlr field", async () => {
    await smsc.send({ phones: A, format: "hlr" });
    const [m] = await list("format=hlr");
    await expect
      .poll(async () => (await api(sb.url, "GET", `/messages/${m!.id}`)).body.status, { timeout: 10_000 })
      .toBe(1);
    const { body } = await api(sb.url, "GET", `/messages/${m!.id}`);
    expect(body.hlr).toMatchObject({
      imsi: "401027011234567",
      mcc: "401",
      mnc: "02",
      cn: "Kazakhstan",
      net: "Kcell",
    });
    expect(body.checks.cost).toEqual({ perPart: 5, parts: 1, total: 5, currency: "KZT" });

    const pending = await api(sb.url, "POST", `/messages/${m!.id}/outcome`, { status: -1 });
    expect(pending.body).not.toHaveProperty("hlr"); // the outcome answer is the listed shape
    expect((await api(sb.url, "GET", `/messages/${m!.id}`)).body.hlr).toBeNull();

    await smsc.send({ phones: A, message: "sms" });
    const [sms] = await list("format=sms");
    expect((await api(sb.url, "GET", `/messages/${sms!.id}`)).body).not.toHaveProperty("hlr");
  });
});
