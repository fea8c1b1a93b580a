// Incoming SMS: injected through the inspection API, read back through get.php?get_answers=1 in every format.

import { formatWireDate } from "smsc/protocol";
import { type IncomingMessage, type Sandbox, startSandbox } from "smsc-sandbox";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { api } from "./api-helpers.js";

let now = Date.UTC(2026, 10, 24, 12, 0, 0);
let sb: Sandbox;
beforeEach(async () => {
  now = Date.UTC(2026, 10, 24, 12, 0, 0);
  sb = await startSandbox({
    port: 0,
    clock: () => now,
    rateLimits: false,
    accounts: [{ login: "shop", password: "shop-pw" }],
  });
});
afterEach(async () => {
  await sb.close();
});

const get = (fields: Array<[string, string]>) =>
  fetch(
    `${sb.url}/sys/get.php?${new URLSearchParams([["login", "demo"], ["psw", "demo"], ["get_answers", "1"], ...fields])}`,
  ).then((r) => r.text());

describe("POST /api/v1/incoming", () => {
  it("stores an incoming SMS, emits the core's 'incoming' event and lists it", async () => {
    const seen: IncomingMessage[] = [];
    sb.core.events.on("incoming", (m) => seen.push(m));
    const r = await api(sb.url, "POST", "/incoming", {
      phone: "+7 701 123-45-67",
      to: "+77001112233",
      text: "STOP",
    });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({
      id: 1,
      login: "demo",
      phone: "77011234567",
      to: "77001112233",
      text: "STOP",
      receivedAt: new Date(now).toISOString(),
    });
    expect(seen).toEqual([
      {
        id: 1,
        accountId: expect.any(Number),
        login: "demo",
        phone: "77011234567",
        to: "77001112233",
        text: "STOP",
        receivedAt: now,
      },
    ]);
    expect((await api(sb.url, "GET", "/incoming?phone=77011234567")).body.incoming).toHaveLength(1);
    expect((await api(sb.url, "GET", "/incoming?login=shop")).body.incoming).toEqual([]);
  });

  it("refuses a bad number, a missing text and an unknown login", async () => {
    expect((await api(sb.url, "POST", "/incoming", { phone: "12", text: "x" })).status).toBe(400);
    expect((await api(sb.url, "POST", "/incoming", { phone: "77011234567" })).status).toBe(400);
    expect(
      (await api(sb.url, "POST", "/incoming", { phone: "77011234567", text: "x", login: "ghost" })).status,
    ).toBe(404);
  });
});

describe("get.php?get_answers=1", () => {
  beforeEach(async () => {
    await api(sb.url, "POST", "/incoming", { phone: "77011234567", to: "77001112233", text: "Yes, please" });
    now += 3 * 3_600_000;
    await api(sb.url, "POST", "/incoming", {
      phone: "77017654321",
      to: "77009998877",
      text: '<No> & "thanks"',
    });
    await api(sb.url, "POST", "/incoming", { phone: "77017654321", text: "other account", login: "shop" });
  });

  it("answers the account's incoming SMS in the four formats, oldest first", async () => {
    const d1 = formatWireDate((now - 3 * 3_600_000) / 1000);
    const d2 = formatWireDate(now / 1000);
    expect(JSON.parse(await get([["fmt", "3"]]))).toEqual([
      {
        id: 1,
        received: d1,
        sent: d1,
        phone: "77011234567",
        to_phone: "77001112233",
        message: "Yes, please",
      },
      {
        id: 2,
        received: d2,
        sent: d2,
        phone: "77017654321",
        to_phone: "77009998877",
        message: '<No> & "thanks"',
      },
    ]);
    // the field order a real fmt=1 poller reads: id, received, phone, to_phone, sent, message (docs/protocol.md
    // "Inbox"); it was id, received, sent, phone, to_phone, message before that client was checked
    expect(await get([["fmt", "1"]])).toBe(
      `1,${d1},77011234567,77001112233,${d1},Yes, please\n2,${d2},77017654321,77009998877,${d2},<No> & "thanks"`,
    );
    expect((await get([])).split("\n")[0]).toBe(
      `id = 1, received = ${d1}, phone = 77011234567, to_phone = 77001112233, sent = ${d1}, message = Yes, please`,
    );
    expect(Object.keys(JSON.parse(await get([["fmt", "3"]]))[0])).toEqual([
      "id",
      "received",
      "phone",
      "to_phone",
      "sent",
      "message",
    ]);
    const xml = await get([["fmt", "2"]]);
    expect(xml.startsWith("<result>\n<sms>\n<id>1</id>")).toBe(true);
    expect(xml).toContain("<message>&lt;No&gt; &amp; &quot;thanks&quot;</message>");
  });

  it("narrows by after_id, hour, to_phone and cnt", async () => {
    const ids = async (fields: Array<[string, string]>) =>
      (JSON.parse(await get([...fields, ["fmt", "3"]])) as Array<{ id: number }>).map((r) => r.id);
    expect(await ids([["after_id", "1"]])).toEqual([2]);
    expect(await ids([["hour", "1"]])).toEqual([2]);
    expect(await ids([["to_phone", "+7 700 111 22 33"]])).toEqual([1]);
    expect(await ids([["cnt", "1"]])).toEqual([2]);
    expect(
      await ids([
        ["cnt", "1"],
        ["after_id", "0"],
      ]),
    ).toEqual([1]);
  });

  it("answers error 1 for malformed numbers and unknown get.php modes, error 2 without credentials", async () => {
    expect(
      await get([
        ["cnt", "many"],
        ["fmt", "3"],
      ]),
    ).toBe('{"error":"parameters error","error_code":1}');
    // get_messages, get_stat and get_price are served now (test/get-*.test.ts); an unknown mode is still error 1
    const other = await fetch(`${sb.url}/sys/get.php?login=demo&psw=demo&get_nothing=1&fmt=1`).then((r) =>
      r.text(),
    );
    expect(other).toBe("0,-1");
    const anon = await fetch(`${sb.url}/sys/get.php?get_answers=1&fmt=1`).then((r) => r.text());
    expect(anon).toBe("0,-2");
  });

  it("is error 3 in every format when there is nothing, never an empty body", async () => {
    await api(sb.url, "POST", "/reset");
    expect(await get([["fmt", "3"]])).toBe('{"error":"messages not found","error_code":3}');
    expect(await get([["fmt", "2"]])).toBe(
      "<result>\n<error>messages not found</error>\n<error_code>3</error_code>\n</result>",
    );
    expect(await get([["fmt", "1"]])).toBe("0,-3");
    expect(await get([])).toBe("ERROR = 3 (messages not found)");
  });
});
