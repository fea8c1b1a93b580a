// senders.php over real HTTP: registration and its moderation (after a delay on the sandbox's clock, or by hand
// through the inspection API), digital names confirmed by a code that arrives as a real SMS, errors 1, 3, 5, 7, 8,
// 9, 10, 11, every fmt, the optional check of senders in send.php, and state that survives a restart.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { decodeError, decodeIdReply, decodeSenders, type Fmt, type SenderName } from "smsc/protocol";
import { extractCode, type Sandbox, type SandboxOptions, startSandbox } from "smsc-sandbox";
import { afterEach, describe, expect, it } from "vitest";
import { parseCliArgs } from "../packages/sandbox/src/cli-args.js";
import { api } from "./api-helpers.js";
import { callSys, DEMO } from "./sandbox-helpers.js";

const FMTS: Fmt[] = [0, 1, 2, 3];
const DIGITAL = "77051234567";
const HOUR = 3_600_000;

let now = Date.UTC(2026, 0, 15, 9, 0, 0);
const sandboxes: Sandbox[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const s of sandboxes.splice(0)) await s.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function sandbox(extra: SandboxOptions = {}): Promise<Sandbox> {
  const s = await startSandbox({
    port: 0,
    rateLimits: false,
    clock: () => now,
    delays: { sentMs: 0, deliveredMs: 0 },
    accounts: [{ login: "poor", password: "pw", balance: 0 }],
    ...extra,
  });
  sandboxes.push(s);
  return s;
}

function senders(sb: Sandbox, fields: Array<[string, string]>, auth = DEMO) {
  const fmt = fields.some(([k]) => k === "fmt") ? [] : ([["fmt", "3"]] as Array<[string, string]>);
  return callSys(sb.url, "senders", [...auth, ["charset", "utf-8"], ...fmt, ...fields]);
}
const code = async (r: Promise<{ text: string }>, fmt: Fmt = 3) => decodeError((await r).text, fmt)?.code;
const add = async (sb: Sandbox, name: string, extra: Array<[string, string]> = []) =>
  (decodeIdReply((await senders(sb, [["add", "1"], ["sender", name], ...extra])).text, 3) as { id: number })
    .id;
const list = async (sb: Sandbox, extra: Array<[string, string]> = []) => {
  const r = decodeSenders((await senders(sb, [["get", "1"], ...extra])).text, 3);
  return Array.isArray(r) ? r : [];
};
const states = async (sb: Sandbox) => (await list(sb, [["all", "1"]])).map((s) => [s.sender, s.state]);

describe("moderation", () => {
  it("approves a letter name once the moderation delay has passed on the sandbox's clock", async () => {
    const sb = await sandbox({ senders: { moderationMs: 10 * 60_000 } });
    const id = await add(sb, "Shop", [
      ["cmt", "our shop"],
      ["inn", "123456789012"],
      ["site", "shop.kz"],
    ]);
    expect(await list(sb)).toEqual([]);
    expect(await code(senders(sb, [["get", "1"]]))).toBe(3);
    expect(await list(sb, [["all", "1"]])).toMatchObject([
      { id, sender: "Shop", state: 0, comment: "our shop", inn: "123456789012", site: "shop.kz" },
    ]);
    now += 10 * 60_000;
    expect(await list(sb)).toMatchObject([{ id, sender: "Shop", state: 1 }]);
  });

  it("with moderation by hand, approves and rejects through the inspection API", async () => {
    const sb = await sandbox({ senders: { moderationMs: "manual" } });
    const shop = await add(sb, "Shop");
    const spam = await add(sb, "Spam Inc");
    now += 365 * 24 * HOUR;
    expect(await states(sb)).toEqual([
      ["Shop", 0],
      ["Spam Inc", 0],
    ]);
    const listed = await api(sb.url, "GET", "/senders?login=demo");
    expect(listed.status).toBe(200);
    expect(listed.body.senders).toMatchObject([
      { id: shop, login: "demo", sender: "Shop", state: 0, stateName: "moderation", digital: false },
      { id: spam, sender: "Spam Inc", state: 0 },
    ]);
    expect((await api(sb.url, "POST", `/senders/${shop}/approve`)).body).toMatchObject({
      state: 1,
      stateName: "approved",
    });
    expect((await api(sb.url, "POST", `/senders/${spam}/reject`)).body).toMatchObject({
      state: 2,
      stateName: "rejected",
    });
    expect(await states(sb)).toEqual([
      ["Shop", 1],
      ["Spam Inc", 2],
    ]);
    expect((await list(sb)).map((s) => s.sender)).toEqual(["Shop"]);
    expect((await api(sb.url, "POST", "/senders/999/approve")).status).toBe(404);
    expect((await api(sb.url, "GET", "/senders?login=nobody")).status).toBe(404);
  });

  it("sends a renamed name (chg with id) through moderation again; del deletes it", async () => {
    const sb = await sandbox({ senders: { moderationMs: 1000 } });
    const id = await add(sb, "Shop");
    now += 1000;
    expect(await states(sb)).toEqual([["Shop", 1]]);
    await senders(sb, [
      ["chg", "1"],
      ["id", String(id)],
      ["sender", "Shop2"],
      ["cmt", "renamed"],
    ]);
    expect(await list(sb, [["all", "1"]])).toMatchObject([
      { id, sender: "Shop2", state: 0, comment: "renamed" },
    ]);
    await senders(sb, [
      ["chg", "1"],
      ["sender", "Shop2"],
      ["cmt", "kept name"],
    ]);
    now += 1000;
    expect(await list(sb)).toMatchObject([{ sender: "Shop2", state: 1, comment: "kept name" }]);
    await senders(sb, [
      ["del", "1"],
      ["sender", "Shop2"],
    ]);
    expect(
      await code(
        senders(sb, [
          ["del", "1"],
          ["id", String(id)],
        ]),
      ),
    ).toBe(3);
  });
});

describe("digital names", () => {
  it("send_code sends a real SMS with the code; check_code confirms it (11 for a wrong one, 10 for a second code)", async () => {
    const sb = await sandbox();
    const id = await add(sb, `+${DIGITAL}`, [["cmt", "my phone"]]);
    expect(await states(sb)).toEqual([[DIGITAL, 3]]);
    expect(
      await code(
        senders(sb, [
          ["check_code", "1"],
          ["sender", DIGITAL],
          ["code", "1234"],
        ]),
      ),
    ).toBe(11);
    const sent = await senders(sb, [
      ["send_code", "1"],
      ["sender", `+${DIGITAL}`],
      ["site_name", "shop.kz"],
      ["fmt", "0"],
    ]);
    expect(sent.text).toBe("OK");
    const sms = await sb.waitForMessage({ phone: DIGITAL });
    expect(sms.text).toMatch(/^Код подтверждения: \d{4} \(shop\.kz\)$/);
    expect(sms).toMatchObject({ login: "demo", origin: "http", status: 1 });
    const received = extractCode(sms.text);
    const wrong = received === "1000" ? "1001" : "1000";
    expect(
      await code(
        senders(sb, [
          ["check_code", "1"],
          ["id", String(id)],
          ["code", wrong],
        ]),
      ),
    ).toBe(11);
    expect(
      await code(
        senders(sb, [
          ["send_code", "1"],
          ["id", String(id)],
        ]),
      ),
    ).toBe(10);
    expect(
      (
        await senders(sb, [
          ["check_code", "1"],
          ["sender", DIGITAL],
          ["code", received],
          ["fmt", "0"],
        ])
      ).text,
    ).toBe("OK");
    expect(await states(sb)).toEqual([[DIGITAL, 1]]);
    // eight hours later a new code may be sent
    now += 8 * HOUR;
    expect(
      (
        await senders(sb, [
          ["send_code", "1"],
          ["id", String(id)],
          ["fmt", "0"],
        ])
      ).text,
    ).toBe("OK");
    expect(sb.messages({ phone: DIGITAL })).toHaveLength(2);
  });

  it("answers 7 for a letter name or digits that are no number, 8 when the code's SMS cannot be sent", async () => {
    const sb = await sandbox();
    await add(sb, "Shop");
    expect(
      await code(
        senders(sb, [
          ["send_code", "1"],
          ["sender", "Shop"],
        ]),
      ),
    ).toBe(7);
    expect(
      await code(
        senders(sb, [
          ["add", "1"],
          ["sender", "12345"],
        ]),
      ),
    ).toBe(7);
    const poor: Array<[string, string]> = [
      ["login", "poor"],
      ["psw", "pw"],
    ];
    await senders(
      sb,
      [
        ["add", "1"],
        ["sender", DIGITAL],
      ],
      poor,
    );
    expect(
      await code(
        senders(
          sb,
          [
            ["send_code", "1"],
            ["sender", DIGITAL],
          ],
          poor,
        ),
      ),
    ).toBe(8);
    expect(sb.messages({ phone: DIGITAL })).toEqual([]);
  });
});

describe("senders.php replies and errors", () => {
  it("lists in every format, and answers ID = <id> to add", async () => {
    const sb = await sandbox({ senders: { moderationMs: 0 } });
    const r = await senders(sb, [
      ["add", "1"],
      ["sender", "Shop"],
      ["cmt", "a, b"],
      ["fmt", "0"],
    ]);
    expect(r.text).toMatch(/^ID = \d+$/);
    for (const fmt of FMTS) {
      const body = (
        await senders(sb, [
          ["get", "1"],
          ["fmt", String(fmt)],
          ["cnt", String(10 + fmt)],
        ])
      ).text;
      const [s] = decodeSenders(body, fmt) as SenderName[];
      expect(s, `fmt=${fmt}`).toMatchObject({ sender: "Shop", state: 1, comment: "a, b" });
    }
  });

  it("answers 1 for a bad request, 3 for an unknown name, 5 for a name the account has", async () => {
    const sb = await sandbox();
    await add(sb, "Shop");
    const cases: Array<[Array<[string, string]>, number]> = [
      [[], 1],
      [
        [
          ["get", "1"],
          ["add", "1"],
        ],
        1,
      ],
      [[["add", "1"]], 1],
      [
        [
          ["add", "1"],
          ["sender", "TwelveLetter"],
        ],
        1,
      ],
      [
        [
          ["add", "1"],
          ["sender", "Шоп"],
        ],
        1,
      ],
      [
        [
          ["add", "1"],
          ["sender", "Shop"],
        ],
        5,
      ],
      [
        [
          ["del", "1"],
          ["sender", "Nope"],
        ],
        3,
      ],
      [
        [
          ["chg", "1"],
          ["id", "999"],
        ],
        3,
      ],
      [
        [
          ["check_code", "1"],
          ["sender", "Shop"],
        ],
        1,
      ],
      [
        [
          ["get", "1"],
          ["from_date", "2026-01-01"],
        ],
        1,
      ],
    ];
    for (const fmt of FMTS)
      for (const [fields, expected] of cases)
        expect(await code(senders(sb, [...fields, ["fmt", String(fmt)]]), fmt), JSON.stringify(fields)).toBe(
          expected,
        );
  });

  it("answers 9 to a sixth add or a fourth identical list within a minute", async () => {
    const sb = await sandbox({ rateLimits: true });
    for (let i = 0; i < 5; i++) await add(sb, `Name${i}`);
    expect(
      await code(
        senders(sb, [
          ["add", "1"],
          ["sender", "Name5"],
        ]),
      ),
    ).toBe(9);
    for (let i = 0; i < 3; i++)
      await senders(sb, [
        ["get", "1"],
        ["all", "1"],
      ]);
    expect(
      await code(
        senders(sb, [
          ["get", "1"],
          ["all", "1"],
        ]),
      ),
    ).toBe(9);
    now += 60_001;
    expect(await add(sb, "Name5")).toBeGreaterThan(0);
  });

  it("filters by from_date and pages with prev_id and cnt", async () => {
    const sb = await sandbox({ senders: { moderationMs: 0 } });
    const a = await add(sb, "Alpha");
    now += 48 * HOUR;
    const b = await add(sb, "Beta");
    const day = new Date(now + 3 * HOUR);
    const ddmmyyyy = `${String(day.getUTCDate()).padStart(2, "0")}.${String(day.getUTCMonth() + 1).padStart(2, "0")}.${day.getUTCFullYear()}`;
    expect((await list(sb, [["from_date", ddmmyyyy]])).map((s) => s.id)).toEqual([b]);
    expect((await list(sb, [["prev_id", String(a)]])).map((s) => s.id)).toEqual([b]);
    expect((await list(sb, [["cnt", "1"]])).map((s) => s.id)).toEqual([a]);
  });
});

describe("send.php and sender names", () => {
  it("sends from any name by default (the tests' 'Shop' works unregistered)", async () => {
    const sb = await sandbox();
    await callSys(sb.url, "send", [...DEMO, ["phones", "77011234567"], ["mes", "hi"], ["sender", "Shop"]]);
    expect(sb.messages()).toMatchObject([{ sender: "Shop", status: 1 }]);
  });

  it("with senders.check, ends a send from a name not approved in status 23, err 254, and lets approved ones through", async () => {
    const sb = await sandbox({ senders: { check: true, moderationMs: "manual" } });
    const send = (sender: string | undefined, text: string) =>
      callSys(sb.url, "send", [
        ...DEMO,
        ["phones", "77011234567"],
        ["mes", text],
        ...(sender === undefined ? [] : ([["sender", sender]] as Array<[string, string]>)),
      ]);
    await send("Shop", "unregistered");
    const id = await add(sb, "Shop");
    await send("Shop", "on moderation");
    await api(sb.url, "POST", `/senders/${id}/approve`);
    await send("Shop", "approved");
    await send(undefined, "the account's default sender");
    await send("", "no sender");
    await send(".", "no sender either");
    expect(sb.messages().map((m) => [m.text, m.status, m.err, m.cost])).toEqual([
      ["no sender either", 1, 0, 10],
      ["no sender", 1, 0, 10],
      ["the account's default sender", 1, 0, 10],
      ["approved", 1, 0, 10],
      ["on moderation", 23, 254, 0],
      ["unregistered", 23, 254, 0],
    ]);
  });
});

describe("a restart on the same --db file", () => {
  it("keeps names, their states, decisions and the time of the last code", async () => {
    const dir = mkdtempSync(join(tmpdir(), "smsc-senders-"));
    dirs.push(dir);
    const db = join(dir, "sandbox.db");
    const first = await sandbox({ db, senders: { moderationMs: "manual" } });
    const shop = await add(first, "Shop");
    await add(first, "Later");
    await add(first, DIGITAL);
    await api(first.url, "POST", `/senders/${shop}/approve`);
    await senders(first, [
      ["send_code", "1"],
      ["sender", DIGITAL],
    ]);
    const sms = await first.waitForMessage({ phone: DIGITAL });
    await first.close();
    sandboxes.splice(sandboxes.indexOf(first), 1);
    const second = await sandbox({ db, senders: { moderationMs: "manual" } });
    expect(await states(second)).toEqual([
      ["Shop", 1],
      ["Later", 0],
      [DIGITAL, 3],
    ]);
    expect(
      await code(
        senders(second, [
          ["send_code", "1"],
          ["sender", DIGITAL],
        ]),
      ),
    ).toBe(10);
    expect(
      (
        await senders(second, [
          ["check_code", "1"],
          ["sender", DIGITAL],
          ["code", extractCode(sms.text)],
          ["fmt", "0"],
        ])
      ).text,
    ).toBe("OK");
  });
});

describe("the bin's flags", () => {
  it("--sender-moderation MS|manual and --check-senders set the senders option", () => {
    const opts = (argv: string[]) => (parseCliArgs(argv) as { options: SandboxOptions }).options.senders;
    expect(opts([])).toBeUndefined();
    expect(opts(["--sender-moderation", "5000"])).toEqual({ moderationMs: 5000 });
    expect(opts(["--sender-moderation", "manual", "--check-senders"])).toEqual({
      moderationMs: "manual",
      check: true,
    });
    expect(opts(["--check-senders"])).toEqual({ check: true });
    expect(() => parseCliArgs(["--sender-moderation", "soon"])).toThrow(/--sender-moderation/);
  });
});
