// soap.php on the wire, as hand-written envelopes: the WSDL, faults for what is not a call, the limits and fates the
// core decides (error 9, the IP block, chaos, the slow magic number), and state that survives a restart.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Sandbox, startSandbox } from "smsc-sandbox";
import { afterEach, describe, expect, it } from "vitest";
import { parseXml, type XmlElement } from "../packages/sandbox/src/soap/xml.js";
import { SOAP_ENV as ENV, soapEnvelope as envelope, SOAP_NS as NS } from "./soap-helpers.js";

const PHONE = "77011234567";
let sb: Sandbox | undefined;
let dir: string | undefined;

afterEach(async () => {
  await sb?.close();
  sb = undefined;
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

async function post(body: string | Uint8Array<ArrayBuffer>, init: { remoteAddress?: string } = {}) {
  const res = await sb!.router.request("/sys/soap.php", {
    method: "POST",
    headers: { "Content-Type": "text/xml; charset=utf-8", SOAPAction: `"${NS}"` },
    body,
    ...init,
  });
  return { status: res.status, type: res.headers.get("content-type"), text: await res.text() };
}

/** The wrapper of a reply (`sendresult`, …) as field → text. */
async function call(element: string, fields: Record<string, string>, init: { remoteAddress?: string } = {}) {
  const res = await post(envelope(element, fields), init);
  expect(res.status).toBe(200);
  const body = parseXml(res.text).children[0]!.children[0]!;
  const wrapper = body.children[0]!;
  return Object.fromEntries(wrapper.children.map((c) => [c.local, c.text]));
}

async function fault(body: string | Uint8Array<ArrayBuffer>) {
  const res = await post(body);
  const f = parseXml(res.text).children[0]!.children[0]!;
  expect(f).toMatchObject({ local: "Fault", ns: ENV });
  const field = (name: string) => f.children.find((c) => c.local === name)!.text;
  return { status: res.status, code: field("faultcode"), reason: field("faultstring") };
}

const find = (el: XmlElement, local: string, name?: string): XmlElement[] =>
  el.children.flatMap((c) => [
    ...(c.local === local && (name === undefined || c.attributes.some((a) => a.value === name)) ? [c] : []),
    ...find(c, local, name),
  ]);

describe("soap.php: the WSDL", () => {
  it("declares the seven operations, document/literal, at the address the client used", async () => {
    sb = await startSandbox();
    const res = await fetch(`${sb.url}/sys/soap.php?wsdl`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/xml; charset=utf-8");
    const wsdl = parseXml(await res.text());
    expect(wsdl.attributes.find((a) => a.local === "targetNamespace")?.value).toBe(NS);
    const portType = find(wsdl, "portType")[0]!;
    expect(portType.children.map((op) => op.attributes[0]!.value)).toEqual([
      "get_balance",
      "send_sms",
      "send_sms2",
      "get_sms_cost",
      "get_sms_cost2",
      "get_status",
      "get_status2",
    ]);
    const actions = find(wsdl, "operation").filter((o) => o.ns === "http://schemas.xmlsoap.org/wsdl/soap/");
    expect(actions).toHaveLength(7);
    for (const a of actions) expect(a.attributes.map((x) => x.value)).toEqual([NS, "document"]);
    const send2 = find(wsdl, "element", "send2")[0]!;
    expect(find(send2, "element").map((e) => e.attributes.map((x) => x.value).join(" "))).toEqual([
      "1 1 login xsd:string",
      "1 1 psw xsd:string",
      "1 1 phones xsd:string",
      "1 1 mes xsd:string",
      "0 1 id xsd:string",
      "0 1 sender xsd:string",
      "0 1 time xsd:string",
      "0 1 query xsd:string",
      "0 1 apikey xsd:string",
    ]);
    const address = find(wsdl, "address")[0]!;
    expect(address.attributes[0]!.value).toBe(`${sb.url}/sys/soap.php`);
  });

  it("names the Host it was asked on, and never echoes a Host that is not a host name", async () => {
    sb = await startSandbox({ allowedHosts: ["sms.test"] });
    const wsdl = (host: string) => sb!.router.request("/sys/soap.php?wsdl", { headers: { Host: host } });
    const res = await wsdl("sms.test:8080");
    expect(find(parseXml(await res.text()), "address")[0]!.attributes[0]!.value).toBe(
      "http://sms.test:8080/sys/soap.php",
    );
    // a Host that is no host name is refused before any script runs, and not echoed
    const bad = await wsdl('x"><evil/>');
    expect(bad.status).toBe(400);
    expect(await bad.text()).not.toContain("<evil/>");
  });
});

describe("soap.php: faults", () => {
  const cases: Array<[string, string | Uint8Array<ArrayBuffer>, string, RegExp]> = [
    ["not XML", "login=demo&psw=demo", "soap:Client", /not well-formed/],
    [
      "XML that is not an envelope",
      "<balance><login>demo</login></balance>",
      "soap:Client",
      /not a SOAP envelope/,
    ],
    [
      "a SOAP 1.2 envelope",
      '<e:Envelope xmlns:e="http://www.w3.org/2003/05/soap-envelope"><e:Body/></e:Envelope>',
      "soap:VersionMismatch",
      /SOAP 1\.1/,
    ],
    [
      "an operation the service does not have",
      envelope("get_answers", { login: "demo", psw: "demo" }),
      "soap:Client",
      /no operation .*get_answers/,
    ],
    [
      "the right element in another namespace",
      envelope("balance", {}).replace(`xmlns:ns1="${NS}"`, 'xmlns:ns1="urn:other"'),
      "soap:Client",
      /\{urn:other\}balance/,
    ],
    [
      "a header that must be understood",
      `<s:Envelope xmlns:s="${ENV}"><s:Header><t:Tx xmlns:t="urn:t" s:mustUnderstand="1"/></s:Header>` +
        `<s:Body><b:balance xmlns:b="${NS}"/></s:Body></s:Envelope>`,
      "soap:MustUnderstand",
      /Tx/,
    ],
    [
      "an entity declaration (the billion laughs)",
      `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><s:Envelope xmlns:s="${ENV}"><s:Body>&a;</s:Body></s:Envelope>`,
      "soap:Client",
      /document type declaration/,
    ],
    [
      "a body in windows-1251",
      `<?xml version="1.0" encoding="windows-1251"?>${envelope("balance", { login: "demo", psw: "demo" }).replace(/^<\?xml[^>]*>/, "")}`,
      "soap:Client",
      /must be UTF-8/,
    ],
    ["bytes that are not UTF-8", Uint8Array.from([0x3c, 0xff, 0xfe, 0x3e]), "soap:Client", /not UTF-8/],
    [
      "an empty Body",
      `<s:Envelope xmlns:s="${ENV}"><s:Body/></s:Envelope>`,
      "soap:Client",
      /one element, not 0/,
    ],
  ];
  it.each(cases)("%s is a fault with HTTP 500", async (_, body, code, reason) => {
    sb = await startSandbox();
    const f = await fault(body);
    expect(f).toMatchObject({ status: 500, code });
    expect(f.reason).toMatch(reason);
    expect(sb.messages()).toEqual([]);
  });

  it("a body over 4 MiB is a Client fault with HTTP 413", async () => {
    sb = await startSandbox();
    const big = envelope("send", {
      login: "demo",
      psw: "demo",
      phones: PHONE,
      mes: "x".repeat(4 * 1024 * 1024),
    });
    expect(await fault(big)).toMatchObject({ status: 413, code: "soap:Client" });
  });
});

describe("soap.php: what the core decides", () => {
  const DEMO = { login: "demo", psw: "demo" };

  it("xsi:nil optional fields are absent, and any namespace on the fields is read", async () => {
    sb = await startSandbox();
    const body = envelope("send", { ...DEMO, phones: PHONE, mes: "nil sender" })
      .replace(
        "</mes>",
        '</mes><sender xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:nil="true"/>',
      )
      .replace("<login>demo</login>", `<q:login xmlns:q="${NS}">demo</q:login>`);
    const res = await post(body);
    expect(res.text).toContain("<sendresult><id>1</id>");
    expect(sb.latest()).toMatchObject({ sender: "SMSC.KZ", text: "nil sender" });
  });

  it("the 11th balance request in a minute is error 9 (the SOAP balance page)", async () => {
    sb = await startSandbox();
    for (let i = 0; i < 10; i++)
      expect(await call("balance", DEMO)).toEqual({ balance: "1000.00", error: "0" });
    expect(await call("balance", DEMO)).toEqual({ error: "9" });
  });

  it("five wrong passwords block the address: error 4, for SOAP and send.php alike", async () => {
    sb = await startSandbox();
    const from = { remoteAddress: "127.0.0.9" };
    for (let i = 0; i < 5; i++)
      expect(await call("balance", { login: "demo", psw: "x" }, from)).toEqual({ error: "2" });
    expect(await call("send", { ...DEMO, phones: PHONE, mes: "blocked" }, from)).toEqual({ error: "4" });
    const http = await sb.router.request("/sys/balance.php?login=demo&psw=demo&fmt=3", from);
    expect(await http.json()).toMatchObject({ error_code: 4 });
    expect(await call("balance", DEMO)).toMatchObject({ error: "0" });
  });

  it("chaos: an injected status error and a lost request", async () => {
    sb = await startSandbox();
    sb.chaos.set({ errors: [{ endpoint: "status", code: 9, probability: 1 }] });
    expect(await call("status", { ...DEMO, phone: PHONE, id: "1" })).toEqual({ error: "9" });
    sb.chaos.set({ errors: [], resetRate: 1 });
    const res = await sb.router.request("/sys/soap.php", {
      method: "POST",
      body: envelope("send", { ...DEMO, phones: PHONE, mes: "lost request" }),
    });
    expect(res.type).toBe("error");
    expect(sb.messages()).toEqual([]);
  });

  it("the slow magic number answers after the chaos setting slowReplyMs", async () => {
    sb = await startSandbox();
    sb.chaos.set({ slowReplyMs: 30 });
    expect(await call("send", { ...DEMO, phones: "77000000090", mes: "slow" })).toMatchObject({
      id: "1",
      cnt: "1",
    });
  });

  it("message texts XML cannot carry are written with U+FFFD, and the reply stays well-formed", async () => {
    sb = await startSandbox();
    await sb.router.request(
      `/sys/send.php?login=demo&psw=demo&phones=${PHONE}&mes=a%01b%F0%9F%98%80&charset=utf-8`,
    );
    const status = await call("status", { ...DEMO, phone: PHONE, id: "1", all: "1" });
    expect(status.message).toBe("a\uFFFDb😀");
  });

  it("a send through SOAP survives a restart on the same database", async () => {
    dir = mkdtempSync(join(tmpdir(), "soap-restart-"));
    const db = join(dir, "sandbox.db");
    sb = await startSandbox({ db });
    expect(await call("send", { ...DEMO, phones: PHONE, mes: "kept", id: "keep-1" })).toMatchObject({
      id: "keep-1",
    });
    await sb.close();
    sb = await startSandbox({ db });
    expect(await call("status", { ...DEMO, phone: PHONE, id: "keep-1", all: "1" })).toMatchObject({
      message: "kept",
      phone: PHONE,
    });
    expect(await call("balance", DEMO)).toEqual({ balance: "990.00", error: "0" });
  });
});
