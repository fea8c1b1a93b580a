// The OMS endpoint driven by PHP's SoapClient through its WSDL, with documents shaped as in Microsoft's examples;
// the documents it gets back are read with PHP's DOM. A delivered XMS is a send like any other: stored, billed,
// tracked, in the inspection API, and its status changes reach the account's callback URL.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { type Sandbox, startSandbox } from "smsc-sandbox";
import { afterEach, describe, expect, it, vi } from "vitest";
import { api } from "./api-helpers.js";
import { type Doc, errorsOf, find, omsPhp, xmsBatch, xmsData, xmsUser } from "./oms-helpers.js";

const PHONE = "77011234567";
const OMS = "http://schemas.microsoft.com/office/Outlook/2006/OMS";
let sb: Sandbox | undefined;
let handler: Server | undefined;

afterEach(async () => {
  await sb?.close();
  if (handler) await new Promise((r) => handler!.close(r));
  sb = undefined;
  handler = undefined;
});

async function start(options: Parameters<typeof startSandbox>[0] = {}) {
  sb = await startSandbox({ delays: { sentMs: 0, deliveredMs: 0 }, ...options });
  return `${sb.url}/sys/oms.php?wsdl`;
}

const doc = (o: { result?: Doc }) => o.result as Doc;
const balance = async () =>
  (await (await fetch(`${sb!.url}/sys/balance.php?login=demo&psw=demo&fmt=3`)).json()).balance;

describe("OMS with PHP's SoapClient", () => {
  it("GetServiceInfo describes the sandbox as an SMS provider, with its limits", async () => {
    const wsdl = await start();
    const [info] = await omsPhp(wsdl, [{ op: "GetServiceInfo", args: {} }]);
    const d = doc(info!);
    expect(d).toMatchObject({ name: "serviceInfo", ns: `${OMS}/serviceInfo` });
    expect(find(d, "serviceUri")!.text).toBe(`${sb!.url}/sys/oms.php`);
    expect(find(d, "authenticationType")!.text).toBe("Other");
    expect(find(d, "SMS_SENDER")!.attrs).toEqual({
      maxRecipientsPerMessage: "100",
      maxMessagesPerSend: "1",
      maxSbcsPerMessage: "160",
      maxDbcsPerMessage: "70",
    });
    expect(find(d, "LONG_SMS_SENDER")!.attrs).toEqual({
      maxSbcsPerMessage: "1000",
      maxDbcsPerMessage: "1000",
    });
    expect(find(d, "batchSize")!.text).toBe("20");
  });

  it("GetUserInfo takes login and password or an API key, and reports the user's number", async () => {
    const wsdl = await start();
    const [own, bare, key, wrong] = await omsPhp(wsdl, [
      { op: "GetUserInfo", args: { xmsUser: xmsUser("demo", "demo", "+7 701 123 45 67") } },
      { op: "GetUserInfo", args: { xmsUser: xmsUser("demo", "demo") } },
      { op: "GetUserInfo", args: { xmsUser: xmsUser("", "demo-apikey") } },
      { op: "GetUserInfo", args: { xmsUser: xmsUser("demo", "*Hy%,eG") } },
    ]);
    expect(doc(own!)).toMatchObject({ name: "userInfo", ns: OMS });
    expect(find(doc(own!), "replyPhone")!.text).toBe(PHONE);
    expect(errorsOf(doc(own!))).toEqual([{ code: "ok", severity: "neutral" }]);
    // without a number of its own the user is known by the account's sender
    expect(find(doc(bare!), "replyPhone")!.text).toBe("SMSC.KZ");
    expect(errorsOf(doc(key!))).toEqual([{ code: "ok", severity: "neutral" }]);
    expect(find(doc(wrong!), "replyPhone")).toBeUndefined();
    expect(errorsOf(doc(wrong!))).toEqual([
      { code: "invalidUser", severity: "failure", content: "authorise error" },
    ]);
  });

  it("DeliverXms sends through the core: stored, billed, tracked, in the inspection API", async () => {
    const wsdl = await start();
    const text = "Привет из Outlook: встреча в 15:00 & <не опаздывай>";
    const [sent] = await omsPhp(wsdl, [
      { op: "DeliverXms", args: { xmsData: xmsData({ to: [PHONE, "77017654321"], text }) } },
    ]);
    expect(doc(sent!)).toMatchObject({ name: "xmsResponse", ns: OMS });
    expect(errorsOf(doc(sent!))).toEqual([{ code: "ok", severity: "neutral" }]);
    const stored = sb!.messages();
    expect(stored.map((m) => m.phone).sort()).toEqual([PHONE, "77017654321"]);
    for (const m of stored) expect(m).toMatchObject({ origin: "oms", text, login: "demo", cost: 10 });
    expect(await balance()).toBe("980.00");
    const listed = await api(sb!.url, "GET", "/messages?origin=oms");
    expect(listed.body.messages).toHaveLength(2);
    const id = stored[0]!.messageId;
    const status = await (
      await fetch(
        `${sb!.url}/sys/status.php?login=demo&psw=demo&phone=${PHONE}&id=${id}&all=1&fmt=3&charset=utf-8`,
      )
    ).json();
    expect(status).toMatchObject({ status: 1, message: text });
  });

  it("answers a bad user, bad recipients, too long a text and other services with their error codes", async () => {
    const wsdl = await start();
    const out = await omsPhp(
      wsdl,
      [
        xmsData({ user: ["demo", "wrong"], to: [PHONE], text: "x" }),
        xmsData({ to: ["123", "00"], text: "nobody" }),
        xmsData({ to: [PHONE, "12"], text: "some" }),
        xmsData({ to: [PHONE], text: "ж".repeat(1001) }),
        xmsData({ to: [PHONE], text: "an MMS", service: "MMS_SENDER", format: "MMS" }),
        xmsData({ to: ["77000000006"], text: "denied" }),
        "this is not XML",
      ].map((x) => ({ op: "DeliverXms", args: { xmsData: x } })),
    );
    expect(out.map((o) => errorsOf(doc(o)))).toEqual([
      [{ code: "invalidUser", severity: "failure", content: "authorise error" }],
      [{ code: "invalidRecipient", severity: "failure", content: "invalid number", recipients: "123;00" }],
      // the message went to the valid recipient: ok first, then who did not get it
      [
        { code: "ok", severity: "neutral" },
        {
          code: "invalidRecipient",
          severity: "failure",
          content: "not sent to these recipients",
          recipients: "12",
        },
      ],
      [{ code: "lengthLimit", severity: "failure", content: "longer than 1000 characters" }],
      [
        {
          code: "unregisteredService",
          severity: "failure",
          content: "only SMS_SENDER with format SMS, not MMS_SENDER/MMS",
        },
      ],
      [{ code: "invalidChar", severity: "failure", content: "message is denied" }],
      [
        {
          code: "others",
          severity: "failure",
          content: "the xmsData string is not well-formed XML (line 1, column 1)",
        },
      ],
    ]);
    // only the one valid recipient of the third message was sent to and billed
    expect(sb!.messages().map((m) => m.text)).toEqual(["some"]);
    expect(await balance()).toBe("990.00");
  });

  it("a scheduled XMS waits for its time, like send.php's time", async () => {
    const wsdl = await start();
    const at = new Date(Date.now() + 3_600_000);
    at.setUTCMilliseconds(0);
    const [sent] = await omsPhp(wsdl, [
      {
        op: "DeliverXms",
        args: { xmsData: xmsData({ to: [PHONE], text: "later", scheduled: at.toISOString() }) },
      },
    ]);
    expect(errorsOf(doc(sent!))).toEqual([{ code: "ok", severity: "neutral" }]);
    expect(sb!.latest()).toMatchObject({ text: "later", status: -1, sendAt: at.toISOString() });
  });

  it("DeliverXmsBatch answers each xmsData with its own xmsResponse, by id", async () => {
    const wsdl = await start();
    const [batch] = await omsPhp(wsdl, [
      {
        op: "DeliverXmsBatch",
        args: {
          packageXml: xmsBatch([
            { id: "m1", to: [PHONE], text: "first of the batch" },
            { id: "m2", to: ["123"], text: "to nobody" },
            { id: "m3", user: ["", "demo-apikey"], to: ["77017654321"], text: "third, by API key" },
          ]),
        },
      },
    ]);
    const d = doc(batch!);
    expect(d).toMatchObject({ name: "xmsResponses", ns: OMS });
    expect(d.children.map((r) => [r.attrs.id, errorsOf(r)[0]!.code])).toEqual([
      ["m1", "ok"],
      ["m2", "invalidRecipient"],
      ["m3", "ok"],
    ]);
    expect(
      sb!
        .messages()
        .map((m) => m.text)
        .sort(),
    ).toEqual(["first of the batch", "third, by API key"]);
  });

  it("a delivered XMS's status changes reach the account's callback URL", async () => {
    const seen: string[] = [];
    handler = createServer((req, res) => {
      let body = "";
      req.on("data", (c) => (body += c));
      req.on("end", () => {
        seen.push(body);
        res.end("OK");
      });
    });
    await new Promise<void>((r) => handler!.listen(0, "127.0.0.1", r));
    const wsdl = await start({
      callbacks: { demo: `http://127.0.0.1:${(handler.address() as AddressInfo).port}/cb` },
    });
    await omsPhp(wsdl, [
      { op: "DeliverXms", args: { xmsData: xmsData({ to: ["77000000020"], text: "cb" }) } },
    ]);
    await vi.waitFor(() => expect(seen).toHaveLength(2));
    const final = new URLSearchParams(seen[1]);
    expect(final.get("phone")).toBe("77000000020");
    expect(final.get("status")).toBe("20");
  });
});
