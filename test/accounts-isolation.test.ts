// Several accounts, isolated by login and API key; retention limits with pruning.
import { type Sandbox, startSandbox } from "smsc-sandbox";
import { afterEach, describe, expect, it } from "vitest";
import { parseCliArgs } from "../packages/sandbox/src/cli-args.js";

let sb: Sandbox | undefined;
afterEach(async () => {
  await sb?.close();
  sb = undefined;
});

const ACCOUNTS = [
  { login: "alice", password: "a-pass", apikey: "alice-key" },
  { login: "bob", password: "b-pass", apikey: "bob-key" },
];

const call = (s: Sandbox, script: string, q: string) =>
  fetch(`${s.url}/sys/${script}.php?${q}&fmt=3`).then((r) => r.json() as Promise<Record<string, unknown>>);

describe("accounts", () => {
  it("cannot see or delete each other's messages through status.php", async () => {
    sb = await startSandbox({ accounts: ACCOUNTS, rateLimits: false });
    const sent = await call(sb, "send", "apikey=alice-key&phones=77011234567&mes=secret+of+alice");
    const id = sent.id as number;
    expect(await call(sb, "status", `login=bob&psw=b-pass&id=${id}&phone=77011234567`)).toMatchObject({
      status: -3,
    });
    expect(await call(sb, "status", `apikey=bob-key&id=${id}&phone=77011234567`)).toMatchObject({
      status: -3,
    });
    expect(await call(sb, "status", `apikey=bob-key&id=${id}&phone=77011234567&del=1`)).toMatchObject({
      error_code: 5,
    });
    expect(await call(sb, "status", `apikey=alice-key&id=${id}&phone=77011234567`)).toMatchObject({
      status: -1,
    });
    expect(await call(sb, "balance", "apikey=bob-key")).toMatchObject({ balance: "1000.00" });
    expect(await call(sb, "balance", "login=alice&psw=a-pass")).toMatchObject({ balance: "990.00" });
  });

  it("answer error 2 for a wrong API key or another account's password", async () => {
    sb = await startSandbox({ accounts: ACCOUNTS, rateLimits: false });
    expect(await call(sb, "balance", "apikey=nobodys-key")).toMatchObject({ error_code: 2 });
    expect(await call(sb, "balance", "login=alice&psw=b-pass")).toMatchObject({ error_code: 2 });
    expect(await call(sb, "send", "apikey=wrong&phones=77011234567&mes=x")).toMatchObject({ error_code: 2 });
    expect(sb.control.messages()).toHaveLength(0);
  });
});

describe("retention", () => {
  it("keeps at most N messages per account, pruning the oldest on insert", async () => {
    sb = await startSandbox({ accounts: ACCOUNTS, retention: { maxMessages: 2 }, rateLimits: false });
    const ids: number[] = [];
    for (const n of [1, 2, 3])
      ids.push((await call(sb, "send", `apikey=alice-key&phones=77011234567&mes=m${n}`)).id as number);
    await call(sb, "send", "apikey=bob-key&phones=77011234567&mes=bob");
    const status = (id: number) => call(sb!, "status", `apikey=alice-key&id=${id}&phone=77011234567`);
    expect(await status(ids[0]!)).toMatchObject({ status: -3 });
    expect(await status(ids[1]!)).toMatchObject({ status: -1 });
    expect(await status(ids[2]!)).toMatchObject({ status: -1 });
    const alice = sb.store.accountByLogin("alice")!.id;
    expect(sb.control.messages({ accountId: alice })).toHaveLength(2);
    expect(sb.control.messages()).toHaveLength(3);
  });

  it("prunes messages older than the age limit on the sandbox clock", async () => {
    let now = 1_700_000_000_000;
    sb = await startSandbox({ clock: () => now, retention: { maxAgeMs: 86_400_000 }, rateLimits: false });
    const old = (await call(sb, "send", "login=demo&psw=demo&phones=77011234567&mes=old")).id as number;
    now += 86_400_001;
    await call(sb, "send", "login=demo&psw=demo&phones=77011234567&mes=new");
    expect(await call(sb, "status", `login=demo&psw=demo&id=${old}&phone=77011234567`)).toMatchObject({
      status: -3,
    });
    expect(sb.control.messages()).toHaveLength(1);
  });

  it("comes from --retention and --retention-days", () => {
    expect(parseCliArgs(["--retention", "500", "--retention-days", "7"])).toMatchObject({
      options: { retention: { maxMessages: 500, maxAgeMs: 7 * 86_400_000 } },
    });
    expect(() => parseCliArgs(["--retention", "0"])).toThrow(/--retention/);
    expect(() => parseCliArgs(["--retention-days", "-1"])).toThrow(/--retention-days/);
  });
});
