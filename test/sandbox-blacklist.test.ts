// "A black-listed number never receives": phones.php add_black with types 0, 1 and 2, enforced by the one core for
// every adapter — send.php over HTTP, the SMTP listener (Python's smtplib and sendMail) and the SMPP listener
// (SmppClient and the npm smpp package). A blocked message ends in status 23, err 250, unpaid, and never in 1.
import { execFile } from "node:child_process";
import { createRequire } from "node:module";
import { promisify } from "node:util";
import { Smsc } from "smsc";
import { sendMail } from "smsc/mail";
import { decodeSendReply, type SendReply, STATUS } from "smsc/protocol";
import { SmppClient, type SmppReceipt } from "smsc/smpp";
import { type Sandbox, startSandbox } from "smsc-sandbox";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { callSys, DEMO } from "./sandbox-helpers.js";

const run = promisify(execFile);
const LISTED = "77011234567";
const FREE = "77017654321";
const BLOCKED = { status: 23, err: 250 };

let sb: Sandbox;
let smsc: Smsc;
const cleanups: Array<() => unknown> = [];
beforeEach(async () => {
  sb = await startSandbox({
    smtpPort: 0,
    smppPort: 0,
    rateLimits: false,
    delays: { sentMs: 0, deliveredMs: 0 },
  });
  smsc = new Smsc({ login: "demo", password: "demo", baseUrl: sb.url });
});
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
  await sb.close();
});

/** Every stored message to a number, with where it ended. */
const to = (phone: string) =>
  sb.messages({ phone }).map((m) => ({ status: m.status, err: m.err, cost: m.cost, text: m.text }));

/** The number has messages, and none of them was delivered: each ended blocked and unpaid. */
function neverReceived(phone: string, count: number) {
  const list = to(phone);
  expect(list).toHaveLength(count);
  for (const m of list) expect(m).toMatchObject({ ...BLOCKED, cost: 0 });
  expect(list.some((m) => m.status === STATUS.delivered)).toBe(false);
}

async function send(phones: string, mes: string, extra: Array<[string, string]> = []) {
  const r = await callSys(sb.url, "send", [
    ...DEMO,
    ["phones", phones],
    ["mes", mes],
    ["fmt", "3"],
    ["cost", "3"],
    ...extra,
  ]);
  return decodeSendReply(r.text, 3) as SendReply;
}

describe("type 0 blocks every message, through every adapter", () => {
  it("send.php: a listed number's message is accepted, ends in 23/250 and costs nothing; others are delivered", async () => {
    await smsc.blacklist.add(`+${LISTED}`);
    const one = await send(LISTED, "to the listed one");
    expect(one).toMatchObject({ cnt: 0, cost: 0, balance: 1000 });
    const both = await send(`${LISTED},${FREE}`, "to both", [["op", "1"]]);
    expect(both).toMatchObject({ cnt: 1, cost: 10 });
    expect(both.phones).toEqual([
      { phone: LISTED, mccmnc: expect.any(String), cost: 0, status: 23, error: 250 },
      { phone: FREE, mccmnc: expect.any(String), cost: 10 },
    ]);
    const errors = await send(`${LISTED},${FREE}`, "err=1", [["err", "1"]]);
    expect(errors.phones).toEqual([
      { phone: LISTED, mccmnc: expect.any(String), cost: 0, status: 23, error: 250 },
    ]);
    neverReceived(LISTED, 3);
    expect(to(FREE).map((m) => m.status)).toEqual([1, 1]);
    // status.php tells the sender what happened
    const st = await smsc.status({ id: one.id, phone: LISTED });
    expect(st).toMatchObject({ status: 23, err: 250 });
  });

  it("SMTP: letters from Python's smtplib and from sendMail are stored, and the listed number receives none", async () => {
    await smsc.blacklist.add(LISTED);
    const script = `
import smtplib, sys
from email.mime.text import MIMEText
msg = MIMEText(sys.argv[2], "plain", "utf-8")
with smtplib.SMTP("127.0.0.1", int(sys.argv[1])) as s:
    s.sendmail("me@example.com", ["send@send.smsc.kz"], msg.as_bytes())
`;
    await run("python3", ["-c", script, String(sb.smtpPort), `demo:demo:::,,:${LISTED},${FREE}:by smtplib`]);
    const r = await sendMail(
      { phones: LISTED, message: "by sendMail" },
      { login: "demo", password: "demo", relay: { host: "127.0.0.1", port: sb.smtpPort! } },
    );
    expect(r.response).toMatch(/^OK - 0 SMS, ID - /);
    neverReceived(LISTED, 2);
    expect(to(FREE)).toMatchObject([{ status: 1, text: "by smtplib" }]);
  });

  it("SMPP: SmppClient and the npm smpp client get their message ids, the listed number no delivery", async () => {
    await smsc.blacklist.add(LISTED);
    const c = new SmppClient({ host: "127.0.0.1", port: sb.smppPort!, systemId: "demo", password: "demo" });
    cleanups.push(() => c.close());
    const receipts = new Map<string, SmppReceipt>();
    c.on("receipt", (r) => receipts.set(r.id, r));
    await c.connect();
    const res = await c.submit({ to: `+${LISTED}`, text: "by SmppClient" });
    await until(() => receipts.has(res.messageId));
    expect(receipts.get(res.messageId)).toMatchObject({ status: 23, err: 250 });
    expect(receipts.get(res.messageId)!.stat).not.toBe("DELIVRD");

    const smpp = createRequire(import.meta.url)("smpp") as {
      connect(o: { host: string; port: number }): ForeignSession;
    };
    const s = smpp.connect({ host: "127.0.0.1", port: sb.smppPort! });
    cleanups.push(() => s.destroy());
    s.on("error", () => {});
    s.on("deliver_sm", (pdu) => s.send(pdu.response()));
    const call = (fn: (cb: (p: ForeignPdu) => void) => void) =>
      new Promise<ForeignPdu>((resolve) => fn(resolve));
    expect(
      (await call((cb) => s.bind_transceiver({ system_id: "demo", password: "demo" }, cb))).command_status,
    ).toBe(0);
    const submitted = await call((cb) =>
      s.submit_sm({ destination_addr: LISTED, short_message: "by npm smpp", registered_delivery: 1 }, cb),
    );
    expect(submitted.command_status).toBe(0);
    expect(submitted.message_id).toBeTruthy();
    neverReceived(LISTED, 2);
  });
});

describe("types 1 and 2", () => {
  it("type 1 blocks mass mailings (several numbers, or a group) and lets single messages through", async () => {
    await smsc.blacklist.add(LISTED, { type: 1 });
    await send(LISTED, "single");
    await send(`${LISTED},${FREE}`, "mailing");
    const g = await smsc.groups.add({ name: "one", num: 3 });
    await smsc.contacts.add({ phones: LISTED, groups: g });
    await send("G3", "a group of one is a mailing too");
    expect(to(LISTED).map((m) => [m.text, m.status])).toEqual([
      ["a group of one is a mailing too", 23],
      ["mailing", 23],
      ["single", 1],
    ]);
  });

  it("type 2 blocks single messages and lets mailings through", async () => {
    await smsc.blacklist.add(LISTED, { type: 2, comment: "no transactional" });
    await send(LISTED, "single");
    await send(`${LISTED},${FREE}`, "mailing");
    expect(to(LISTED).map((m) => [m.text, m.status])).toEqual([
      ["mailing", 1],
      ["single", 23],
    ]);
  });

  it("adding a listed number again changes its type; del_black lets it receive again; HLR requests pass", async () => {
    await smsc.blacklist.add(LISTED, { type: 2 });
    await smsc.blacklist.add(LISTED, { type: 0 });
    await send(`${LISTED},${FREE}`, "mailing");
    await send(LISTED, "hlr", [["hlr", "1"]]);
    await smsc.blacklist.remove(LISTED);
    await send(LISTED, "after removal");
    expect(to(LISTED).map((m) => [m.text, m.status])).toEqual([
      ["after removal", 1],
      ["", 1],
      ["mailing", 23],
    ]);
  });

  it("is the account's own: another account's sends to the number are delivered", async () => {
    await sb.close();
    sb = await startSandbox({
      rateLimits: false,
      delays: { sentMs: 0, deliveredMs: 0 },
      accounts: [{ login: "other", password: "pw" }],
    });
    await new Smsc({ login: "demo", password: "demo", baseUrl: sb.url }).blacklist.add(LISTED);
    await new Smsc({ login: "other", password: "pw", baseUrl: sb.url }).send({
      phones: LISTED,
      message: "hi",
    });
    expect(to(LISTED)).toMatchObject([{ status: 1 }]);
  });
});

async function until(check: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 10));
  }
}

// smpp@0.5.1 ships no types; this is the part of its surface the test uses.
interface ForeignPdu {
  command_status: number;
  message_id?: string;
  response(params?: Record<string, unknown>): ForeignPdu;
}
interface ForeignSession {
  bind_transceiver(params: Record<string, unknown>, cb: (pdu: ForeignPdu) => void): void;
  submit_sm(params: Record<string, unknown>, cb: (pdu: ForeignPdu) => void): void;
  send(pdu: ForeignPdu): void;
  on(event: "deliver_sm", fn: (pdu: ForeignPdu) => void): void;
  on(event: "error", fn: (err?: Error) => void): void;
  destroy(): void;
}
