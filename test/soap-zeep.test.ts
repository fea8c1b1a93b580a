// zeep (Debian's python3-zeep), a second SOAP client nobody here wrote, against the sandbox's soap.php: it reads the
// WSDL, validates every request and reply against its schema, and sends, prices, checks a status and reads the
// balance. The sandbox's inspection API sees what it sent.
import { type Sandbox, startSandbox } from "smsc-sandbox";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { api } from "./api-helpers.js";
import { zeep } from "./soap-helpers.js";

const PHONE = "77011234567";
const DEMO = { login: "demo", psw: "demo" };
let sb: Sandbox;
let wsdl: string;

beforeEach(async () => {
  sb = await startSandbox({ delays: { sentMs: 0, deliveredMs: 0 } });
  wsdl = `${sb.url}/sys/soap.php?wsdl`;
});
afterEach(async () => {
  await sb.close();
});

/** zeep fills every field of the schema, the absent ones with null. */
const present = (o: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null));

describe("soap.php with zeep", () => {
  it("sends, prices, checks the status and reads the balance", async () => {
    const [sent, cost, balance] = await zeep(wsdl, [
      { op: "send_sms", args: { ...DEMO, phones: PHONE, mes: "Сәлем from zeep", sender: "Shop" } },
      { op: "get_sms_cost", args: { ...DEMO, phones: PHONE, mes: "ж".repeat(71) } },
      { op: "get_balance", args: DEMO },
    ]);
    // zeep unwraps the single wrapper element: the fields of sendresult itself
    expect(present(sent!.result)).toEqual({ id: "1", balance: "990.00", cost: "10.00", cnt: "1" });
    expect(present(cost!.result)).toEqual({ cost: "20.00", cnt: "2" });
    expect(present(balance!.result)).toEqual({ balance: "990.00", error: "0" });

    const listed = await api(sb.url, "GET", "/messages?origin=soap");
    expect(listed.body.messages).toHaveLength(1);
    expect(listed.body.messages[0]).toMatchObject({ text: "Сәлем from zeep", sender: "Shop", phone: PHONE });

    const [status] = await zeep(wsdl, [
      { op: "get_status", args: { ...DEMO, phone: PHONE, id: "1", all: "1" } },
    ]);
    expect(present(status!.result)).toMatchObject({
      status: "1",
      err: "0",
      phone: PHONE,
      message: "Сәлем from zeep",
      sender_id: "Shop",
      status_name: "Доставлено",
      sms_cnt: "1",
    });
    expect(status!.result.operator).toBeNull();
  });

  it("send_sms2's errors list and the service's error codes validate against the schema", async () => {
    const [sent, refused, placed] = await zeep(wsdl, [
      { op: "send_sms2", args: { ...DEMO, phones: `${PHONE},00,1`, mes: "two bad", query: "" } },
      { op: "send_sms2", args: { ...DEMO, phones: "77000000006", mes: "denied" } },
      { op: "get_status2", args: { ...DEMO, phone: PHONE, id: "1", query: "all=2" } },
    ]);
    expect(sent!.result.errors).toEqual([
      { phone: "00", status: "22" },
      { phone: "1", status: "22" },
    ]);
    expect(present(refused!.result)).toEqual({ id: "2", error: "6", errors: [] });
    expect(present(placed!.result)).toMatchObject({ status: "1", operator: "Kcell", region: "Алматы" });
  });

  it("a reply lost by the sandbox is a connection error to zeep; the message went out and was billed", async () => {
    const [lost, balance] = await zeep(wsdl, [
      { op: "send_sms", args: { ...DEMO, phones: "77000000099", mes: "lost" } },
      { op: "get_balance", args: DEMO },
    ]);
    expect(lost).toEqual({ error: "ConnectionError" });
    expect(sb.latest()).toMatchObject({ phone: "77000000099", origin: "soap" });
    expect(balance!.result.balance).toBe("990.00");
  });
});
