// ping.php (event notifications) against a real sandbox: task groups from the option and the bin, the group's
// failure and recovery texts sent through send.php's rules, the four shapes, the errors, a restart, and
// smsc.notifications.send, which is never retried once the request may have reached the service.
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ConnectionError, NoMoneyError, ParametersError, Smsc } from "smsc";
import { decodeNotifyReply } from "smsc/protocol";
import { type Sandbox, startSandbox } from "smsc-sandbox";
import { afterEach, describe, expect, it } from "vitest";
import { runBin, sys } from "./reports-helpers.js";

const now = Date.UTC(2026, 10, 24, 9);
const open: Sandbox[] = [];
const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const s of open.splice(0)) await s.close();
  for (const c of cleanups.splice(0)) await c();
});

const GROUPS = {
  demo: [
    { id: 1, phones: "77011234567,79161234567" },
    {
      id: 2,
      phones: ["77017654321"],
      failure: "{NAME} on {HOST} is down: {INFO}",
      recovery: "{NAME} is back",
    },
  ],
  poor: [{ id: 1, phones: "77011234567" }],
};

async function sandbox(options: Parameters<typeof startSandbox>[0] = {}): Promise<Sandbox> {
  const sb = await startSandbox({
    port: 0,
    clock: () => now,
    rateLimits: false,
    accounts: [{ login: "poor", password: "poor-pw", balance: 0 }],
    taskGroups: GROUPS,
    ...options,
  });
  open.push(sb);
  return sb;
}

const ping = (sb: Sandbox, fields: Array<[string, string]>, login?: [string, string]) =>
  sys(sb.url, "ping", fields, login);

describe("ping.php", () => {
  it("sends the group's failure text to its numbers and answers like send.php, in the four formats", async () => {
    const sb = await sandbox();
    const fields: Array<[string, string]> = [
      ["id", "1"],
      ["name", "web"],
      ["host", "example.com"],
      ["info", "HTTP 502"],
    ];
    expect(await ping(sb, [...fields, ["fmt", "0"]])).toBe("OK - 2 SMS, ID - 1");
    expect(sb.messages({ limit: 10 }).map((m) => [m.phone, m.text])).toEqual([
      ["79161234567", "Problem: web example.com HTTP 502"],
      ["77011234567", "Problem: web example.com HTTP 502"],
    ]);
    expect(await ping(sb, [...fields, ["fmt", "1"]])).toBe("2,2");
    expect(await ping(sb, [...fields, ["fmt", "2"]])).toBe("<result>\n<id>3</id>\n<cnt>2</cnt>\n</result>");
    expect(await ping(sb, [...fields, ["fmt", "3"]])).toBe('{"id":4,"cnt":2}');
    for (const fmt of [0, 1, 2, 3] as const)
      expect(decodeNotifyReply(await ping(sb, [...fields, ["fmt", String(fmt)]]), fmt)).toMatchObject({
        cnt: 2,
      });
    // the sends are ordinary messages: priced, debited, in the history
    expect((await new Smsc({ login: "demo", password: "demo", baseUrl: sb.url }).balance()).balance).toBe(
      1000 - 8 * 20,
    );
  });

  it("sends the recovery text with ok=1, each group its own texts", async () => {
    const sb = await sandbox();
    await ping(sb, [
      ["id", "2"],
      ["name", "db"],
      ["host", "10.0.0.5"],
      ["info", "timeout"],
    ]);
    expect(sb.latest()!.text).toBe("db on 10.0.0.5 is down: timeout");
    await ping(sb, [
      ["id", "2"],
      ["name", "db"],
      ["ok", "1"],
    ]);
    expect(sb.latest()!.text).toBe("db is back");
    await ping(sb, [
      ["id", "1"],
      ["ok", "1"],
    ]);
    expect(sb.latest()!.text).toBe("Recovered:");
  });

  it("refuses an unknown group or ok value (1), a poor account (3 with an id) and a repeated notification (9)", async () => {
    const sb = await sandbox({ rateLimits: true });
    expect(
      await ping(sb, [
        ["id", "9"],
        ["fmt", "1"],
      ]),
    ).toBe("0,-1");
    expect(
      await ping(sb, [
        ["id", "x"],
        ["fmt", "3"],
      ]),
    ).toBe('{"error":"parameters error","error_code":1}');
    expect(await ping(sb, [["fmt", "0"]])).toBe("ERROR = 1 (parameters error)");
    expect(
      await ping(sb, [
        ["id", "1"],
        ["ok", "2"],
        ["fmt", "1"],
      ]),
    ).toBe("0,-1");
    expect(
      await ping(
        sb,
        [
          ["id", "1"],
          ["fmt", "0"],
        ],
        ["poor", "poor-pw"],
      ),
    ).toMatch(/^ERROR = 3 \(no money\), ID - \d+$/);
    expect(
      await ping(sb, [
        ["id", "1"],
        ["name", "a"],
        ["fmt", "1"],
      ]),
    ).toMatch(/^\d+,2$/);
    expect(
      await ping(sb, [
        ["id", "1"],
        ["name", "a"],
        ["fmt", "1"],
      ]),
    ).toBe("0,-9");
    expect(
      await ping(sb, [
        ["id", "1"],
        ["name", "b"],
        ["fmt", "1"],
      ]),
    ).toMatch(/^\d+,2$/);
    expect(await ping(sb, [["id", "1"]], ["demo", "wrong"])).toBe("ERROR = 2 (authorise error)");
  });

  it("keeps the task groups across a restart on the same database", async () => {
    const dir = mkdtempSync(join(tmpdir(), "ping-"));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const db = join(dir, "sandbox.db");
    const first = await sandbox({ db });
    await first.close();
    open.splice(open.indexOf(first), 1);
    const second = await sandbox({ db, taskGroups: {} });
    expect(second.control.taskGroups.groups(second.store.accountByLogin("demo")!).map((g) => g.id)).toEqual([
      1, 2,
    ]);
    expect(
      await ping(second, [
        ["id", "2"],
        ["name", "x"],
        ["fmt", "1"],
      ]),
    ).toMatch(/^\d+,1$/);
  });

  it("takes task groups from the bin's --task-group LOGIN:ID:PHONES and refuses a malformed one", async () => {
    const bin = runBin(["--port", "0", "--task-group", "demo:5:77011234567,77017654321"]);
    cleanups.push(() => bin.child.kill("SIGKILL"));
    const url = await bin.url;
    expect(
      await sys(url, "ping", [
        ["id", "5"],
        ["name", "cron"],
        ["fmt", "3"],
      ]),
    ).toBe('{"id":1,"cnt":2}');
    bin.child.kill("SIGTERM");
    await bin.exit;
    const bad = await runBin(["--port", "0", "--task-group", "demo:0:7701"]).exit;
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--task-group must be LOGIN:ID:PHONES");
  });
});

describe("smsc.notifications.send", () => {
  it("sends a notification and maps the service's errors to their classes", async () => {
    const sb = await sandbox();
    const smsc = new Smsc({ login: "demo", password: "demo", baseUrl: sb.url });
    expect(await smsc.notifications.send({ group: 2, name: "api", host: "h", info: "500" })).toEqual({
      id: 1,
      cnt: 1,
    });
    expect(sb.latest()!.text).toBe("api on h is down: 500");
    expect(await smsc.notifications.send({ group: 2, name: "api", recovered: true })).toEqual({
      id: 2,
      cnt: 1,
    });
    expect(sb.latest()!.text).toBe("api is back");
    await expect(smsc.notifications.send({ group: 42 })).rejects.toBeInstanceOf(ParametersError);
    await expect(
      new Smsc({ login: "poor", password: "poor-pw", baseUrl: sb.url }).notifications.send({ group: 1 }),
    ).rejects.toBeInstanceOf(NoMoneyError);
    await expect(smsc.notifications.send({ group: 0 })).rejects.toThrow(/notify\.group/);
  });

  it("is not retried on another host once the request may have reached the service", async () => {
    const sb = await sandbox();
    // a host that reads the request and drops the connection: the request may have been processed
    let requests = 0;
    const dropper: Server = createServer((socket) => {
      socket.once("data", () => {
        requests++;
        socket.destroy();
      });
    });
    await new Promise<void>((r) => dropper.listen(0, "127.0.0.1", r));
    cleanups.push(() => new Promise((r) => dropper.close(r)));
    const port = (dropper.address() as { port: number }).port;
    const smsc = new Smsc({
      login: "demo",
      password: "demo",
      baseUrl: [`http://127.0.0.1:${port}`, sb.url],
      maxRetries: 3,
    });
    const err = await smsc.notifications.send({ group: 1, name: "x" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConnectionError);
    expect(err).toMatchObject({ maybeSent: true });
    expect(requests).toBe(1);
    expect(sb.messages()).toEqual([]);
    // a read with the same hosts fails over to the sandbox
    expect(await smsc.billing.tariffs()).toHaveLength(8);
  });
});
