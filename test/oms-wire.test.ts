// The OMS endpoint in process, through the router, with envelopes as SharePoint's .NET proxy writes them (the method
// element in the OMS namespace by default, the document escaped inside it): the WSDL, faults, and the error paths:
// every refusal answers with its OMS code and leaves nothing stored, billed or sent twice.
import { type Sandbox, startSandbox } from "smsc-sandbox";
import { afterEach, describe, expect, it } from "vitest";
import { parseXml, type XmlElement } from "../packages/sandbox/src/soap/xml.js";
import { type XmsParts, xmsBatch, xmsData, xmsUser } from "./oms-helpers.js";

const OMS = "http://schemas.microsoft.com/office/Outlook/2006/OMS";
const ENV = "http://schemas.xmlsoap.org/soap/envelope/";
const PHONE = "77011234567";
let sb: Sandbox | undefined;

afterEach(async () => {
  await sb?.close();
  sb = undefined;
});

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** A call as a .NET SoapHttpClientProtocol writes one. */
function envelope(method: string, param?: [string, string], ns = OMS): string {
  const inner = param ? `<${param[0]}>${esc(param[1])}</${param[0]}>` : "";
  return (
    `<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="${ENV}" ` +
    `xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema">` +
    `<soap:Body><${method} xmlns="${ns}">${inner}</${method}></soap:Body></soap:Envelope>`
  );
}

async function post(body: string) {
  return sb!.router.request("/sys/oms.php", {
    method: "POST",
    headers: { "Content-Type": "text/xml; charset=utf-8", SOAPAction: `"${OMS}/DeliverXms"` },
    body,
  });
}

/** The document a method returned, read. */
async function call(method: string, param?: [string, string]): Promise<XmlElement> {
  const res = await post(envelope(method, param));
  expect(res.status).toBe(200);
  const body = parseXml(await res.text()).children[0]!;
  const reply = body.children[0]!;
  expect(reply).toMatchObject({ local: `${method}Response`, ns: OMS });
  const result = reply.children[0]!;
  expect(result).toMatchObject({ local: `${method}Result`, ns: OMS });
  return parseXml(result.text);
}

/** The error elements of an xmsResponse or userInfo as {code, severity, content, recipients}. */
const errors = (el: XmlElement) =>
  el.children
    .filter((c) => c.local === "error")
    .map((e) => {
      const part = (name: string) => e.children.find((c) => c.local === name)?.text;
      return {
        code: e.attributes.find((a) => a.local === "code")?.value,
        severity: e.attributes.find((a) => a.local === "severity")?.value,
        ...(part("content") !== undefined ? { content: part("content") } : {}),
        ...(part("recipientList") !== undefined ? { recipients: part("recipientList") } : {}),
      };
    });

const deliver = async (p: XmsParts | string) =>
  errors(await call("DeliverXms", ["xmsData", typeof p === "string" ? p : xmsData(p)]));

const balance = async () =>
  (await (await sb!.router.request("/sys/balance.php?login=demo&psw=demo&fmt=3")).json()).balance;

const fail = (code: string, content: string, recipients?: string) => ({
  code,
  severity: "failure",
  content,
  ...(recipients ? { recipients } : {}),
});

describe("OMS: the WSDL", () => {
  it("declares the OMS methods, document/literal, with Microsoft's parameter names and SOAPActions", async () => {
    sb = await startSandbox();
    const res = await fetch(`${sb.url}/sys/oms.php?wsdl`);
    expect(res.status).toBe(200);
    const wsdl = parseXml(await res.text());
    expect(wsdl.attributes.find((a) => a.local === "targetNamespace")?.value).toBe(OMS);
    const all = (el: XmlElement, local: string): XmlElement[] =>
      el.children.flatMap((c) => [...(c.local === local ? [c] : []), ...all(c, local)]);
    const name = (el: XmlElement) => el.attributes.find((a) => a.local === "name")?.value;
    const portType = all(wsdl, "portType")[0]!;
    expect(portType.children.map(name)).toEqual([
      "GetServiceInfo",
      "GetUserInfo",
      "DeliverXms",
      "SendXms",
      "DeliverXmsBatch",
    ]);
    const actions = all(wsdl, "operation")
      .flatMap((op) => op.children)
      .filter((c) => c.local === "operation")
      .map((c) => c.attributes.find((a) => a.local === "soapAction")?.value);
    expect(actions).toContain(`${OMS}/DeliverXmsBatch`);
    const element = (n: string) => all(wsdl, "element").find((e) => name(e) === n)!;
    expect(all(element("DeliverXmsBatch"), "element").map(name)).toEqual(["packageXml"]);
    expect(all(element("GetUserInfo"), "element").map(name)).toEqual(["xmsUser"]);
    expect(all(element("DeliverXms"), "element").map(name)).toEqual(["xmsData"]);
    expect(all(element("GetServiceInfoResponse"), "element").map(name)).toEqual(["GetServiceInfoResult"]);
    const address = all(wsdl, "address")[0]!;
    expect(address.attributes.find((a) => a.local === "location")?.value).toBe(`${sb.url}/sys/oms.php`);
  });
});

describe("OMS: what is not a call is a SOAP fault", () => {
  it("answers another namespace, an unknown method and a broken envelope with Client faults", async () => {
    sb = await startSandbox();
    for (const body of [
      envelope("DeliverXms", ["xmsData", "x"], "http://smsc.ru/sys/soap.php"),
      envelope("DeleteXms", ["xmsData", "x"]),
      "<soap:Envelope",
    ]) {
      const res = await post(body);
      expect(res.status).toBe(500);
      const fault = parseXml(await res.text()).children[0]!.children[0]!;
      expect(fault).toMatchObject({ local: "Fault", ns: ENV });
      expect(fault.children.find((c) => c.local === "faultcode")!.text).toBe("soap:Client");
    }
    expect(sb.messages()).toEqual([]);
  });
});

describe("OMS: error paths of DeliverXms", () => {
  it("a bad user, no money, a denied text: their codes, nothing stored or billed", async () => {
    sb = await startSandbox();
    expect(await deliver({ user: ["demo", "nope"], to: [PHONE], text: "x" })).toEqual([
      fail("invalidUser", "authorise error"),
    ]);
    expect(await deliver({ user: ["", "not-a-key"], to: [PHONE], text: "x" })).toEqual([
      fail("invalidUser", "authorise error"),
    ]);
    const [low] = await deliver({ to: ["77000000003"], text: "no money" });
    expect(low).toMatchObject({ code: "lowBalance", severity: "failure" });
    const [denied] = await deliver({ to: ["77000000006"], text: "denied" });
    expect(denied).toMatchObject({ code: "invalidChar", severity: "failure" });
    const [unreachable] = await deliver({ to: ["77000000008"], text: "unreachable" });
    expect(unreachable).toMatchObject({ code: "invalidRecipient", recipients: "77000000008" });
    expect(sb.messages()).toEqual([]);
    expect(await balance()).toBe("1000.00");
  });

  it("refuses what SMS cannot carry before anything is sent", async () => {
    sb = await startSandbox();
    const two = xmsData({ to: [PHONE], text: "one" }).replace(
      "</xmsBody>",
      '<content contentType="text/plain">two</content></xmsBody>',
    );
    const image = xmsData({ to: [PHONE], text: "see the picture" }).replace(
      "</xmsBody>",
      '<content contentType="image/gif" contentId="1.gif">R0lGOD</content></xmsBody>',
    );
    expect(await deliver(two)).toEqual([
      fail("others", "2 text contents: one xmsData carries 1 message (maxMessagesPerSend)"),
    ]);
    expect(await deliver(image)).toEqual([fail("invalidMedia", "an SMS carries no image/gif content")]);
    expect(await deliver({ to: [PHONE], text: "x".repeat(1001) })).toEqual([
      fail("lengthLimit", "longer than 1000 characters"),
    ]);
    expect(
      await deliver({ to: Array.from({ length: 101 }, (_, i) => `7701${1000000 + i}`), text: "many" }),
    ).toEqual([fail("others", "more than 100 recipients")]);
    expect(await deliver({ to: [PHONE], text: "when?", scheduled: "tomorrow" })).toEqual([
      fail("others", "scheduled is not an xs:dateTime"),
    ]);
    expect(await deliver({ to: ["", "1,2"], text: "to nobody" })).toEqual([
      fail("invalidRecipient", "no valid recipient", ";1,2"),
    ]);
    expect(sb.messages()).toEqual([]);
  });

  it("a document that is not the method's: a clear error that never quotes it (it holds a password)", async () => {
    sb = await startSandbox();
    const broken = xmsData({ user: ["demo", "pass"], to: [PHONE], text: "x" }).replace(
      "<password>pass</password>",
      "<password>s3cr&et;</password>",
    );
    const [err] = await deliver(broken);
    expect(err).toEqual(fail("others", "the xmsData string is not well-formed XML (line 5, column 15)"));
    expect(JSON.stringify(err)).not.toContain("et;");
    expect(await deliver(xmsUser("demo", "demo"))).toEqual([
      fail("others", `expected an xmsData element in ${OMS}, got xmsUser`),
    ]);
    const headless = xmsData({ to: [PHONE], text: "x" }).replace(/<xmsHead>[\s\S]*<\/xmsHead>/, "");
    expect(await deliver(headless)).toEqual([fail("others", "xmsData needs an xmsHead and an xmsBody")]);
    const userless = xmsData({ to: [PHONE], text: "x" }).replace(/<user>[\s\S]*<\/user>/, "");
    expect(await deliver(userless)).toEqual([fail("others", "the message has no user element")]);
    expect(await deliver("")).toEqual([
      fail("others", "the xmsData string is not well-formed XML (line 1, column 1)"),
    ]);
    expect(sb.messages()).toEqual([]);
  });

  it("SendXms, Outlook 2007's name, sends like DeliverXms", async () => {
    sb = await startSandbox();
    const d = await call("SendXms", ["xmsData", xmsData({ to: [PHONE], text: "from Outlook 2007" })]);
    expect(d).toMatchObject({ local: "xmsResponse", ns: OMS });
    expect(errors(d)).toEqual([{ code: "ok", severity: "neutral" }]);
    expect(sb.messages()).toMatchObject([{ text: "from Outlook 2007", origin: "oms", phone: PHONE }]);
  });

  it("takes the namespace as Microsoft's SharePoint pages print it (https://)", async () => {
    sb = await startSandbox();
    const https = xmsData({ to: [PHONE], text: "https namespace" }).replace(
      OMS,
      OMS.replace("http:", "https:"),
    );
    expect(await deliver(https)).toEqual([{ code: "ok", severity: "neutral" }]);
    expect(sb.latest()).toMatchObject({ text: "https namespace", origin: "oms" });
  });

  it("a lost reply is lost once: the SMS is stored and billed once, and the connection closes unanswered", async () => {
    sb = await startSandbox();
    const lost = await post(
      envelope("DeliverXms", ["xmsData", xmsData({ to: ["77000000099"], text: "lost" })]),
    );
    expect(lost.type).toBe("error");
    expect(sb.messages().map((m) => m.text)).toEqual(["lost"]);
    expect(await balance()).toBe("990.00");
    const dropped = await post(
      envelope("DeliverXms", ["xmsData", xmsData({ to: ["77000000098"], text: "dropped" })]),
    );
    expect(dropped.type).toBe("error");
    expect(sb.messages().map((m) => m.text)).toEqual(["lost"]);
  });
});

describe("OMS: error paths of DeliverXmsBatch and GetUserInfo", () => {
  const batch = async (xml: string) => {
    const d = await call("DeliverXmsBatch", ["packageXml", xml]);
    expect(d).toMatchObject({ local: "xmsResponses", ns: OMS });
    return d.children.map((r) => [r.attributes.find((a) => a.local === "id")?.value, errors(r)]);
  };

  it("a batch over batchSize sends none; an empty batch or another document is refused", async () => {
    sb = await startSandbox();
    const many = Array.from({ length: 21 }, (_, i) => ({ id: String(i), to: [PHONE], text: `m${i}` }));
    const out = await batch(xmsBatch(many));
    expect(out).toHaveLength(21);
    for (const [, errs] of out)
      expect(errs).toEqual([fail("others", "more than 20 messages in the batch (batchSize): none was sent")]);
    expect(await batch(xmsBatch([]))).toEqual([
      [undefined, [fail("others", "the xmsBatch holds no xmsData")]],
    ]);
    expect(await batch(xmsData({ to: [PHONE], text: "x" }))).toEqual([
      [undefined, [fail("others", `expected an xmsBatch element in ${OMS}, got xmsData`)]],
    ]);
    expect(sb.messages()).toEqual([]);
  });

  it("an unreadable or refused xmsData answers for itself; the others go", async () => {
    sb = await startSandbox();
    const xml = xmsBatch([
      { id: "a", to: [PHONE], text: "first" },
      { id: "b", to: [PHONE], text: "broken" },
      { id: "c", user: ["demo", "wrong"], to: [PHONE], text: "bad user" },
      { id: "d", to: ["77017654321"], text: "last" },
    ]).replace(/(<xmsData[^>]*id="b">)[\s\S]*?<xmsHead>[\s\S]*?<\/xmsHead>/, "$1");
    expect(await batch(xml)).toEqual([
      ["a", [{ code: "ok", severity: "neutral" }]],
      ["b", [fail("others", "xmsData needs an xmsHead and an xmsBody")]],
      ["c", [fail("invalidUser", "authorise error")]],
      ["d", [{ code: "ok", severity: "neutral" }]],
    ]);
    expect(sb.messages().map((m) => m.text)).toEqual(["last", "first"]); // newest first
    expect(await balance()).toBe("980.00");
  });

  it("a lost reply in a batch loses the batch's reply, and nothing is sent twice", async () => {
    sb = await startSandbox();
    const res = await post(
      envelope("DeliverXmsBatch", [
        "packageXml",
        xmsBatch([
          { id: "1", to: [PHONE], text: "before" },
          { id: "2", to: ["77000000099"], text: "lost" },
        ]),
      ]),
    );
    expect(res.type).toBe("error");
    expect(sb.messages().map((m) => m.text)).toEqual(["lost", "before"]);
  });

  it("GetUserInfo: a bad user or document is an error inside userInfo, without a number", async () => {
    sb = await startSandbox();
    const info = async (xml: string) => {
      const d = await call("GetUserInfo", ["xmsUser", xml]);
      expect(d).toMatchObject({ local: "userInfo", ns: OMS });
      expect(d.children.find((c) => c.local === "replyPhone")).toBeUndefined();
      return errors(d);
    };
    expect(await info(xmsUser("demo", "wrong"))).toEqual([fail("invalidUser", "authorise error")]);
    expect(await info("<xmsUser")).toEqual([
      fail("others", "the xmsUser string is not well-formed XML (line 1, column 9)"),
    ]);
    expect(await info(xmsData({ to: [PHONE], text: "x" }))).toEqual([
      fail("others", `expected an xmsUser element in ${OMS}, got xmsData`),
    ]);
  });
});
