// get.php?get_stat=1 and get_price=1 against a real sandbox: statistics computed from its own sends, the price
// table (default and configured, through the option and the bin's --prices FILE.json) that also prices every send,
// the four shapes, errors and limits, and the SDK's billing resource.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { RateLimitError, Smsc, type TariffZone } from "smsc";
import { decodeStats, decodeTariffs } from "smsc/protocol";
import { type Sandbox, startSandbox } from "smsc-sandbox";
import { afterEach, describe, expect, it } from "vitest";
import { runBin, sys } from "./reports-helpers.js";

const DAY = 86_400_000;
const START = Date.UTC(2026, 10, 24, 9, 0, 0);
let now = START;
const open: Sandbox[] = [];
const cleanups: Array<() => void> = [];
afterEach(async () => {
  for (const s of open.splice(0)) await s.close();
  for (const c of cleanups.splice(0)) c();
});

async function sandbox(options: Parameters<typeof startSandbox>[0] = {}): Promise<Sandbox> {
  now = START;
  const sb = await startSandbox({ port: 0, clock: () => now, rateLimits: false, ...options });
  open.push(sb);
  return sb;
}

const smscOf = (sb: Sandbox) => new Smsc({ login: "demo", password: "demo", baseUrl: sb.url });

/** A priced table: Kazakhstan and Russia with prices of their own, the rest at the defaults. */
const TABLE = {
  zones: [
    { name: "Казахстан", prefixes: ["76", "77"], api: 12, mms: 30, hlr: 4, call: 20, viber: 6 },
    { zone: 7, name: "Россия", prefixes: ["79"], api: 4.5, mass: 4 },
  ],
};

describe("get.php?get_stat=1", () => {
  it("counts the parts and money of the account's sends, in the four formats", async () => {
    const sb = await sandbox({ accounts: [{ login: "shop", password: "shop-pw" }] });
    const smsc = smscOf(sb);
    await smsc.send({ phones: "77011234567,77017654321", message: "two recipients" });
    await smsc.send({ phones: "77011234567", message: "x".repeat(200) }); // two parts
    await smsc.send({ phones: "77011234567", format: "hlr" });
    await new Smsc({ login: "shop", password: "shop-pw", baseUrl: sb.url }).send({
      phones: "77011234567",
      message: "other account",
    });
    const balance = await smsc.balance();
    expect(await smsc.billing.stats()).toEqual({
      login: "demo",
      sms: 5,
      credit: 45,
      debit: 0,
      currency: "KZT",
    });
    expect(1000 - balance.balance).toBe(45);
    const get = (fmt: string, more: Array<[string, string]> = []) =>
      sys(sb.url, "get", [["get_stat", "1"], ["fmt", fmt], ...more]);
    expect(await get("0")).toBe("login = demo, sms = 5, credit = 45.00, debit = 0.00, currency = KZT");
    expect(await get("1")).toBe("demo,5,45.00,0.00,KZT");
    expect(await get("2")).toBe(
      "<result>\n<login>demo</login>\n<sms>5</sms>\n<credit>45</credit>\n<debit>0</debit>\n<currency>KZT</currency>\n</result>",
    );
    expect(await get("3")).toBe('{"login":"demo","sms":5,"credit":"45","debit":"0","currency":"KZT"}');
    for (const fmt of [0, 1, 2, 3] as const)
      expect(decodeStats(await get(String(fmt), [["mycur", "1"]]), fmt)).toMatchObject({
        sms: 5,
        credit: 45,
      });
  });

  it("narrows to the days asked, counts deleted messages (they were paid for) and refuses bad dates", async () => {
    const sb = await sandbox();
    const smsc = smscOf(sb);
    const first = await smsc.send({ phones: "77011234567", message: "day one" });
    now += 2 * DAY;
    await smsc.send({ phones: "77011234567", message: "day three" });
    await smsc.delete({ id: first.id, phone: "77011234567" });
    expect((await smsc.billing.stats({ from: "24.11.2026", to: "24.11.2026" })).sms).toBe(1);
    expect((await smsc.billing.stats({ from: new Date(START + DAY) })).sms).toBe(1);
    expect((await smsc.billing.stats({ to: "25.11.2026" })).credit).toBe(10);
    expect((await smsc.billing.stats()).credit).toBe(20);
    expect((await smsc.billing.stats({ from: "01.12.2026" })).sms).toBe(0);
    const e1 = '{"error":"parameters error","error_code":1}';
    expect(
      await sys(sb.url, "get", [
        ["get_stat", "1"],
        ["fmt", "3"],
        ["start", "24/11/2026"],
      ]),
    ).toBe(e1);
    expect(
      await sys(sb.url, "get", [
        ["get_stat", "1"],
        ["fmt", "3"],
        ["start", "25.11.2026"],
        ["end", "24.11.2026"],
      ]),
    ).toBe(e1);
    await expect(smsc.billing.stats({ from: "24-11-2026" })).rejects.toThrow(/stats\.from/);
  });
});

describe("get.php?get_price=1 and the price table", () => {
  it("lists the default zones at the prices sends have always had, in the four formats", async () => {
    const sb = await sandbox();
    const zones = await smscOf(sb).billing.tariffs();
    expect(zones.map((z) => z.name)).toEqual([
      "Казахстан",
      "Россия",
      "Узбекистан",
      "Киргизия",
      "Таджикистан",
      "Беларусь",
      "Украина",
      "Прочие направления",
    ]);
    for (const z of zones)
      expect(z).toMatchObject({ api: 10, mass: 10, mms: 10, hlr: 5, call: 10, viber: 10 });
    const get = (fmt: string) =>
      sys(sb.url, "get", [
        ["get_price", "1"],
        ["fmt", fmt],
      ]);
    expect((await get("0")).split("\n")[0]).toBe(
      "zone = 1, name = Казахстан, api = 10.00, mass = 10.00, mms = 10.00, hlr = 5.00, call = 10.00, viber = 10.00",
    );
    expect((await get("1")).split("\n")[1]).toBe("2,Россия,10.00,10.00,10.00,5.00,10.00,10.00");
    expect(await get("2")).toMatch(
      /^<result>\n<tariff>\n<zone>1<\/zone>\n<name>Казахстан<\/name>\n<api>10<\/api>/,
    );
    expect(JSON.parse(await get("3"))[7]).toEqual({
      zone: 8,
      name: "Прочие направления",
      api: "10",
      mass: "10",
      mms: "10",
      hlr: "5",
      call: "10",
      viber: "10",
    });
    for (const fmt of [0, 1, 2, 3] as const)
      expect(decodeTariffs(await get(String(fmt)), fmt)).toEqual(zones);
  });

  it("prices every send by its recipient's zone, so sends, cost, statistics and get_price agree", async () => {
    const sb = await sandbox({ prices: TABLE });
    const smsc = smscOf(sb);
    const zones = await smsc.billing.tariffs();
    expect(zones).toEqual([
      { zone: 1, name: "Казахстан", api: 12, mass: 10, mms: 30, hlr: 4, call: 20, viber: 6 },
      { zone: 7, name: "Россия", api: 4.5, mass: 4, mms: 10, hlr: 5, call: 10, viber: 10 },
      { zone: 8, name: "Прочие направления", api: 10, mass: 10, mms: 10, hlr: 5, call: 10, viber: 10 },
    ] satisfies TariffZone[]);
    expect((await smsc.cost({ phones: "77011234567,79161234567", message: "hi" })).cost).toBe(16.5);
    const costs = [
      (await smsc.send({ phones: "77011234567,79161234567,998901234567", message: "hi" })).cost, // 12 + 4.5 + 10
      (await smsc.send({ phones: "77011234567", format: "mms", subject: "s", message: "m" })).cost, // 30
      (await smsc.send({ phones: "77011234567,79161234567", format: "hlr" })).cost, // 4 + 5
      (await smsc.send({ phones: "77011234567", format: "call", message: "hello" })).cost, // 20
      (await smsc.send({ phones: "77011234567", format: "viber", message: "hello" })).cost, // 6
    ];
    expect(costs).toEqual([26.5, 30, 9, 20, 6]);
    const stats = await smsc.billing.stats();
    expect(stats.credit).toBe(91.5);
    expect((await smsc.balance()).balance).toBe(1000 - 91.5);
    const history = await smsc.history.page({ phones: "79161234567" });
    expect(history.map((m) => m.cost)).toEqual([5, 4.5]);
  });

  it("refuses a price table it cannot use, naming the bad entry", async () => {
    await expect(startSandbox({ port: 0, prices: { zones: [{ name: "", prefixes: [] }] } })).rejects.toThrow(
      /zones\[0\]\.name/,
    );
    await expect(
      startSandbox({ port: 0, prices: { zones: [{ name: "x", prefixes: ["7a"] }] } as never }),
    ).rejects.toThrow(/prefixes/);
    await expect(startSandbox({ port: 0, prices: { hlr: -1 } })).rejects.toThrow(/hlr/);
  });

  it("answers the fourth identical tariff request of a minute with error 9", async () => {
    const sb = await sandbox({ rateLimits: true });
    const smsc = smscOf(sb);
    for (let i = 0; i < 3; i++) await smsc.billing.tariffs();
    await expect(smsc.billing.tariffs()).rejects.toBeInstanceOf(RateLimitError);
    expect(
      await sys(sb.url, "get", [
        ["get_price", "1"],
        ["fmt", "1"],
      ]),
    ).toBe("0,-9");
    now += 61_000;
    expect(await smsc.billing.tariffs()).toHaveLength(8);
  });

  it("reads the table from the bin's --prices FILE.json, and says what is wrong with a bad one", async () => {
    const dir = mkdtempSync(join(tmpdir(), "prices-"));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const file = join(dir, "prices.json");
    writeFileSync(file, JSON.stringify({ hlr: 3, ...TABLE }));
    const bin = runBin(["--port", "0", "--prices", file, "--no-rate-limits"]);
    cleanups.push(() => bin.child.kill("SIGKILL"));
    const url = await bin.url;
    const zones = JSON.parse(
      await sys(url, "get", [
        ["get_price", "1"],
        ["fmt", "3"],
      ]),
    );
    expect(zones.map((z: { name: string; api: string; hlr: string }) => [z.name, z.api, z.hlr])).toEqual([
      ["Казахстан", "12", "4"],
      ["Россия", "4.5", "3"],
      ["Прочие направления", "10", "3"],
    ]);
    expect(
      JSON.parse(
        await sys(url, "send", [
          ["phones", "79161234567"],
          ["mes", "hi"],
          ["cost", "1"],
          ["fmt", "3"],
        ]),
      ),
    ).toMatchObject({
      cost: "4.5",
    });
    bin.child.kill("SIGTERM");
    expect((await bin.exit).code).toBe(0);

    writeFileSync(file, JSON.stringify({ zones: [{ name: "x", prefixes: "77" }] }));
    const bad = runBin(["--port", "0", "--prices", file]);
    cleanups.push(() => bad.child.kill("SIGKILL"));
    const exit = await bad.exit;
    expect(exit.code).toBe(2);
    expect(exit.stderr).toContain("zones[0].prefixes must be an array of digit strings");
    const missing = await runBin(["--port", "0", "--prices", join(dir, "nope.json")]).exit;
    expect(missing).toMatchObject({ code: 2 });
    expect(missing.stderr).toContain("--prices: cannot read");
  });
});
