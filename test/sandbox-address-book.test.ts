// phones.php over real HTTP: every command in every fmt, its errors (1, 2, 3, 5, 9) and limits, accounts kept apart,
// state that survives a restart on the same --db file; and send.php to a group (G<num>) with contact placeholders.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  type Contact,
  type ContactGroup,
  decodeContacts,
  decodeDoneReply,
  decodeError,
  decodeGroups,
  decodeIdReply,
  decodeSendReply,
  type Fmt,
  type SendReply,
} from "smsc/protocol";
import { type Sandbox, startSandbox } from "smsc-sandbox";
import { afterEach, describe, expect, it } from "vitest";
import { callSys, DEMO, type Transport } from "./sandbox-helpers.js";

const FMTS: Fmt[] = [0, 1, 2, 3];
const A = "77011234567";
const B = "77017654321";
const C = "77021234567";

const sandboxes: Sandbox[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const s of sandboxes.splice(0)) await s.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function sandbox(extra: Parameters<typeof startSandbox>[0] = {}): Promise<Sandbox> {
  const s = await startSandbox({
    port: 0,
    rateLimits: false,
    delays: { sentMs: 0, deliveredMs: 0 },
    accounts: [{ login: "other", password: "pw" }],
    ...extra,
  });
  sandboxes.push(s);
  return s;
}

/** A phones.php call in utf-8 (fmt=3 unless given), as demo unless `auth` says otherwise. */
function phones(sb: Sandbox, fields: Array<[string, string]>, how: Transport = "get", auth = DEMO) {
  const fmt = fields.some(([k]) => k === "fmt") ? [] : ([["fmt", "3"]] as Array<[string, string]>);
  return callSys(sb.url, "phones", [...auth, ["charset", "utf-8"], ...fmt, ...fields], how);
}
const idOf = async (r: Promise<{ text: string }>) => (decodeIdReply((await r).text, 3) as { id: number }).id;
const contactsOf = async (sb: Sandbox, extra: Array<[string, string]> = [], auth = DEMO) =>
  decodeContacts((await phones(sb, [["get", "1"], ...extra], "get", auth)).text, 3) as Contact[];
const groupsOf = async (sb: Sandbox) =>
  decodeGroups((await phones(sb, [["get_group", "1"]])).text, 3) as ContactGroup[];
const errorOf = async (r: Promise<{ text: string }>, fmt: Fmt = 3) => decodeError((await r).text, fmt)?.code;

describe("phones.php in every format", () => {
  it("creates groups and contacts (ID = <id> …) and lists them in fmt 0–3", async () => {
    const sb = await sandbox();
    const ids: number[] = [];
    for (const fmt of FMTS) {
      const r = await phones(sb, [
        ["add_group", "1"],
        ["name", `Группа ${fmt}`],
        ["fmt", String(fmt)],
      ]);
      const reply = decodeIdReply(r.text, fmt) as { id: number };
      ids.push(reply.id);
      if (fmt === 0) expect(r.text).toBe(`ID = ${reply.id}`);
      if (fmt === 1) expect(r.text).toBe(String(reply.id));
    }
    expect(new Set(ids).size).toBe(4);
    const contact = await idOf(
      phones(sb, [
        ["add", "1"],
        ["phone", `+${A}, 8 701 765 43 21`],
        ["name", "Айгерим"],
        ["grp", String(ids[0])],
        ["fnm", "Aigerim"],
        ["lnm", "Ospanova"],
        ["bd", "01.02.1990"],
        ["mail", "a@example.kz"],
        ["tags", "vip;kz"],
        ["cmt", "first, best"],
      ]),
    );
    for (const fmt of FMTS) {
      const r = await phones(sb, [
        ["get", "1"],
        ["fmt", String(fmt)],
      ]);
      const [c] = decodeContacts(r.text, fmt) as Contact[];
      expect(c, `fmt=${fmt}`).toMatchObject({
        id: contact,
        phones: [A, B],
        groups: [ids[0]],
        name: "Айгерим",
      });
      if (fmt !== 1)
        expect(c).toMatchObject({
          firstName: "Aigerim",
          lastName: "Ospanova",
          birthday: "01.02.1990",
          mails: ["a@example.kz"],
          tags: ["vip", "kz"],
          comment: "first, best",
        });
      const groups = decodeGroups(
        (
          await phones(sb, [
            ["get_group", "1"],
            ["fmt", String(fmt)],
          ])
        ).text,
        fmt,
      );
      expect((groups as ContactGroup[]).map((g) => [g.id, g.members])).toEqual([
        [ids[0], 1],
        [ids[1], 0],
        [ids[2], 0],
        [ids[3], 0],
      ]);
    }
    const done = await phones(sb, [
      ["chg_group", "1"],
      ["grp", String(ids[1])],
      ["name", "x"],
      ["fmt", "0"],
    ]);
    expect(done.text).toBe("OK");
  });

  it("answers GET, urlencoded POST and multipart POST alike", async () => {
    const sb = await sandbox();
    for (const [i, how] of (["get", "urlencoded", "multipart"] as const).entries()) {
      const r = await phones(
        sb,
        [
          ["add", "1"],
          ["phone", `7701000000${i}`],
          ["name", `Имя ${how}`],
        ],
        how,
      );
      expect(decodeIdReply(r.text, 3), how).toHaveProperty("id");
    }
    expect((await contactsOf(sb)).map((c) => c.name)).toEqual(["Имя get", "Имя urlencoded", "Имя multipart"]);
  });
});

describe("phones.php commands", () => {
  it("chg replaces the numbers and the fields it names, keeping the others", async () => {
    const sb = await sandbox();
    await phones(sb, [
      ["add", "1"],
      ["phone", A],
      ["name", "Old"],
      ["cmt", "keep"],
      ["fnm", "F"],
    ]);
    const r = await phones(sb, [
      ["chg", "1"],
      ["phone", A],
      ["new_phone", `${B},${C}`],
      ["name", "New"],
      ["fnm", ""],
    ]);
    expect(decodeDoneReply(r.text, 3)).toBe(true);
    expect(await contactsOf(sb)).toMatchObject([
      { phones: [B, C], name: "New", comment: "keep", firstName: "" },
    ]);
    // the old number is free again, the new ones are taken
    expect(
      await errorOf(
        phones(sb, [
          ["chg", "1"],
          ["phone", A],
          ["name", "x"],
        ]),
      ),
    ).toBe(3);
    expect(
      await errorOf(
        phones(sb, [
          ["add", "1"],
          ["phone", C],
        ]),
      ),
    ).toBe(5);
    expect(
      decodeIdReply(
        (
          await phones(sb, [
            ["add", "1"],
            ["phone", A],
          ])
        ).text,
        3,
      ),
    ).toHaveProperty("id");
  });

  it("move_group 1 moves, 2 adds, 3 removes; del_group keeps the contacts; del deletes", async () => {
    const sb = await sandbox();
    const g1 = await idOf(
      phones(sb, [
        ["add_group", "1"],
        ["name", "one"],
      ]),
    );
    const g2 = await idOf(
      phones(sb, [
        ["add_group", "1"],
        ["name", "two"],
      ]),
    );
    await phones(sb, [
      ["add", "1"],
      ["phone", A],
      ["grp", String(g1)],
    ]);
    await phones(sb, [
      ["add", "1"],
      ["phone", B],
    ]);
    const groupsOfA = async () => (await contactsOf(sb)).find((c) => c.phones?.includes(A))!.groups;
    await phones(sb, [
      ["move_group", "2"],
      ["grp", String(g2)],
      ["phone", A],
    ]);
    expect(await groupsOfA()).toEqual([g1, g2]);
    await phones(sb, [
      ["move_group", "3"],
      ["grp", String(g1)],
      ["phone", A],
    ]);
    expect(await groupsOfA()).toEqual([g2]);
    await phones(sb, [
      ["move_group", "1"],
      ["grp", String(g1)],
      ["phone", `${A},${B}`],
    ]);
    expect((await contactsOf(sb)).map((c) => c.groups)).toEqual([[g1], [g1]]);
    expect((await contactsOf(sb, [["grp", String(g1)]])).length).toBe(2);
    expect(
      await errorOf(
        phones(sb, [
          ["get", "1"],
          ["grp", String(g2)],
        ]),
      ),
    ).toBe(3);
    await phones(sb, [
      ["del_group", "1"],
      ["grp", String(g1)],
    ]);
    expect((await contactsOf(sb)).map((c) => c.groups)).toEqual([[], []]);
    expect((await groupsOf(sb)).map((g) => g.id)).toEqual([g2]);
    await phones(sb, [
      ["del", "1"],
      ["phone", A],
    ]);
    expect((await contactsOf(sb)).map((c) => c.phones)).toEqual([[B]]);
  });

  it("get filters by search (case-folded, Cyrillic too, and digits) and pages with after_id", async () => {
    const sb = await sandbox();
    const ids = [];
    for (const [phone, name] of [
      [A, "Айгерим"],
      [B, "Бауыржан"],
      [C, "Carl"],
    ])
      ids.push(
        await idOf(
          phones(sb, [
            ["add", "1"],
            ["phone", phone!],
            ["name", name!],
          ]),
        ),
      );
    expect((await contactsOf(sb, [["search", "айГЕР"]])).map((c) => c.name)).toEqual(["Айгерим"]);
    expect((await contactsOf(sb, [["search", "7654"]])).map((c) => c.name)).toEqual(["Бауыржан"]);
    expect(
      await errorOf(
        phones(sb, [
          ["get", "1"],
          ["search", "%"],
        ]),
      ),
    ).toBe(3);
    expect((await contactsOf(sb, [["after_id", String(ids[0])]])).map((c) => c.id)).toEqual(ids.slice(1));
  });

  it("add_group takes a mailing number (num) and a type; a taken num is error 5", async () => {
    const sb = await sandbox();
    await phones(sb, [
      ["add_group", "1"],
      ["name", "a"],
      ["num", "70"],
    ]);
    await phones(sb, [
      ["add_group", "1"],
      ["name", "mail"],
      ["type", "1"],
    ]);
    expect((await groupsOf(sb)).map((g) => [g.name, g.num, g.type])).toEqual([
      ["a", 70, 0],
      ["mail", 71, 1],
    ]);
    expect(
      await errorOf(
        phones(sb, [
          ["add_group", "1"],
          ["name", "b"],
          ["num", "70"],
        ]),
      ),
    ).toBe(5);
  });
});

describe("phones.php errors and limits", () => {
  it("answers 1 for a bad request, 2 for bad credentials, 3 when nothing matches, in every format", async () => {
    const sb = await sandbox();
    const cases: Array<[Array<[string, string]>, number]> = [
      [[], 1],
      [
        [
          ["add", "1"],
          ["get", "1"],
        ],
        1,
      ],
      [[["add", "1"]], 1],
      [
        [
          ["add", "1"],
          ["phone", "12"],
        ],
        1,
      ],
      [
        [
          ["add", "1"],
          ["phone", A],
          ["bd", "1990-02-01"],
        ],
        1,
      ],
      [
        [
          ["add", "1"],
          ["phone", A],
          ["grp", "999"],
        ],
        3,
      ],
      [[["add_group", "1"]], 1],
      [
        [
          ["add_group", "1"],
          ["name", "x"],
          ["type", "2"],
        ],
        1,
      ],
      [
        [
          ["move_group", "4"],
          ["grp", "1"],
          ["phone", A],
        ],
        1,
      ],
      [[["get", "1"]], 3],
      [[["get_group", "1"]], 3],
      [
        [
          ["del", "1"],
          ["phone", A],
        ],
        3,
      ],
      [
        [
          ["chg_group", "1"],
          ["grp", "5"],
          ["name", "x"],
        ],
        3,
      ],
      [
        [
          ["del_black", "1"],
          ["phone", A],
        ],
        3,
      ],
      [
        [
          ["add_black", "1"],
          ["phone", A],
          ["type", "3"],
        ],
        1,
      ],
    ];
    for (const fmt of FMTS)
      for (const [fields, code] of cases)
        expect(
          await errorOf(phones(sb, [...fields, ["fmt", String(fmt)]]), fmt),
          JSON.stringify(fields),
        ).toBe(code);
    const bad = await phones(
      sb,
      [
        ["get", "1"],
        ["fmt", "0"],
      ],
      "get",
      [
        ["login", "demo"],
        ["psw", "wrong"],
      ],
    );
    expect(bad.text).toBe("ERROR = 2 (authorise error)");
    expect(
      (
        await phones(sb, [
          ["get", "1"],
          ["fmt", "0"],
        ])
      ).text,
    ).toBe("ERROR = 3 (records not found)");
  });

  it("answers 9 to the fourth identical request within a minute, and serves other requests", async () => {
    let now = Date.UTC(2026, 0, 15, 9, 0, 0);
    const sb = await sandbox({ rateLimits: true, clock: () => now });
    await phones(sb, [
      ["add", "1"],
      ["phone", A],
    ]);
    for (let i = 0; i < 3; i++) expect((await contactsOf(sb)).length).toBe(1);
    expect(await errorOf(phones(sb, [["get", "1"]]))).toBe(9);
    expect(
      (
        await phones(sb, [
          ["get", "1"],
          ["fmt", "0"],
        ])
      ).text,
    ).toBe("ERROR = 9 (duplicate request, wait a minute)");
    expect((await contactsOf(sb, [["search", "7701"]])).length).toBe(1);
    now += 60_001;
    expect((await contactsOf(sb)).length).toBe(1);
  });

  it("keeps each account's book apart: the same number may be a contact of two accounts", async () => {
    const sb = await sandbox();
    const other: Array<[string, string]> = [
      ["login", "other"],
      ["psw", "pw"],
    ];
    await phones(sb, [
      ["add", "1"],
      ["phone", A],
      ["name", "demo's"],
    ]);
    await phones(
      sb,
      [
        ["add", "1"],
        ["phone", A],
        ["name", "other's"],
      ],
      "get",
      other,
    );
    expect((await contactsOf(sb)).map((c) => c.name)).toEqual(["demo's"]);
    expect((await contactsOf(sb, [], other)).map((c) => c.name)).toEqual(["other's"]);
    await phones(
      sb,
      [
        ["add_group", "1"],
        ["name", "g"],
      ],
      "get",
      other,
    );
    expect(await errorOf(phones(sb, [["get_group", "1"]]))).toBe(3);
  });
});

describe("a restart on the same --db file", () => {
  it("keeps contacts, groups, their members and the black list", async () => {
    const dir = mkdtempSync(join(tmpdir(), "smsc-book-"));
    dirs.push(dir);
    const db = join(dir, "sandbox.db");
    const first = await sandbox({ db });
    const g = await idOf(
      phones(first, [
        ["add_group", "1"],
        ["name", "Клиенты"],
        ["num", "5"],
      ]),
    );
    await phones(first, [
      ["add", "1"],
      ["phone", A],
      ["name", "Айгерим"],
      ["grp", String(g)],
    ]);
    await phones(first, [
      ["add_black", "1"],
      ["phone", B],
    ]);
    await first.close();
    sandboxes.splice(sandboxes.indexOf(first), 1);
    const second = await sandbox({ db });
    expect(await contactsOf(second)).toMatchObject([{ phones: [A], name: "Айгерим", groups: [g] }]);
    expect(await groupsOf(second)).toMatchObject([{ id: g, num: 5, members: 1 }]);
    const sent = decodeSendReply(
      (
        await callSys(second.url, "send", [
          ...DEMO,
          ["charset", "utf-8"],
          ["phones", `G5,${B}`],
          ["mes", "Hi %name%"],
          ["fmt", "3"],
        ])
      ).text,
      3,
    ) as SendReply;
    expect(sent.cnt).toBe(1);
    expect(second.messages().map((m) => [m.phone, m.text, m.status])).toEqual([
      [B, "Hi %name%", 23],
      [A, "Hi Айгерим", 1],
    ]);
  });
});

describe("send.php to a group", () => {
  it("sends to every number of the group's contacts, each text with its contact's fields", async () => {
    const sb = await sandbox();
    const g = await idOf(
      phones(sb, [
        ["add_group", "1"],
        ["name", "Clients"],
        ["num", "12"],
      ]),
    );
    await phones(sb, [
      ["add", "1"],
      ["phone", `${A},${B}`],
      ["name", "Айгерим"],
      ["fnm", "Aigerim"],
      ["grp", String(g)],
    ]);
    await phones(sb, [
      ["add", "1"],
      ["phone", C],
      ["name", "Carl"],
      ["grp", String(g)],
    ]);
    const r = await callSys(sb.url, "send", [
      ...DEMO,
      ["charset", "utf-8"],
      ["phones", "G12"],
      ["mes", "Здравствуйте, %name% (%fnm%)! 50% off"],
      ["fmt", "3"],
      ["cost", "3"],
    ]);
    const reply = decodeSendReply(r.text, 3) as SendReply;
    expect(reply).toMatchObject({ cnt: 3, cost: 30 });
    expect(
      sb
        .messages()
        .map((m) => [m.phone, m.text])
        .sort(),
    ).toEqual([
      [A, "Здравствуйте, Айгерим (Aigerim)! 50% off"],
      [B, "Здравствуйте, Айгерим (Aigerim)! 50% off"],
      [C, "Здравствуйте, Carl ()! 50% off"],
    ]);
  });

  it("fills the placeholders for a contact addressed by number, and leaves them for anybody else", async () => {
    const sb = await sandbox();
    await phones(sb, [
      ["add", "1"],
      ["phone", A],
      ["name", "Айгерим"],
    ]);
    await callSys(sb.url, "send", [
      ...DEMO,
      ["charset", "utf-8"],
      ["phones", `${A},${B}`],
      ["mes", "Hi %name%"],
      ["fmt", "3"],
    ]);
    expect(
      sb
        .messages()
        .map((m) => [m.phone, m.text])
        .sort(),
    ).toEqual([
      [A, "Hi Айгерим"],
      [B, "Hi %name%"],
    ]);
  });

  it("sends e-mail (mail=1) to the addresses of an e-mail group; an unknown group is an invalid number", async () => {
    const sb = await sandbox();
    const g = await idOf(
      phones(sb, [
        ["add_group", "1"],
        ["name", "Mail"],
        ["type", "1"],
      ]),
    );
    await phones(sb, [
      ["add", "1"],
      ["phone", A],
      ["mail", "a@example.kz,b@example.kz"],
      ["grp", String(g)],
    ]);
    const num = (await groupsOf(sb))[0]!.num!;
    await callSys(sb.url, "send", [
      ...DEMO,
      ["phones", `G${num}`],
      ["mes", "letter"],
      ["subj", "Hello"],
      ["mail", "1"],
      ["sender", "shop@example.kz"],
      ["fmt", "3"],
    ]);
    expect(
      sb
        .messages()
        .map((m) => [m.phone, m.format])
        .sort(),
    ).toEqual([
      ["a@example.kz", "mail"],
      ["b@example.kz", "mail"],
    ]);
    const unknown = await callSys(sb.url, "send", [...DEMO, ["phones", "G999"], ["mes", "x"], ["fmt", "3"]]);
    expect(decodeError(unknown.text, 3)?.code).toBe(7);
  });
});
