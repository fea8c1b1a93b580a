// get.php?get_messages=1 (sent-message history) against a real sandbox: the four shapes, the filters, paging with
// prev_id, the errors and limits, a restart on the same database, and the SDK's iterator over 2,500 messages.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type HistoryRecord, ParametersError, RateLimitError, Smsc } from "smsc";
import { decodeHistory, formatWireDate } from "smsc/protocol";
import { type Sandbox, startSandbox } from "smsc-sandbox";
import { afterEach, describe, expect, it } from "vitest";
import { kcell, sys } from "./reports-helpers.js";

const DAY = 86_400_000;
const START = Date.UTC(2026, 10, 24, 9, 0, 0); // 24.11.2026 12:00 Moscow
let now = START;
const open: Sandbox[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const s of open.splice(0)) await s.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function sandbox(options: Parameters<typeof startSandbox>[0] = {}): Promise<Sandbox> {
  now = START;
  const sb = await startSandbox({ port: 0, clock: () => now, rateLimits: false, ...options });
  open.push(sb);
  return sb;
}

const client = (sb: Sandbox, extra: ConstructorParameters<typeof Smsc>[0] = {}) =>
  new Smsc({ login: "demo", password: "demo", baseUrl: sb.url, ...extra });

async function send(sb: Sandbox, phones: string, mes: string, more: Array<[string, string]> = []) {
  const r = await sys(sb.url, "send", [["phones", phones], ["mes", mes], ["fmt", "3"], ...more]);
  expect(JSON.parse(r)).toHaveProperty("id");
  return JSON.parse(r) as { id: number };
}

describe("get.php?get_messages=1 on the wire", () => {
  it("answers the account's messages newest first in the four formats, with the documented fields", async () => {
    const sb = await sandbox({ accounts: [{ login: "shop", password: "shop-pw" }] });
    const first = await send(sb, "77011234567", "Hello, world");
    now += 60_000;
    await send(sb, "79161234567", "Второе");
    await sys(
      sb.url,
      "send",
      [
        ["phones", "77017654321"],
        ["mes", "other account"],
      ],
      ["shop", "shop-pw"],
    );
    now += 10_000; // both delivered by now (500 + 1500 ms)
    const json = JSON.parse(
      await sys(sb.url, "get", [
        ["get_messages", "1"],
        ["fmt", "3"],
      ]),
    );
    expect(json).toHaveLength(2);
    const sentAt = formatWireDate((START + 60_000) / 1000);
    expect(json[0]).toEqual({
      status: 1,
      last_date: formatWireDate((START + 62_000) / 1000),
      last_timestamp: (START + 62_000) / 1000,
      err: 0,
      send_date: sentAt,
      send_timestamp: (START + 60_000) / 1000,
      phone: "79161234567",
      cost: "10",
      sender_id: "SMSC.KZ",
      status_name: "Доставлено",
      message: "Второе",
      type: 0,
      country: "Россия",
      operator: "МТС",
      region: "Москва",
      id: first.id + 1,
      int_id: 2,
      sms_cnt: 1,
      format: 0,
      crc: expect.stringMatching(/^\d+$/),
      mccmnc: "25001",
    });
    expect(json[1]).toMatchObject({
      phone: "77011234567",
      message: "Hello, world",
      int_id: 1,
      operator: "Kcell",
    });

    const text = (await sys(sb.url, "get", [["get_messages", "1"]])).split("\n");
    expect(text).toHaveLength(2);
    expect(text[1]).toMatch(
      /^status = 1, last_date = .*, message = Hello, world, type = 0, country = Казахстан, /,
    );
    const csv = (
      await sys(sb.url, "get", [
        ["get_messages", "1"],
        ["fmt", "1"],
      ])
    ).split("\n");
    expect(csv[1]!.split(",").slice(0, 2)).toEqual(["1", formatWireDate((START + 2_000) / 1000)]);
    expect(csv[1]).toContain(",77011234567,10.00,SMSC.KZ,Доставлено,Hello, world,0,Казахстан,Kcell,Алматы,");
    const xml = await sys(sb.url, "get", [
      ["get_messages", "1"],
      ["fmt", "2"],
    ]);
    expect(xml.startsWith("<result>\n<sms>\n<status>1</status>\n")).toBe(true);
    expect(xml.match(/<sms>/g)).toHaveLength(2);
    for (const fmt of [0, 1, 2, 3] as const) {
      const decoded = decodeHistory(
        await sys(sb.url, "get", [
          ["get_messages", "1"],
          ["fmt", String(fmt)],
        ]),
        fmt,
      );
      expect((decoded as HistoryRecord[]).map((r) => [r.intId, r.phone, r.message, r.cost])).toEqual([
        [2, "79161234567", "Второе", 10],
        [1, "77011234567", "Hello, world", 10],
      ]);
    }
  });

  it("narrows by phone, period, format and prev_id, and clamps cnt to 1–1000", async () => {
    const sb = await sandbox();
    await send(sb, "77011234567,77017654321", "day one");
    now += 2 * DAY;
    await send(sb, "77011234567", "day three");
    await send(sb, "someone@example.com", "by mail", [
      ["mail", "1"],
      ["subj", "s"],
    ]);
    const ids = async (fields: Array<[string, string]>) =>
      (
        JSON.parse(await sys(sb.url, "get", [["get_messages", "1"], ["fmt", "3"], ...fields])) as Array<{
          int_id: number;
          message: string;
        }>
      ).map((r) => `${r.int_id}:${r.message}`);
    expect(await ids([])).toEqual(["3:day three", "2:day one", "1:day one"]);
    expect(await ids([["phone", "+7 701 765-43-21"]])).toEqual(["2:day one"]);
    expect(await ids([["phone", "77011234567,77017654321"]])).toEqual([
      "3:day three",
      "2:day one",
      "1:day one",
    ]);
    expect(await ids([["start", "26.11.2026"]])).toEqual(["3:day three"]);
    expect(
      await ids([
        ["start", "24.11.2026"],
        ["end", "24.11.2026"],
      ]),
    ).toEqual(["2:day one", "1:day one"]);
    expect(await ids([["prev_id", "3"]])).toEqual(["2:day one", "1:day one"]);
    expect(
      await ids([
        ["cnt", "1"],
        ["prev_id", "3"],
      ]),
    ).toEqual(["2:day one"]);
    expect(await ids([["cnt", "0"]])).toEqual(["3:day three"]);
    expect(await ids([["format", "8"]])).toEqual(["4:by mail"]);
    expect(await ids([["email", "someone@example.com"]])).toEqual(["4:by mail"]);
    // deleted messages are gone from the history as from status.php
    await sys(sb.url, "status", [
      ["phone", "77011234567"],
      ["id", String(sb.latest("77011234567")!.messageId)],
      ["del", "1"],
    ]);
    expect(await ids([])).toEqual(["2:day one", "1:day one"]);
  });

  it("is error 3 when nothing matches and error 1 for bad dates, numbers and periods over six months", async () => {
    const sb = await sandbox();
    const get = (fields: Array<[string, string]>, fmt = "3") =>
      sys(sb.url, "get", [["get_messages", "1"], ["fmt", fmt], ...fields]);
    expect(await get([])).toBe('{"error":"messages not found","error_code":3}');
    expect(await get([], "0")).toBe("ERROR = 3 (messages not found)");
    expect(await get([], "1")).toBe("0,-3");
    expect(await get([], "2")).toBe(
      "<result>\n<error>messages not found</error>\n<error_code>3</error_code>\n</result>",
    );
    await send(sb, "77011234567", "x");
    const e1 = '{"error":"parameters error","error_code":1}';
    expect(await get([["start", "2026-11-24"]])).toBe(e1);
    expect(await get([["start", "31.02.2026"]])).toBe(e1);
    expect(
      await get([
        ["start", "25.11.2026"],
        ["end", "24.11.2026"],
      ]),
    ).toBe(e1);
    expect(
      await get([
        ["start", "01.01.2026"],
        ["end", "02.07.2026"],
      ]),
    ).toBe(e1);
    expect(await get([["start", "01.05.2026"]])).toBe(e1); // to today, more than six months
    expect(await get([["cnt", "ten"]])).toBe(e1);
    expect(await get([["prev_id", "-1"]])).toBe(e1);
    expect(await get([["format", "12"]])).toBe(e1);
    expect(
      JSON.parse(
        await get([
          ["start", "01.01.2026"],
          ["end", "01.07.2026"],
        ]),
      ),
    ).toEqual({
      error: "messages not found",
      error_code: 3,
    });
    expect(JSON.parse(await get([["start", "24.05.2026"]]))).toHaveLength(1);
  });

  it("answers the fourth identical request of a minute with error 9; another prev_id is another request", async () => {
    const sb = await sandbox({ rateLimits: true });
    await send(sb, "77011234567,77017654321", "x");
    const get = (fields: Array<[string, string]>) =>
      sys(sb.url, "get", [["get_messages", "1"], ["fmt", "1"], ...fields]);
    for (let i = 0; i < 3; i++) expect(await get([])).not.toBe("0,-9");
    expect(await get([])).toBe("0,-9");
    expect(await get([["prev_id", "2"]])).not.toBe("0,-9");
    now += 61_000;
    expect(await get([])).not.toBe("0,-9");
  });

  it("keeps the history across a restart on the same database", async () => {
    const dir = mkdtempSync(join(tmpdir(), "history-"));
    dirs.push(dir);
    const db = join(dir, "sandbox.db");
    const first = await sandbox({ db });
    await send(first, "77011234567", "before the restart");
    await first.close();
    open.splice(open.indexOf(first), 1);
    const second = await sandbox({ db });
    const [m] = await client(second).history.page();
    expect(m).toMatchObject({ intId: 1, message: "before the restart", phone: "77011234567" });
  });
});

describe("smsc.history", () => {
  it("iterates 2,500 messages across pages with prev_id: no gap, no repeat, newest first", async () => {
    const sb = await sandbox({ pricePerPart: 0.01 });
    const expected: string[] = [];
    for (let s = 0; s < 5; s++) {
      const phones = Array.from({ length: 500 }, (_, i) => kcell(s * 500 + i));
      const body = new URLSearchParams({
        login: "demo",
        psw: "demo",
        phones: phones.join(","),
        mes: `batch ${s}`,
        fmt: "3",
        charset: "utf-8",
      });
      const r = await fetch(`${sb.url}/sys/send.php`, { method: "POST", body });
      expect(JSON.parse(await r.text())).toMatchObject({ cnt: 500 });
      expected.push(...phones.map((p) => `${p}:batch ${s}`));
      now += 1000;
    }
    const asked: string[] = [];
    const counting: typeof fetch = async (url, init) => {
      asked.push(String(init?.body ?? ""));
      return fetch(url, init);
    };
    const seen: HistoryRecord[] = [];
    for await (const m of client(sb, { fetch: counting }).history({ from: new Date(START) })) seen.push(m);
    expect(seen).toHaveLength(2500);
    expect(new Set(seen.map((m) => m.intId)).size).toBe(2500);
    for (let i = 1; i < seen.length; i++) expect(seen[i]!.intId).toBe(seen[i - 1]!.intId - 1);
    expect(seen.map((m) => `${m.phone}:${m.message}`).sort()).toEqual(expected.sort());
    // three full pages and the empty one (error 3) that ends the walk; each page starts before the last one's end
    expect(asked).toHaveLength(4);
    const prevIds = asked.map((b) => new URLSearchParams(b).get("prev_id"));
    expect(prevIds).toEqual([
      null,
      String(seen[999]!.intId),
      String(seen[1999]!.intId),
      String(seen[2499]!.intId),
    ]);
    expect(asked.every((b) => new URLSearchParams(b).get("cnt") === "1000")).toBe(true);
  });

  it("reads one page; an empty one is [], not an error; bad arguments and bad periods throw", async () => {
    const sb = await sandbox();
    const smsc = client(sb);
    expect(await smsc.history.page()).toEqual([]);
    await send(sb, "77011234567,77017654321,77017654322", "three");
    expect((await smsc.history.page({ pageSize: 2 })).map((m) => m.intId)).toEqual([3, 2]);
    expect((await smsc.history.page({ before: 2, phones: ["77011234567"] })).map((m) => m.intId)).toEqual([
      1,
    ]);
    expect((await smsc.history.page({ from: "24.11.2026", to: new Date(START) })).length).toBe(3);
    await expect(smsc.history.page({ from: "2026-11-24" })).rejects.toThrow(/history\.from/);
    await expect(smsc.history.page({ pageSize: 1001 })).rejects.toThrow(/history\.pageSize/);
    await expect(smsc.history.page({ from: "01.01.2026", to: "01.08.2026" })).rejects.toBeInstanceOf(
      ParametersError,
    );
  });

  it("surfaces error 9 as RateLimitError", async () => {
    const sb = await sandbox({ rateLimits: true });
    await send(sb, "77011234567", "x");
    const smsc = client(sb);
    for (let i = 0; i < 3; i++) await smsc.history.page();
    await expect(smsc.history.page()).rejects.toBeInstanceOf(RateLimitError);
  });
});
