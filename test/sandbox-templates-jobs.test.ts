// templates.php and jobs.php on the wire of a real sandbox: every fmt, the scripts' errors and limits, state kept
// across a restart on the same database file, and mailings run by an injected clock through the send path (prices,
// magic numbers, the lifecycle, mes2 fallbacks).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { decodeMailing, decodeMailings, decodeTemplates, type Fmt } from "smsc/protocol";
import { type Sandbox, type SandboxOptions, startSandbox } from "smsc-sandbox";
import { afterEach, describe, expect, it } from "vitest";
import { callSys, DEMO } from "./sandbox-helpers.js";

const started: Sandbox[] = [];
const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((s) => s.close()));
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function start(options: SandboxOptions = {}): Promise<Sandbox> {
  const s = await startSandbox({ rateLimits: false, ...options });
  started.push(s);
  return s;
}

const FMTS: Fmt[] = [0, 1, 2, 3];
const T0 = Date.UTC(2026, 0, 15, 9, 0, 0); // Thursday 12:00 Moscow
const HOUR = 3_600_000;

const call = async (
  s: Sandbox,
  script: "templates" | "jobs",
  fields: Array<[string, string]>,
  fmt: Fmt = 3,
) =>
  (
    await callSys(
      s.url,
      script,
      [...DEMO, ["fmt", String(fmt)], ["charset", "utf-8"], ...fields],
      "urlencoded",
    )
  ).text;
const json = async (s: Sandbox, script: "templates" | "jobs", fields: Array<[string, string]>) =>
  JSON.parse(await call(s, script, fields)) as Record<string, unknown>;

describe("templates.php", () => {
  it("adds, lists, changes and deletes templates, answering in every fmt", async () => {
    const s = await start();
    expect(
      await json(s, "templates", [
        ["add", "1"],
        ["name", "OTP"],
        ["msg", "Code %1"],
      ]),
    ).toEqual({ id: 1 });
    expect(
      await json(s, "templates", [
        ["add", "1"],
        ["name", "Promo, spring"],
        ["msg", "Sale, 50%\nnow"],
        ["format", "flash"],
        ["sender", "Shop"],
      ]),
    ).toEqual({ id: 2 });
    const expected = [
      { id: 1, name: "OTP", message: "Code %1", format: "", sender: "" },
      { id: 2, name: "Promo, spring", message: "Sale, 50%\nnow", format: "flash", sender: "Shop" },
    ];
    for (const fmt of FMTS)
      expect(decodeTemplates(await call(s, "templates", [["get", "1"]], fmt), fmt)).toEqual(expected);
    expect(await call(s, "templates", [["get", "1"]], 0)).toBe(
      "id = 1, format = , sender = , name = OTP, msg = Code %1\n" +
        "id = 2, format = flash, sender = Shop, name = Promo, spring, msg = Sale, 50%\nnow",
    );
    expect(
      await json(s, "templates", [
        ["chg", "1"],
        ["id", "1"],
        ["msg", "Your code: %1"],
      ]),
    ).toEqual({ id: 1 });
    expect(
      await call(
        s,
        "templates",
        [
          ["del", "1"],
          ["id", "2"],
        ],
        0,
      ),
    ).toBe("result = OK");
    expect(decodeTemplates(await call(s, "templates", [["get", "1"]]), 3)).toEqual([
      { ...expected[0], message: "Your code: %1" },
    ]);
  });

  it("answers its own errors: 1 bad parameters, 3 no such template (and no templates), 5 a name taken", async () => {
    const s = await start();
    const err = async (fields: Array<[string, string]>) =>
      ((await json(s, "templates", fields)) as { error_code?: number }).error_code;
    expect(await err([["get", "1"]])).toBe(3);
    expect(
      await err([
        ["add", "1"],
        ["name", "x"],
      ]),
    ).toBe(1);
    expect(
      await err([
        ["add", "1"],
        ["msg", "x"],
      ]),
    ).toBe(1);
    expect(
      await err([
        ["add", "1"],
        ["name", "x"],
        ["msg", "y"],
        ["format", "fax"],
      ]),
    ).toBe(1);
    expect(
      await err([
        ["add", "1"],
        ["name", "x"],
        ["msg", "y".repeat(1001)],
      ]),
    ).toBe(1);
    expect(await err([["nothing", "1"]])).toBe(1);
    expect(
      await err([
        ["chg", "1"],
        ["name", "x"],
      ]),
    ).toBe(1);
    await json(s, "templates", [
      ["add", "1"],
      ["name", "a"],
      ["msg", "A"],
    ]);
    await json(s, "templates", [
      ["add", "1"],
      ["name", "b"],
      ["msg", "B"],
    ]);
    expect(
      await err([
        ["add", "1"],
        ["name", "a"],
        ["msg", "again"],
      ]),
    ).toBe(5);
    expect(
      await err([
        ["chg", "1"],
        ["id", "2"],
        ["name", "a"],
      ]),
    ).toBe(5);
    expect(
      await err([
        ["chg", "1"],
        ["id", "99"],
        ["msg", "z"],
      ]),
    ).toBe(3);
    expect(
      await err([
        ["del", "1"],
        ["id", "99"],
      ]),
    ).toBe(3);
    expect(
      await call(
        s,
        "templates",
        [
          ["del", "1"],
          ["id", "99"],
        ],
        0,
      ),
    ).toBe("ERROR = 3 (record not found)");
    expect(
      await call(
        s,
        "templates",
        [
          ["del", "1"],
          ["id", "99"],
        ],
        1,
      ),
    ).toBe("0,-3");
  });

  it("keeps each account's templates to itself, and refuses a fourth identical request within a minute (9)", async () => {
    let now = T0;
    const s = await start({
      rateLimits: true,
      clock: () => now,
      accounts: [{ login: "other", password: "o" }],
    });
    await json(s, "templates", [
      ["add", "1"],
      ["name", "mine"],
      ["msg", "M"],
    ]);
    const other = await callSys(s.url, "templates", [
      ["login", "other"],
      ["psw", "o"],
      ["get", "1"],
      ["fmt", "3"],
    ]);
    expect(JSON.parse(other.text)).toMatchObject({ error_code: 3 });
    for (let i = 0; i < 3; i++)
      expect(decodeTemplates(await call(s, "templates", [["get", "1"]]), 3)).toHaveLength(1);
    expect(JSON.parse(await call(s, "templates", [["get", "1"]]))).toMatchObject({ error_code: 9 });
    now += 60_001;
    expect(decodeTemplates(await call(s, "templates", [["get", "1"]]), 3)).toHaveLength(1);
  });
});

describe("jobs.php", () => {
  it("sends a mailing without time at once through the send path, and reports it in every fmt", async () => {
    const s = await start({ clock: () => T0 });
    const { id } = (await json(s, "jobs", [
      ["add", "1"],
      ["name", "Launch"],
      ["phones", "+77011234567,77017654321"],
      ["mes", "We are open"],
      ["sender", "Shop"],
    ])) as { id: number };
    expect(id).toBe(1000001);
    const sent = s.messages({ limit: 10 });
    expect(sent.map((m) => [m.phone, m.text, m.sender, m.cost])).toEqual([
      ["77017654321", "We are open", "Shop", 10],
      ["77011234567", "We are open", "Shop", 10],
    ]);
    expect((await (await fetch(`${s.url}/sys/balance.php?login=demo&psw=demo&fmt=3`)).json()).balance).toBe(
      "980.00",
    );
    const expected = {
      id,
      name: "Launch",
      status: 1,
      statusName: "done",
      created: "15.01.2026 12:00:00",
      time: "",
      repeat: 0,
      runs: 1,
      cnt: 2,
      cost: 20,
      sender: "Shop",
      phones: "+77011234567,77017654321",
      message: "We are open",
    };
    for (const fmt of FMTS) {
      expect(
        decodeMailing(
          await call(
            s,
            "jobs",
            [
              ["get", "1"],
              ["id", String(id)],
            ],
            fmt,
          ),
          fmt,
        ),
      ).toEqual(expected);
      expect(decodeMailings(await call(s, "jobs", [["get_all", "1"]], fmt), fmt)).toEqual([expected]);
    }
    expect((await call(s, "jobs", [["get_all", "1"]], 0)).slice(0, 7)).toBe(String(id));
  });

  it("runs a repeating mailing on schedule under an injected clock: hourly, rptn repeats, then done", async () => {
    let now = T0;
    const s = await start({ clock: () => now });
    const { id } = (await json(s, "jobs", [
      ["add", "1"],
      ["name", "Hourly"],
      ["phones", "77011234567"],
      ["mes", "Tick"],
      ["time", "15.01.26 13:00"],
      ["rpt", "1"],
      ["rptn", "2"],
    ])) as { id: number };
    const texts = () => s.messages({ limit: 100 }).length;
    const job = async () =>
      decodeMailing(
        await call(s, "jobs", [
          ["get", "1"],
          ["id", String(id)],
        ]),
        3,
      );
    expect(texts()).toBe(0);
    expect(await job()).toMatchObject({
      status: 0,
      runs: 0,
      time: "15.01.2026 13:00:00",
      repeat: 1,
      repeats: 2,
    });
    now = T0 + HOUR - 1;
    await s.control.mailings.run();
    expect(texts()).toBe(0);
    now = T0 + HOUR;
    await s.control.mailings.run();
    expect(texts()).toBe(1);
    expect(await job()).toMatchObject({ status: 0, runs: 1, cnt: 1, time: "15.01.2026 14:00:00" });
    now = T0 + 2 * HOUR + 5;
    await s.control.mailings.run();
    expect(texts()).toBe(2);
    now = T0 + 10 * HOUR;
    await s.control.mailings.run();
    expect(await job()).toMatchObject({ status: 1, statusName: "done", runs: 3, cnt: 3, cost: 30, time: "" });
    const runs = s.control.mailings.list()[0]!.history;
    expect(runs.map((r) => [r.run, r.kind, r.cnt])).toEqual([
      [1, "run", 1],
      [2, "run", 1],
      [3, "run", 1],
    ]);
    // the messages go through the lifecycle like any other
    now += 2000;
    expect(s.messages({ limit: 10 }).every((m) => m.status === 1)).toBe(true);
  });

  it("makes the runs a clock jump skipped, each a send of its own, without error 9", async () => {
    let now = T0;
    const s = await start({ clock: () => now, rateLimits: true });
    await json(s, "jobs", [
      ["add", "1"],
      ["name", "Daily"],
      ["phones", "77011234567"],
      ["mes", "Morning"],
      ["rpt", "2"],
    ]);
    expect(s.messages().length).toBe(1);
    now = T0 + 3 * 24 * HOUR;
    await s.control.mailings.run();
    expect(s.messages().length).toBe(4);
    expect(s.control.mailings.list()[0]!.history.every((r) => r.error === undefined)).toBe(true);
  });

  it("repeats on working days and on weekends only (Moscow calendar)", async () => {
    let now = T0; // Thursday
    const s = await start({ clock: () => now });
    for (const [name, rpt] of [
      ["work", "3"],
      ["weekend", "4"],
    ] as const)
      await json(s, "jobs", [
        ["add", "1"],
        ["name", name],
        ["phones", rpt === "3" ? "77011111111" : "77022222222"],
        ["mes", name],
        ["rpt", rpt],
      ]);
    now = T0 + 7 * 24 * HOUR; // the next Thursday
    await s.control.mailings.run();
    const days = (phone: string) =>
      s
        .messages({ phone, limit: 100 })
        .map((m) => new Date(m.createdAt + 3 * HOUR).getUTCDay())
        .sort();
    // all runs of the catch-up happen now; the schedule is in the runs' count: Thu + Fri, Mon–Thu = 6 workdays
    expect(s.messages({ phone: "77011111111", limit: 100 })).toHaveLength(6);
    // Thursday (first run, asked for) + Saturday + Sunday
    expect(s.messages({ phone: "77022222222", limit: 100 })).toHaveLength(3);
    expect(days("77011111111")).toHaveLength(6);
  });

  it("uses a template for the text (tpl), with the template's format and sender", async () => {
    const s = await start({ clock: () => T0 });
    await json(s, "templates", [
      ["add", "1"],
      ["name", "promo"],
      ["msg", "Spring sale"],
      ["format", "flash"],
      ["sender", "Shop"],
    ]);
    await json(s, "jobs", [
      ["add", "1"],
      ["name", "p"],
      ["phones", "77011234567"],
      ["tpl", "1"],
    ]);
    expect(s.latest()).toMatchObject({ text: "Spring sale", format: "flash", sender: "Shop" });
    expect(
      await json(s, "jobs", [
        ["add", "1"],
        ["name", "p"],
        ["phones", "77011234567"],
        ["tpl", "9"],
      ]),
    ).toMatchObject({ error_code: 1 });
  });

  it("sends mes2 by SMS, from sender2, to the numbers a run did not reach", async () => {
    let now = T0;
    const s = await start({ clock: () => now, delays: { sentMs: 1000, deliveredMs: 1000 } });
    await json(s, "jobs", [
      ["add", "1"],
      ["name", "viber first"],
      ["phones", "77011234567,77000000020"],
      ["mes", "Viber text"],
      ["viber", "1"],
      ["mes2", "SMS text"],
      ["sender2", "ShopSMS"],
    ]);
    expect(s.messages().map((m) => m.format)).toEqual(["viber", "viber"]);
    now += 2000;
    await s.control.mailings.run();
    const fallback = s.latest();
    expect(fallback).toMatchObject({
      phone: "77000000020",
      text: "SMS text",
      format: "sms",
      sender: "ShopSMS",
    });
    expect(s.messages()).toHaveLength(3);
    const history = s.control.mailings.list()[0]!.history;
    expect(history.map((r) => [r.kind, r.cnt])).toEqual([
      ["run", 2],
      ["follow", 1],
    ]);
    // a run whose messages all arrived gets no follow-up; fl[5] repeats the message itself
    await json(s, "jobs", [
      ["add", "1"],
      ["name", "auto"],
      ["phones", "77000000022"],
      ["mes", "Again"],
      ["fl[5]", "1"],
    ]);
    now += 2000;
    await s.control.mailings.run();
    expect(s.latest()).toMatchObject({ phone: "77000000022", text: "Again" });
  });

  it("records a refused run (error 3, no money) and a magic number's error in the run", async () => {
    const s = await start({ clock: () => T0, accounts: [{ login: "poor", password: "p", balance: 5 }] });
    const r = await callSys(s.url, "jobs", [
      ["login", "poor"],
      ["psw", "p"],
      ["add", "1"],
      ["name", "x"],
      ["phones", "77011234567"],
      ["mes", "hi"],
      ["fmt", "3"],
    ]);
    expect(JSON.parse(r.text)).toEqual({ id: 1000001 });
    expect(s.control.mailings.list()[0]!.history[0]).toMatchObject({ error: 3, cnt: 0 });
    expect(s.messages()).toHaveLength(0);
  });

  it("cancels a waiting mailing, deletes one, and answers errors 1, 3, 5 and 9", async () => {
    let now = T0;
    const s = await start({ clock: () => now, rateLimits: true });
    const add = (name: string) =>
      json(s, "jobs", [
        ["add", "1"],
        ["name", name],
        ["phones", "77011234567"],
        ["mes", name],
        ["time", "+60"],
      ]) as Promise<{ id: number }>;
    const a = await add("a");
    const b = await add("b");
    expect(
      await json(s, "jobs", [
        ["cancel", "1"],
        ["id", String(a.id)],
      ]),
    ).toEqual({ result: "OK" });
    expect(
      await json(s, "jobs", [
        ["del", "1"],
        ["id", String(b.id)],
      ]),
    ).toEqual({ result: "OK" });
    now += 2 * HOUR;
    await s.control.mailings.run();
    expect(s.messages()).toHaveLength(0);
    const list = decodeMailings(await call(s, "jobs", [["get_all", "1"]]), 3);
    expect(list).toMatchObject([{ id: a.id, status: 2, statusName: "cancelled" }]);
    const err = async (fields: Array<[string, string]>) =>
      ((await json(s, "jobs", fields)) as { error_code?: number }).error_code;
    expect(
      await err([
        ["add", "1"],
        ["phones", "77011234567"],
        ["mes", "no name"],
      ]),
    ).toBe(1);
    expect(
      await err([
        ["add", "1"],
        ["name", "n"],
        ["mes", "no phones"],
      ]),
    ).toBe(1);
    expect(
      await err([
        ["add", "1"],
        ["name", "n"],
        ["phones", "77011234567"],
        ["mes", "x"],
        ["rpt", "8"],
      ]),
    ).toBe(1);
    expect(
      await err([
        ["add", "1"],
        ["name", "n"],
        ["phones", "77011234567"],
        ["mes", "x"],
        ["time", "32.13.26"],
      ]),
    ).toBe(5);
    expect(
      await err([
        ["get", "1"],
        ["id", "999"],
      ]),
    ).toBe(3);
    expect(await err([["get", "1"]])).toBe(1);
    expect(
      await err([
        ["get_all", "1"],
        ["start", "yesterday"],
      ]),
    ).toBe(5);
    expect(
      await err([
        ["get_all", "1"],
        ["start", "15.01.2026"],
        ["end", "15.01.2026"],
      ]),
    ).toBeUndefined();
    // the same request twice within a minute: error 9
    expect(
      await err([
        ["get_all", "1"],
        ["start", "15.01.2026"],
        ["end", "15.01.2026"],
      ]),
    ).toBe(9);
  });

  it("keeps templates and mailings across a restart, and runs the mailing where it left off", async () => {
    const dir = mkdtempSync(join(tmpdir(), "jobs-restart-"));
    dirs.push(dir);
    const db = join(dir, "sandbox.db");
    let now = T0;
    const first = await start({ db, clock: () => now });
    await json(first, "templates", [
      ["add", "1"],
      ["name", "kept"],
      ["msg", "Kept %1"],
    ]);
    await json(first, "jobs", [
      ["add", "1"],
      ["name", "h"],
      ["phones", "77011234567"],
      ["mes", "Hourly"],
      ["rpt", "1"],
      ["rptn", "1"],
    ]);
    await first.close();
    started.splice(started.indexOf(first), 1);
    now = T0 + HOUR;
    const second = await start({ db, clock: () => now });
    expect(decodeTemplates(await call(second, "templates", [["get", "1"]]), 3)).toMatchObject([
      { name: "kept" },
    ]);
    await second.control.mailings.run();
    expect(decodeMailings(await call(second, "jobs", [["get_all", "1"]]), 3)).toMatchObject([
      { status: 1, runs: 2, cnt: 2 },
    ]);
  });
});
