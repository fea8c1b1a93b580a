// op_templates.php and documents.php over real HTTP, as far as the spec goes: operator templates (add, get with the
// operator flags) and invoices for sub-clients with their acts; every fmt, their errors, accounts kept apart, and a
// restart on the same --db file.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  decodeDocument,
  decodeError,
  decodeIdReply,
  decodeOpTemplates,
  type Fmt,
  type OpTemplate,
  type SubclientDocument,
} from "smsc/protocol";
import { type Sandbox, type SandboxOptions, startSandbox } from "smsc-sandbox";
import { afterEach, describe, expect, it } from "vitest";
import { addSubclient, callSys, DEMO } from "./sandbox-helpers.js";

const FMTS: Fmt[] = [0, 1, 2, 3];
const OTHER: Array<[string, string]> = [
  ["login", "client1"],
  ["psw", "pw"],
];

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
    ...extra,
  });
  sandboxes.push(s);
  // client1 is the demo account's sub-client: documents.php invoices only those
  if (!s.store.accountByLogin("client1")) await addSubclient(s.url, "client1", "pw");
  return s;
}
function call(
  sb: Sandbox,
  script: "op_templates" | "documents",
  fields: Array<[string, string]>,
  auth = DEMO,
) {
  const fmt = fields.some(([k]) => k === "fmt") ? [] : ([["fmt", "3"]] as Array<[string, string]>);
  return callSys(sb.url, script, [...auth, ["charset", "utf-8"], ...fmt, ...fields]);
}
const code = async (r: Promise<{ text: string }>, fmt: Fmt = 3) => decodeError((await r).text, fmt)?.code;

describe("op_templates.php", () => {
  it("registers templates with their operator flags and lists them in every format", async () => {
    const sb = await sandbox();
    const r = await call(sb, "op_templates", [
      ["add", "1"],
      ["sender", "Shop"],
      ["msg", "Ваш код: %s, никому не сообщайте"],
      ["mts_srv", "1"],
      ["mega_trn", "1"],
      ["bee_srv", "0"],
      ["fmt", "0"],
    ]);
    expect(r.text).toMatch(/^ID = \d+$/);
    const id = (decodeIdReply(r.text, 0) as { id: number }).id;
    for (const fmt of FMTS) {
      const [t] = decodeOpTemplates(
        (
          await call(sb, "op_templates", [
            ["get", "1"],
            ["fmt", String(fmt)],
          ])
        ).text,
        fmt,
      ) as OpTemplate[];
      expect(t, `fmt=${fmt}`).toMatchObject({
        id,
        sender: "Shop",
        message: "Ваш код: %s, никому не сообщайте",
        mtsService: true,
        mtsTransactional: false,
        megafonTransactional: true,
        beelineService: false,
        tele2Service: false,
      });
    }
  });

  it("answers 1 without a sender or a text, 3 when there are none, and keeps accounts apart", async () => {
    const sb = await sandbox();
    for (const fmt of FMTS) {
      expect(
        await code(
          call(sb, "op_templates", [
            ["add", "1"],
            ["msg", "x"],
            ["fmt", String(fmt)],
          ]),
          fmt,
        ),
      ).toBe(1);
      expect(
        await code(
          call(sb, "op_templates", [
            ["add", "1"],
            ["sender", "S"],
            ["fmt", String(fmt)],
          ]),
          fmt,
        ),
      ).toBe(1);
      expect(await code(call(sb, "op_templates", [["fmt", String(fmt)]]), fmt)).toBe(1);
      expect(
        await code(
          call(sb, "op_templates", [
            ["get", "1"],
            ["fmt", String(fmt)],
          ]),
          fmt,
        ),
      ).toBe(3);
    }
    await call(
      sb,
      "op_templates",
      [
        ["add", "1"],
        ["sender", "S"],
        ["msg", "m"],
      ],
      OTHER,
    );
    expect(await code(call(sb, "op_templates", [["get", "1"]]))).toBe(3);
  });
});

describe("documents.php", () => {
  it("issues an invoice to a sub-client, by login or id, and returns it and its act in every format", async () => {
    const sb = await sandbox();
    const client = sb.store.accountByLogin("client1")!;
    const first = await call(sb, "documents", [
      ["add_account", "1"],
      ["user", "client1"],
      ["sum", "5000"],
      ["service", "SMS, январь"],
    ]);
    const id = (decodeIdReply(first.text, 3) as { id: number }).id;
    const second = await call(sb, "documents", [
      ["add_account", "1"],
      ["user_id", String(client.id)],
      ["sum", "12.5"],
    ]);
    const id2 = (decodeIdReply(second.text, 3) as { id: number }).id;
    for (const fmt of FMTS) {
      const inv = decodeDocument(
        (
          await call(sb, "documents", [
            ["get_account", "1"],
            ["id", String(id)],
            ["fmt", String(fmt)],
          ])
        ).text,
        fmt,
      );
      expect(inv, `fmt=${fmt}`).toEqual({
        id,
        num: "1",
        kind: "account",
        date: expect.stringMatching(/^\d{2}\.\d{2}\.\d{4}$/),
        user: "client1",
        userId: client.id,
        sum: 5000,
        currency: "KZT",
        service: "SMS, январь",
      } satisfies SubclientDocument);
    }
    const act = decodeDocument(
      (
        await call(sb, "documents", [
          ["get_act", "1"],
          ["num", "2"],
        ])
      ).text,
      3,
    ) as SubclientDocument;
    expect(act).toMatchObject({ id: id2, num: "2", kind: "act", sum: 12.5 });
    expect(
      decodeDocument(
        (
          await call(sb, "documents", [
            ["get_act", "1"],
            ["id", String(id)],
          ])
        ).text,
        3,
      ),
    ).toMatchObject({
      kind: "act",
      num: "1",
    });
  });

  it("answers 1 for a bad sum or no id, 3 for an unknown document, 6 for an unknown sub-client", async () => {
    // "other" is an account of the sandbox but no sub-client of demo's: no invoice for it
    const sb = await sandbox({ accounts: [{ login: "other", password: "pw" }] });
    const cases: Array<[Array<[string, string]>, number]> = [
      [
        [
          ["add_account", "1"],
          ["user", "other"],
          ["sum", "1"],
        ],
        6,
      ],
      [
        [
          ["add_account", "1"],
          ["user", "nobody"],
          ["sum", "1"],
        ],
        6,
      ],
      [
        [
          ["add_account", "1"],
          ["user", "demo"],
          ["sum", "1"],
        ],
        6,
      ],
      [
        [
          ["add_account", "1"],
          ["user", "client1"],
          ["sum", "0"],
        ],
        1,
      ],
      [
        [
          ["add_account", "1"],
          ["user", "client1"],
          ["sum", "ten"],
        ],
        1,
      ],
      [
        [
          ["add_account", "1"],
          ["sum", "10"],
        ],
        1,
      ],
      [[["get_account", "1"]], 1],
      [
        [
          ["get_account", "1"],
          ["id", "99"],
        ],
        3,
      ],
      [
        [
          ["get_act", "1"],
          ["num", "99"],
        ],
        3,
      ],
      [[["get_act", "1"]], 1],
      [[], 1],
    ];
    for (const fmt of FMTS)
      for (const [fields, expected] of cases)
        expect(
          await code(call(sb, "documents", [...fields, ["fmt", String(fmt)]]), fmt),
          JSON.stringify(fields),
        ).toBe(expected);
    // an invoice is its issuer's: the sub-client does not see it
    const inv = await call(sb, "documents", [
      ["add_account", "1"],
      ["user", "client1"],
      ["sum", "1"],
    ]);
    const id = (decodeIdReply(inv.text, 3) as { id: number }).id;
    expect(
      await code(
        call(
          sb,
          "documents",
          [
            ["get_account", "1"],
            ["id", String(id)],
          ],
          OTHER,
        ),
      ),
    ).toBe(3);
  });
});

describe("a restart on the same --db file", () => {
  it("keeps operator templates and invoices", async () => {
    const dir = mkdtempSync(join(tmpdir(), "smsc-docs-"));
    dirs.push(dir);
    const db = join(dir, "sandbox.db");
    const first = await sandbox({ db });
    await call(first, "op_templates", [
      ["add", "1"],
      ["sender", "Shop"],
      ["msg", "m"],
      ["tele2_trn", "1"],
    ]);
    await call(first, "documents", [
      ["add_account", "1"],
      ["user", "client1"],
      ["sum", "7"],
    ]);
    await first.close();
    sandboxes.splice(sandboxes.indexOf(first), 1);
    const second = await sandbox({ db });
    expect(decodeOpTemplates((await call(second, "op_templates", [["get", "1"]])).text, 3)).toMatchObject([
      { sender: "Shop", tele2Transactional: true },
    ]);
    expect(
      decodeDocument(
        (
          await call(second, "documents", [
            ["get_act", "1"],
            ["num", "1"],
          ])
        ).text,
        3,
      ),
    ).toMatchObject({
      sum: 7,
      user: "client1",
    });
  });
});
