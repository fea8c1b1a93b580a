// PHP's SoapClient (php-soap), a client nobody here wrote, against the sandbox's soap.php through its WSDL: it
// sends, prices, checks a status and reads the balance the way the service's SOAP pages show, and what it sends is
// what the sandbox stores, bills and tracks.
import { type Sandbox, startSandbox } from "smsc-sandbox";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { php } from "./soap-helpers.js";

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

describe("soap.php with PHP's SoapClient", () => {
  it("sends, prices, checks the status and reads the balance", async () => {
    const text = "Привет из SoapClient & <b>";
    const [balance, sent, cost] = await php(wsdl, [
      { op: "get_balance", args: DEMO },
      {
        op: "send_sms",
        args: { ...DEMO, phones: PHONE, mes: text, id: "", sender: "ivan", time: 0 },
      },
      { op: "get_sms_cost", args: { ...DEMO, phones: `${PHONE},77017654321`, mes: "x".repeat(200) } },
    ]);
    expect(balance).toEqual({ result: { balanceresult: { balance: "1000.00", error: "0" } } });
    // success carries no `error`: clients test isset($ret->sendresult->error)
    expect(sent).toEqual({ result: { sendresult: { id: "1", balance: "990.00", cost: "10.00", cnt: "1" } } });
    expect(cost).toEqual({ result: { costresult: { cost: "40.00", cnt: "4" } } });

    const stored = sb.messages();
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({
      messageId: 1,
      origin: "soap",
      phone: PHONE,
      text,
      sender: "ivan",
      cost: 10,
    });

    const [status, full, after] = await php(wsdl, [
      { op: "get_status", args: { ...DEMO, phone: PHONE, id: "1", all: "0" } },
      { op: "get_status", args: { ...DEMO, phone: PHONE, id: "1", all: "2" } },
      { op: "get_balance", args: DEMO },
    ]);
    expect(Object.keys(status!.result.statusresult)).toEqual([
      "status",
      "last_date",
      "last_timestamp",
      "err",
    ]);
    expect(status!.result.statusresult).toMatchObject({ status: "1", err: "0" });
    expect(full!.result.statusresult).toMatchObject({
      status: "1",
      phone: PHONE,
      cost: "10",
      sender_id: "ivan",
      status_name: "Доставлено",
      message: text,
      sms_cnt: "1",
      operator: "Kcell",
    });
    expect(full!.result.statusresult.last_date).toMatch(/^\d\d\.\d\d\.\d{4} \d\d:\d\d:\d\d$/);
    expect(after!.result.balanceresult.balance).toBe("990.00");
  });

  it("reports the service's errors in the result's error field, with the id where send.php gives one", async () => {
    const out = await php(wsdl, [
      { op: "send_sms", args: { login: "demo", psw: "wrong", phones: PHONE, mes: "a" } },
      { op: "send_sms", args: { ...DEMO, phones: "77000000003", mes: "no money" } },
      { op: "send_sms", args: { ...DEMO, phones: PHONE, mes: "я".repeat(1001) } },
      { op: "send_sms", args: { ...DEMO, phones: "12", mes: "bad number" } },
      { op: "get_status", args: { ...DEMO, phone: PHONE, id: "1,2" } },
      { op: "get_status", args: { ...DEMO, phone: PHONE, id: "777" } },
      { op: "get_balance", args: { login: "nobody", psw: "x" } },
    ]);
    expect(out.map((o) => o.result)).toEqual([
      { sendresult: { error: "2" } },
      { sendresult: { id: "1", error: "3" } },
      { sendresult: { error: "1" } },
      { sendresult: { id: "2", error: "7" } },
      { statusresult: { error: "1" } },
      { statusresult: { status: "-3" } },
      { balanceresult: { error: "2" } },
    ]);
    expect(sb.messages()).toEqual([]);
  });

  it("send_sms2 takes send.php parameters in query and lists the numbers not sent to in errors", async () => {
    const [sent] = await php(wsdl, [
      {
        op: "send_sms2",
        args: { ...DEMO, phones: `${PHONE},123,77017654321`, mes: "Съешь ещё", query: "translit=1&flash=1" },
      },
    ]);
    expect(sent!.result.sendresult).toMatchObject({ id: "1", cnt: "2", cost: "20.00", balance: "980.00" });
    expect(sent!.result.sendresult.errors).toEqual([{ phone: "123", status: "22" }]);
    const stored = sb.messages();
    expect(stored.map((m) => m.phone).sort()).toEqual(["77011234567", "77017654321"]);
    expect(stored[0]).toMatchObject({ format: "flash", origin: "soap" });
    expect(stored[0]!.text).toMatch(/^[\x20-\x7e]+$/);
  });

  it("get_sms_cost2 and get_status2 take query too: del=1 deletes the message", async () => {
    await php(wsdl, [{ op: "send_sms", args: { ...DEMO, phones: PHONE, mes: "to delete", id: "del-1" } }]);
    const [cost, status, gone] = await php(wsdl, [
      { op: "get_sms_cost2", args: { ...DEMO, phones: PHONE, mes: "Съешь", query: "translit=1" } },
      { op: "get_status2", args: { ...DEMO, phone: PHONE, id: "del-1", all: "1", query: "del=1" } },
      { op: "get_status2", args: { ...DEMO, phone: PHONE, id: "del-1", query: "" } },
    ]);
    expect(cost!.result.costresult).toEqual({ cost: "10.00", cnt: "1" });
    expect(status!.result.statusresult).toMatchObject({ status: "1", message: "to delete" });
    expect(gone!.result.statusresult).toEqual({ status: "-3" });
    expect(sb.messages()).toEqual([]);
  });

  it("authenticates with apikey instead of login and password", async () => {
    const [balance, sent] = await php(wsdl, [
      { op: "get_balance", args: { login: "", psw: "", apikey: "demo-apikey" } },
      { op: "send_sms", args: { login: "", psw: "", apikey: "demo-apikey", phones: PHONE, mes: "by key" } },
    ]);
    expect(balance!.result.balanceresult).toEqual({ balance: "1000.00", error: "0" });
    expect(sent!.result.sendresult.id).toBe("1");
    expect(sb.latest()).toMatchObject({ login: "demo", text: "by key", origin: "soap" });
  });

  it("a lost reply is an HTTP fault to PHP, and the message is stored and billed all the same", async () => {
    const [lost, balance] = await php(wsdl, [
      { op: "send_sms", args: { ...DEMO, phones: "77000000099", mes: "reply lost" } },
      { op: "get_balance", args: DEMO },
    ]);
    expect(lost!.fault).toEqual({ code: "HTTP", string: "Error Fetching http headers" });
    expect(sb.latest()).toMatchObject({ phone: "77000000099", text: "reply lost", origin: "soap" });
    expect(balance!.result.balanceresult.balance).toBe("990.00");
  });
});
