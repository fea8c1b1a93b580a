// The built `smsc` command's address-book commands against a real sandbox: contacts, groups, blacklist, senders,
// op-templates and documents — JSON and human output, --json FIELDS, service errors as exit codes, usage errors.
import { extractCode, type Sandbox, startSandbox } from "smsc-sandbox";
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { run } from "../packages/smsc/src/cli/run.js";
import { ensureBuilt, smsc } from "./cli-helpers.js";
import { addSubclient } from "./sandbox-helpers.js";

beforeAll(ensureBuilt, 180_000);

let sb: Sandbox;
beforeEach(async () => {
  sb = await startSandbox({
    port: 0,
    rateLimits: false,
    delays: { sentMs: 0, deliveredMs: 0 },
    senders: { moderationMs: "manual" },
  });
  await addSubclient(sb.url, "client1", "pw");
});
afterEach(async () => {
  await sb.close();
});

const auth = () => ["--base-url", sb.url, "--login", "demo", "--password", "demo"];
const A = "+77011234567";
const B = "+77017654321";

/** Runs a command that must succeed and returns its parsed JSON. */
async function ok(args: string[]) {
  const r = await smsc([...args, ...auth()]);
  expect(r.code, `${args.join(" ")}: ${r.stderr}`).toBe(0);
  return JSON.parse(r.stdout);
}
/** Runs a command in process on a terminal without colours and returns what it printed. */
async function onTerminal(args: string[]): Promise<string> {
  let out = "";
  const write = (t: string) => {
    out += t;
    return true;
  };
  const stream = { isTTY: true, hasColors: () => false, write };
  expect(await run([...args, ...auth()], { stdout: stream, stderr: stream }, { env: {} })).toBe(0);
  return out;
}
const errorOf = (stderr: string) =>
  JSON.parse(stderr).error as { code?: number; message: string; exitCode: number };

describe("smsc contacts and groups", () => {
  it("adds, lists, changes, moves and deletes; sends to the group", async () => {
    const { id: g } = await ok(["groups", "add", "Clients", "--num", "5"]);
    expect(
      await ok(["contacts", "add", A, "--name", "Айгерим", "--group", String(g), "--tags", "vip,kz"]),
    ).toEqual({
      id: expect.any(Number),
    });
    await ok(["contacts", "add", B, "--name", "Bob", "--birthday", "01.02.1990", "--comment", "new"]);
    expect(await ok(["contacts", "list", "--json", "phones,name,groups"])).toEqual([
      { phones: ["77011234567"], name: "Айгерим", groups: [g] },
      { phones: ["77017654321"], name: "Bob", groups: [] },
    ]);
    expect(await ok(["contacts", "add-to", B, "--group", String(g)])).toEqual({ ok: true });
    await ok(["contacts", "change", B, "--new-phone", "+77021234567", "--first-name", "Robert"]);
    expect(await ok(["contacts", "list", "--search", "Robert", "--json", "phones,firstName,groups"])).toEqual(
      [{ phones: ["77021234567"], firstName: "Robert", groups: [g] }],
    );
    expect(await ok(["groups", "list"])).toMatchObject([{ id: g, name: "Clients", num: 5, members: 2 }]);
    await ok(["send", "G5", "Hi %name%", "--id", "g1"]);
    expect(
      sb
        .messages()
        .map((m) => m.text)
        .sort(),
    ).toEqual(["Hi Bob", "Hi Айгерим"]);
    await ok(["contacts", "remove-from", A, "--group", String(g)]);
    await ok(["contacts", "delete", "+77021234567"]);
    expect(await ok(["contacts", "list", "--json", "name,groups"])).toEqual([
      { name: "Айгерим", groups: [] },
    ]);
    await ok(["groups", "change", String(g), "--name", "Old"]);
    await ok(["groups", "delete", String(g)]);
    expect(await ok(["groups", "list"])).toEqual([]);
  }, 60_000);

  it("prints people's text, maps service errors to exit codes, and refuses a bad command line with exit 2", async () => {
    await ok(["contacts", "add", A, "--name", "Айгерим", "--comment", "first"]);
    await ok(["groups", "add", "Clients", "--num", "5"]);
    // on a terminal (in process): people's text
    expect(await onTerminal(["contacts", "list"])).toBe(
      "id: 1\nphones: 77011234567\nname: Айгерим\ncomment: first\n",
    );
    expect(await onTerminal(["groups", "list"])).toBe("1  G5  Clients  (0 contacts)\n");
    expect(await onTerminal(["blacklist", "add", B])).toBe("added: id 1\n");
    expect(await onTerminal(["blacklist", "remove", B])).toBe("done\n");
    expect(await onTerminal(["senders", "list"])).toBe("no sender names\n");
    const missing = await smsc(["contacts", "delete", B, ...auth()]);
    expect(missing.code).toBe(13);
    expect(errorOf(missing.stderr)).toMatchObject({
      code: 3,
      message: expect.stringContaining("records not found"),
    });
    const taken = await smsc(["contacts", "add", A, ...auth()]);
    expect(taken.code).toBe(15);
    for (const [args, message] of [
      [["contacts"], "contacts needs an action"],
      [["contacts", "lsit"], 'unknown contacts action "lsit". Did you mean "list"?'],
      [["contacts", "add"], "the phone number(s) is missing"],
      [["contacts", "move", A], "contacts move needs --group"],
      [["contacts", "list", "--after", "x"], "--after must be a positive integer"],
      [["groups", "add", "x", "--type", "5"], "--type must be 0 or 1"],
      [["blacklist", "add", A, "--type", "7"], "--type must be 0, 1 or 2"],
      [["op-templates", "add", "--sender", "S"], "needs --sender and --message"],
      [
        ["op-templates", "add", "--sender", "S", "-m", "x", "--operators", "mts"],
        '--operators: unknown "mts"',
      ],
      [["documents", "invoice", "--sum", "5"], "needs --user or --user-id"],
    ] as const) {
      const r = await smsc([...args, ...auth()]);
      expect(r.code, args.join(" ")).toBe(2);
      expect(errorOf(r.stderr).message, args.join(" ")).toContain(message);
    }
  }, 60_000);
});

describe("smsc blacklist", () => {
  it("lists a number, whose messages then end in status 23, and removes it", async () => {
    expect(await ok(["blacklist", "add", A, "--type", "0", "--comment", "stop"])).toEqual({
      id: expect.any(Number),
    });
    const sent = await ok(["send", A, "blocked", "--id", "b1"]);
    expect(sent).toMatchObject({ cnt: 0, cost: 0 });
    expect(await ok(["status", "b1", A, "--json", "status,err"])).toEqual({ status: 23, err: 250 });
    expect(await ok(["blacklist", "remove", A])).toEqual({ ok: true });
    const again = await smsc(["blacklist", "remove", A, ...auth()]);
    expect(again.code).toBe(13);
  }, 60_000);
});

describe("smsc senders", () => {
  it("registers a name, lists it by state, confirms a digital name with the code it received", async () => {
    const { id } = await ok(["senders", "add", "Shop", "--comment", "online shop", "--inn", "123"]);
    expect(await ok(["senders", "list"])).toEqual([]);
    expect(await ok(["senders", "list", "--all", "--json", "id,sender,state,comment,inn"])).toEqual([
      { id, sender: "Shop", state: 0, comment: "online shop", inn: "123" },
    ]);
    await ok(["senders", "change", "--id", String(id), "--rename", "Shop2"]);
    await ok(["senders", "add", A]);
    await ok(["senders", "send-code", A, "--site-name", "shop.kz"]);
    const code = extractCode((await sb.waitForMessage({ phone: A })).text);
    const again = await smsc(["senders", "send-code", A, ...auth()]);
    expect(again.code).toBe(3);
    expect(errorOf(again.stderr)).toMatchObject({ code: 10 });
    const wrong = await smsc(["senders", "check-code", A, code === "1111" ? "2222" : "1111", ...auth()]);
    expect(errorOf(wrong.stderr)).toMatchObject({ code: 11 });
    await ok(["senders", "check-code", A, code]);
    expect(await ok(["senders", "list", "--json", "sender,state"])).toEqual([
      { sender: "77011234567", state: 1 },
    ]);
    await ok(["senders", "delete", "Shop2"]);
    expect((await ok(["senders", "list", "--all"])).map((s: { sender: string }) => s.sender)).toEqual([
      "77011234567",
    ]);
  }, 60_000);
});

describe("smsc op-templates and documents", () => {
  it("registers and lists operator templates; issues and reads invoices and acts", async () => {
    const { id } = await ok([
      "op-templates",
      "add",
      "--sender",
      "Shop",
      "--message",
      "Код %s",
      "--operators",
      "mts_srv,tele2_trn",
    ]);
    expect(
      await ok(["op-templates", "list", "--json", "id,sender,mtsService,tele2Transactional,beelineService"]),
    ).toEqual([{ id, sender: "Shop", mtsService: true, tele2Transactional: true, beelineService: false }]);
    const inv = await ok(["documents", "invoice", "--user", "client1", "--sum", "1500", "--service", "SMS"]);
    expect(await ok(["documents", "get", String(inv.id), "--json", "id,kind,user,sum,service"])).toEqual({
      id: inv.id,
      kind: "account",
      user: "client1",
      sum: 1500,
      service: "SMS",
    });
    expect(await ok(["documents", "act", "--num", "1", "--json", "kind,num"])).toEqual({
      kind: "act",
      num: "1",
    });
    const stranger = await smsc(["documents", "invoice", "--user", "nobody", "--sum", "1", ...auth()]);
    expect(stranger.code).toBe(16);
  }, 60_000);
});
