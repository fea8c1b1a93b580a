// zeep (Debian's python3-zeep), a second SOAP client nobody here wrote, against the sandbox's OMS endpoint: it reads
// the WSDL, checks every call and reply against its schema, and walks Outlook's flow (GetServiceInfo, GetUserInfo,
// DeliverXms) and SharePoint's batch (DeliverXmsBatch) with documents shaped as in Microsoft's examples. The
// inspection API then shows the messages: stored, billed, and through the status lifecycle.
import { type Sandbox, startSandbox } from "smsc-sandbox";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { api } from "./api-helpers.js";
import { type Doc, errorsOf, find, omsZeep, xmsBatch, xmsData, xmsUser } from "./oms-helpers.js";

const PHONE = "77011234567";
const OMS = "http://schemas.microsoft.com/office/Outlook/2006/OMS";
let sb: Sandbox;
let wsdl: string;

beforeEach(async () => {
  sb = await startSandbox({ delays: { sentMs: 0, deliveredMs: 0 } });
  wsdl = `${sb.url}/sys/oms.php?wsdl`;
});
afterEach(async () => {
  await sb.close();
});

const doc = (o: { result?: Doc }) => o.result as Doc;
const OK = [{ code: "ok", severity: "neutral" }];

describe("OMS with zeep", () => {
  it("Outlook's flow: service info, user info, one XMS, which the inspection API shows delivered and billed", async () => {
    const text = "Напоминание: созвон в 10:00";
    const [service, user, sent] = await omsZeep(wsdl, [
      { op: "GetServiceInfo", args: {} },
      { op: "GetUserInfo", args: { xmsUser: xmsUser("demo", "demo") } },
      { op: "DeliverXms", args: { xmsData: xmsData({ to: [PHONE], text }) } },
    ]);
    expect(doc(service!)).toMatchObject({ name: "serviceInfo", ns: `${OMS}/serviceInfo` });
    expect(find(doc(service!), "SMS_SENDER")!.attrs.maxDbcsPerMessage).toBe("70");
    expect(doc(user!)).toMatchObject({ name: "userInfo", ns: OMS });
    expect(errorsOf(doc(user!))).toEqual(OK);
    expect(doc(sent!)).toMatchObject({ name: "xmsResponse", ns: OMS });
    expect(errorsOf(doc(sent!))).toEqual(OK);

    const listed = await api(sb.url, "GET", "/messages?origin=oms");
    expect(listed.body.messages).toHaveLength(1);
    const id = listed.body.messages[0].id;
    expect(listed.body.messages[0]).toMatchObject({ phone: PHONE, text, origin: "oms", login: "demo" });
    // 27 Cyrillic characters: one UCS-2 part at the demo tariff
    await vi.waitFor(async () => {
      const m = (await api(sb.url, "GET", `/messages/${id}`)).body;
      expect(m).toMatchObject({ status: 1, parts: 1, cost: 10 });
      expect(m.timeline.map((t: { status: number }) => t.status)).toEqual([-1, 0, 1]);
    });
    const balance = await (await fetch(`${sb.url}/sys/balance.php?login=demo&psw=demo&fmt=3`)).json();
    expect(balance.balance).toBe("990.00");
  });

  it("SharePoint's batch: each xmsData answered by id, the sent ones billed, the refused one not", async () => {
    const [batch] = await omsZeep(wsdl, [
      {
        op: "DeliverXmsBatch",
        args: {
          packageXml: xmsBatch([
            { id: "0", to: [PHONE], text: "This is a testing message." },
            { id: "1", to: [PHONE], text: "x".repeat(1001) },
            { id: "2", to: ["77017654321", "77000000010"], text: "Alert: the list was changed." },
          ]),
        },
      },
    ]);
    const d = doc(batch!);
    expect(d).toMatchObject({ name: "xmsResponses", ns: OMS });
    expect(d.children.map((r) => [r.attrs.id, errorsOf(r)])).toEqual([
      ["0", OK],
      ["1", [{ code: "lengthLimit", severity: "failure", content: "longer than 1000 characters" }]],
      ["2", OK],
    ]);
    const listed = await api(sb.url, "GET", "/messages?origin=oms");
    expect(listed.body.messages.map((m: { phone: string }) => m.phone).sort()).toEqual([
      "77000000010",
      PHONE,
      "77017654321",
    ]);
    const balance = await (await fetch(`${sb.url}/sys/balance.php?login=demo&psw=demo&fmt=3`)).json();
    expect(balance.balance).toBe("970.00");
  });

  it("a lost reply reaches zeep as a failed connection; the XMS is stored once", async () => {
    const [lost, after] = await omsZeep(wsdl, [
      { op: "DeliverXms", args: { xmsData: xmsData({ to: ["77000000099"], text: "lost reply" }) } },
      { op: "GetUserInfo", args: { xmsUser: xmsUser("demo", "demo") } },
    ]);
    expect(lost).toHaveProperty("error");
    expect(errorsOf(doc(after!))).toEqual(OK);
    expect(sb.messages().map((m) => m.text)).toEqual(["lost reply"]);
  });
});
