// users.php (sub-clients: accounts of their own, pay, test mode, get_stat) and receive_phones.php (rented numbers:
// list, buy, renewal, incoming SMS routed to the owner) on the wire of a real sandbox, in every fmt, with their
// errors and limits and state kept across a restart.
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { decodeRentedNumbers, decodeSubclientStats, type Fmt } from "smsc/protocol";
import { type Sandbox, type SandboxOptions, startSandbox } from "smsc-sandbox";
import { afterEach, describe, expect, it } from "vitest";
import { callSys, DEMO } from "./sandbox-helpers.js";

const started: Sandbox[] = [];
const dirs: string[] = [];
let handler: Server | undefined;
afterEach(async () => {
  await Promise.all(started.splice(0).map((s) => s.close()));
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  if (handler) await new Promise((r) => handler!.close(r));
  handler = undefined;
});

async function start(options: SandboxOptions = {}): Promise<Sandbox> {
  const s = await startSandbox({ rateLimits: false, ...options });
  started.push(s);
  return s;
}

const FMTS: Fmt[] = [0, 1, 2, 3];
const T0 = Date.UTC(2026, 0, 16, 9, 0, 0); // 16.01.2026 12:00 Moscow
type Script = "users" | "receive_phones" | "send" | "balance" | "get";

const call = async (
  s: Sandbox,
  script: Script,
  fields: Array<[string, string]>,
  fmt: Fmt = 3,
  creds: Array<[string, string]> = DEMO,
) => (await callSys(s.url, script, [...creds, ["fmt", String(fmt)], ...fields], "urlencoded")).text;
const json = async (
  s: Sandbox,
  script: Script,
  fields: Array<[string, string]>,
  creds: Array<[string, string]> = DEMO,
) => JSON.parse(await call(s, script, fields, 3, creds)) as Record<string, unknown>;
const as = (login: string, psw: string): Array<[string, string]> => [
  ["login", login],
  ["psw", psw],
];
const addSub = (s: Sandbox, login: string, extra: Array<[string, string]> = []) =>
  json(s, "users", [["add", "1"], ["user", login], ["password", `${login}-pw`], ...extra]);

describe("users.php", () => {
  it("creates a sub-client that is an account of its own, pays it, and its send is paid from its own balance", async () => {
    const s = await start({ clock: () => T0 });
    expect(
      await addSub(s, "shop1", [
        ["email", "a@b.kz"],
        ["fio", "Shop One"],
      ]),
    ).toMatchObject({
      id: expect.any(Number),
    });
    // the sub-client logs in with its own password and starts with nothing
    expect(await json(s, "balance", [], as("shop1", "shop1-pw"))).toEqual({ balance: "0.00" });
    expect(
      await json(
        s,
        "send",
        [
          ["phones", "77011234567"],
          ["mes", "hi"],
        ],
        as("shop1", "shop1-pw"),
      ),
    ).toMatchObject({
      error_code: 3,
    });
    expect(
      await json(s, "users", [
        ["pay", "1"],
        ["user", "shop1"],
        ["sum", "100"],
      ]),
    ).toEqual({ balance: "100" });
    expect(await json(s, "balance", [])).toEqual({ balance: "900.00" });
    const sent = await json(
      s,
      "send",
      [
        ["phones", "77011234567"],
        ["mes", "paid by me"],
        ["cost", "3"],
      ],
      as("shop1", "shop1-pw"),
    );
    expect(sent).toMatchObject({ cost: "10", balance: "90" });
    expect(await json(s, "balance", [])).toEqual({ balance: "900.00" });
    // its messages are its own: the main account does not see them
    expect(s.messages({ login: "shop1" })).toHaveLength(1);
    expect(s.messages({ login: "demo" })).toHaveLength(0);
    // money goes back with a negative sum
    expect(
      await json(s, "users", [
        ["pay", "1"],
        ["user", "shop1"],
        ["sum", "-40"],
      ]),
    ).toEqual({ balance: "50" });
    expect(await json(s, "balance", [])).toEqual({ balance: "940.00" });
  });

  it("reports get_stat per sub-client in every fmt, for a period and for one login", async () => {
    const s = await start({ clock: () => T0 });
    await addSub(s, "a");
    await addSub(s, "b", [["type", "1"]]);
    await json(s, "users", [
      ["pay", "1"],
      ["user", "a"],
      ["sum", "50"],
    ]);
    await json(
      s,
      "send",
      [
        ["phones", "77011234567,77017654321"],
        ["mes", "x"],
      ],
      as("a", "a-pw"),
    );
    const lines = [
      { login: "a", type: 0, sms: 2, credit: 20, debit: 50, balance: 30, currency: "KZT" },
      { login: "b", type: 1, sms: 0, credit: 0, debit: 0, balance: 0, currency: "KZT" },
    ];
    for (const fmt of FMTS)
      expect(decodeSubclientStats(await call(s, "users", [["get_stat", "1"]], fmt), fmt)).toEqual(lines);
    expect(
      await call(
        s,
        "users",
        [
          ["get_stat", "1"],
          ["user", "a"],
        ],
        0,
      ),
    ).toBe("login = a, type = 0, sms = 2, credit = 20.00, debit = 50.00, balance = 30.00, currency = KZT");
    const later = decodeSubclientStats(
      await call(s, "users", [
        ["get_stat", "1"],
        ["start", "17.01.2026"],
      ]),
      3,
    ) as Array<{ sms: number }>;
    expect(later.map((l) => l.sms)).toEqual([0, 0]);
    const all = decodeSubclientStats(await call(s, "users", [["get_stat_all", "1"]]), 3) as Array<{
      login: string;
    }>;
    expect(all.map((l) => l.login)).toEqual(["demo", "a", "b"]);
    expect(s.store.subclients.accountStats(s.store.accountByLogin("a")!.id)).toEqual({
      sms: 2,
      credit: 20,
      debit: 50,
    });
  });

  it("changes a sub-client: password, login, type and test mode (virtual sends without payment)", async () => {
    const s = await start({ clock: () => T0 });
    await addSub(s, "t");
    await json(s, "users", [
      ["pay", "1"],
      ["user", "t"],
      ["sum", "20"],
    ]);
    await json(s, "users", [
      ["chg", "1"],
      ["user", "t"],
      ["fl2[27]", "1"],
      ["password", "new"],
      ["new_login", "t2"],
    ]);
    expect(await json(s, "balance", [], as("t", "t-pw"))).toMatchObject({ error_code: 2 });
    const sent = await json(
      s,
      "send",
      [
        ["phones", "77011234567"],
        ["mes", "virtual"],
        ["cost", "3"],
      ],
      as("t2", "new"),
    );
    expect(sent).toMatchObject({ cost: "0", balance: "20" });
    expect(s.latest()).toMatchObject({ text: "virtual", cost: 0 });
    await json(s, "users", [
      ["chg", "1"],
      ["user", "t2"],
      ["fl2[27]", "0"],
    ]);
    expect(
      await json(
        s,
        "send",
        [
          ["phones", "77011234567"],
          ["mes", "real"],
          ["cost", "3"],
        ],
        as("t2", "new"),
      ),
    ).toMatchObject({ cost: "10", balance: "10" });
  });

  it("lets sub-clients of types 2-4 spend the main balance, and refuses to pay them (7)", async () => {
    const s = await start({ clock: () => T0 });
    await addSub(s, "shared", [["type", "2"]]);
    expect(
      await json(s, "users", [
        ["pay", "1"],
        ["user", "shared"],
        ["sum", "10"],
      ]),
    ).toMatchObject({
      error_code: 7,
    });
    expect(
      await json(
        s,
        "send",
        [
          ["phones", "77011234567"],
          ["mes", "on main"],
          ["cost", "3"],
        ],
        as("shared", "shared-pw"),
      ),
    ).toMatchObject({ balance: "990" });
    expect(await json(s, "balance", [], as("shared", "shared-pw"))).toEqual({ balance: "990.00" });
    expect(await json(s, "balance", [])).toEqual({ balance: "990.00" });
  });

  it("answers its own errors: 1, 3, 6, 8, 9 and 10", async () => {
    let now = T0;
    const s = await start({ clock: () => now, rateLimits: true, accounts: [{ login: "x", password: "x" }] });
    const err = async (fields: Array<[string, string]>, creds = DEMO) =>
      ((await json(s, "users", fields, creds)) as { error_code?: number }).error_code;
    expect(await err([["get_stat", "1"]])).toBe(3);
    expect(
      await err([
        ["add", "1"],
        ["user", "no password"],
      ]),
    ).toBe(1);
    expect(
      await err([
        ["add", "1"],
        ["user", "bad login!"],
        ["password", "p"],
      ]),
    ).toBe(1);
    expect(
      await err([
        ["add", "1"],
        ["user", "u"],
        ["password", "p"],
        ["type", "9"],
      ]),
    ).toBe(1);
    expect(await err([["nothing", "1"]])).toBe(1);
    expect(
      await err([
        ["add", "1"],
        ["user", "x"],
        ["password", "p"],
      ]),
    ).toBe(8);
    expect(
      await err([
        ["pay", "1"],
        ["user", "x"],
        ["sum", "1"],
      ]),
    ).toBe(6);
    expect(
      await err([
        ["chg", "1"],
        ["user", "nobody"],
        ["password", "p"],
      ]),
    ).toBe(6);
    expect(
      await err([
        ["add", "1"],
        ["user", "u1"],
        ["password", "p"],
      ]),
    ).toBeUndefined();
    expect(
      await err([
        ["pay", "1"],
        ["user", "u1"],
        ["sum", "abc"],
      ]),
    ).toBe(1);
    expect(
      await err([
        ["pay", "1"],
        ["user", "u1"],
        ["sum", "5000"],
      ]),
    ).toBe(10);
    expect(
      await err([
        ["pay", "1"],
        ["user", "u1"],
        ["sum", "-1"],
      ]),
    ).toBe(10);
    expect(
      await err([
        ["get_stat", "1"],
        ["user", "nobody"],
      ]),
    ).toBe(6);
    expect(
      await err([
        ["add", "1"],
        ["user", "u2"],
        ["password", "p"],
      ]),
    ).toBeUndefined();
    // the third add within the minute failed (8) but counted; a fourth is over the limit
    expect(
      await err([
        ["add", "1"],
        ["user", "u3"],
        ["password", "p"],
      ]),
    ).toBe(9);
    now += 60_001;
    expect(
      await err([
        ["add", "1"],
        ["user", "u3"],
        ["password", "p"],
      ]),
    ).toBeUndefined();
    expect(
      await call(
        s,
        "users",
        [
          ["pay", "1"],
          ["user", "nobody"],
          ["sum", "1"],
        ],
        0,
      ),
    ).toBe("ERROR = 6 (subclient not found)");
  });

  it("keeps sub-clients, their balances and settings across a restart", async () => {
    const dir = mkdtempSync(join(tmpdir(), "users-restart-"));
    dirs.push(dir);
    const db = join(dir, "sandbox.db");
    const first = await start({ db, clock: () => T0 });
    await addSub(first, "kept", [
      ["fl2[27]", "1"],
      ["phone", "77011234567"],
    ]);
    await json(first, "users", [
      ["pay", "1"],
      ["user", "kept"],
      ["sum", "12.5"],
    ]);
    await first.close();
    started.splice(started.indexOf(first), 1);
    const second = await start({ db, clock: () => T0 });
    expect(await json(second, "balance", [], as("kept", "kept-pw"))).toEqual({ balance: "12.50" });
    expect(await json(second, "balance", [])).toEqual({ balance: "987.50" });
    expect(second.store.accountByLogin("kept")).toMatchObject({ testMode: true, parentId: 1 });
    expect(second.store.subclients.settings(second.store.accountByLogin("kept")!.id)).toEqual({
      phone: "77011234567",
    });
  });
});

describe("receive_phones.php", () => {
  it("lists the numbers, rents one for the rest of the month (debited) and sets its renewal, in every fmt", async () => {
    const s = await start({ clock: () => T0 });
    const free = decodeRentedNumbers(await call(s, "receive_phones", [["get", "1"]]), 3) as unknown[];
    expect(free).toHaveLength(10);
    expect(free[0]).toEqual({ phone: "77009000000", cost: 500, status: 0, till: "", noprolong: 0 });
    // 16 Jan 12:00 → 1 Feb 00:00 Moscow: 15.5 of 31 days
    expect(
      await json(s, "receive_phones", [
        ["buy", "1"],
        ["phone", "+7 700 900 00 01"],
      ]),
    ).toEqual({
      phone: "77009000001",
      cost: "250",
      status: 1,
      till: "31.01.2026 23:59:59",
      noprolong: 0,
      balance: "750",
    });
    expect(await json(s, "balance", [])).toEqual({ balance: "750.00" });
    expect(
      await json(s, "receive_phones", [
        ["chg", "1"],
        ["phone", "77009000001"],
        ["noprolong", "1"],
      ]),
    ).toEqual({ phone: "77009000001", till: "31.01.2026 23:59:59", noprolong: 1 });
    const mine = { phone: "77009000001", cost: 500, status: 1, till: "31.01.2026 23:59:59", noprolong: 1 };
    for (const fmt of FMTS)
      expect(
        (decodeRentedNumbers(await call(s, "receive_phones", [["get", "1"]], fmt), fmt) as unknown[])[1],
      ).toEqual(mine);
  });

  it("renews a number at the month's end unless noprolong, releases it otherwise, and hides others' numbers", async () => {
    let now = T0;
    const s = await start({ clock: () => now, accounts: [{ login: "other", password: "o" }] });
    await json(s, "receive_phones", [
      ["buy", "1"],
      ["phone", "77009000001"],
    ]);
    await json(s, "receive_phones", [
      ["buy", "1"],
      ["phone", "77009000002"],
      ["noprolong", "1"],
    ]);
    const others = decodeRentedNumbers(
      await call(s, "receive_phones", [["get", "1"]], 3, as("other", "o")),
      3,
    );
    expect((others as Array<{ phone: string }>).map((n) => n.phone)).not.toContain("77009000001");
    expect(
      await json(
        s,
        "receive_phones",
        [
          ["buy", "1"],
          ["phone", "77009000001"],
        ],
        as("other", "o"),
      ),
    ).toMatchObject({
      error_code: 1,
    });
    const before = (await json(s, "balance", [])).balance;
    now = Date.UTC(2026, 1, 3, 9); // 3 Feb
    const mine = decodeRentedNumbers(await call(s, "receive_phones", [["get", "1"]]), 3) as Array<{
      phone: string;
      status: number;
      till?: string;
    }>;
    expect(mine.find((n) => n.phone === "77009000001")).toMatchObject({
      status: 1,
      till: "28.02.2026 23:59:59",
    });
    expect(mine.find((n) => n.phone === "77009000002")).toMatchObject({ status: 0 });
    expect((await json(s, "balance", [])).balance).toBe((Number(before) - 500).toFixed(2));
  });

  it("answers its own errors: 1, 3 (not enough money to rent) and 9", async () => {
    const s = await start({
      clock: () => T0,
      rateLimits: true,
      accounts: [{ login: "poor", password: "p", balance: 10 }],
    });
    const err = async (fields: Array<[string, string]>, creds = DEMO) =>
      ((await json(s, "receive_phones", fields, creds)) as { error_code?: number }).error_code;
    expect(
      await err([
        ["buy", "1"],
        ["phone", "77011234567"],
      ]),
    ).toBe(1);
    expect(await err([["buy", "1"]])).toBe(1);
    expect(
      await err([
        ["chg", "1"],
        ["phone", "77009000003"],
        ["noprolong", "1"],
      ]),
    ).toBe(1);
    expect(
      await err([
        ["chg", "1"],
        ["phone", "77009000003"],
      ]),
    ).toBe(1);
    expect(await err([["nothing", "1"]])).toBe(1);
    expect(
      await err(
        [
          ["buy", "1"],
          ["phone", "77009000003"],
        ],
        as("poor", "p"),
      ),
    ).toBe(3);
    expect(
      await call(
        s,
        "receive_phones",
        [
          ["buy", "1"],
          ["phone", "77009000003"],
        ],
        0,
        as("poor", "p"),
      ),
    ).toBe("ERROR = 3 (no money)");
    expect(await err([["get", "1"]])).toBeUndefined();
    expect(await err([["get", "1"]])).toBeUndefined();
    expect(await err([["get", "1"]])).toBe(9);
  });

  it("routes an incoming SMS to the rented number's owner: get_answers to_phone, the callback and the inbox", async () => {
    const seen: string[] = [];
    handler = createServer((req, res) => {
      let body = "";
      req.on("data", (c: Buffer) => (body += c.toString()));
      req.on("end", () => {
        seen.push(body);
        res.end("OK");
      });
    });
    await new Promise<void>((r) => handler!.listen(0, "127.0.0.1", r));
    const url = `http://127.0.0.1:${(handler.address() as AddressInfo).port}/cb`;
    const s = await start({
      clock: () => T0,
      accounts: [{ login: "shop", password: "s" }],
      callbacks: { shop: url },
    });
    await json(
      s,
      "receive_phones",
      [
        ["buy", "1"],
        ["phone", "77009000005"],
      ],
      as("shop", "s"),
    );
    const res = await fetch(`${s.url}/api/v1/incoming`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ phone: "+77011234567", to: "+7 700 900 00 05", text: "STOP" }),
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ login: "shop", to: "77009000005", text: "STOP" });
    const answers = JSON.parse(
      await call(
        s,
        "get",
        [
          ["get_answers", "1"],
          ["to_phone", "77009000005"],
        ],
        3,
        as("shop", "s"),
      ),
    ) as Array<Record<string, unknown>>;
    expect(answers).toMatchObject([{ phone: "77011234567", to_phone: "77009000005", message: "STOP" }]);
    // the demo account, which does not rent it, does not get it
    expect(JSON.parse(await call(s, "get", [["get_answers", "1"]]))).toMatchObject({ error_code: 3 });
    await s.callbacks.idle();
    expect(seen.some((b) => b.includes("STOP") && b.includes("77009000005"))).toBe(true);
    const inbox = (await (await fetch(`${s.url}/api/v1/incoming?login=shop`)).json()) as {
      incoming: unknown[];
    };
    expect(inbox.incoming).toHaveLength(1);
  });
});
