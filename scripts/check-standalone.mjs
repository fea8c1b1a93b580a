// CI's check of the standalone sandbox (scripts/build-standalone.mjs builds it): the executable is copied into an
// empty folder, far from any node_modules, and started with an environment holding nothing but a PATH on which
// there is no `node` (an empty folder). curl then sends to it over /sys/send.php and reads the message back through
// status.php and /api/v1/messages; the web inbox and the migrations must come from inside the file, and what it
// stored must survive a restart on the same --db.
// Usage: node scripts/check-standalone.mjs [path of the executable]
import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import test from "node:test";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const built = resolve(process.argv[2] ?? join(root, "dist/standalone/smsc-sandbox-linux-x64"));
const LIMIT_MS = 60_000;

/** Starts the executable with a bare environment; resolves with its URL from the first line of stdout. */
function start(exe, args, env) {
  const child = spawn(exe, args, { cwd: dirname(exe), env, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stderr.setEncoding("utf8").on("data", (d) => (stderr += d));
  const exited = new Promise((ok) => child.once("exit", (code, signal) => ok({ code, signal })));
  const url = new Promise((ok, fail) => {
    const timer = setTimeout(
      () => fail(new Error(`no URL after ${LIMIT_MS} ms:\n${stdout}${stderr}`)),
      LIMIT_MS,
    );
    child.stdout.setEncoding("utf8").on("data", (d) => {
      stdout += d;
      const m = /^smsc-sandbox listening on (http:\/\/127\.0\.0\.1:\d+)\n/.exec(stdout);
      if (m) {
        clearTimeout(timer);
        ok(m[1]);
      }
    });
    exited.then(({ code, signal }) =>
      fail(new Error(`exited (${code ?? signal}) before listening:\n${stderr}`)),
    );
  });
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
    return exited;
  };
  return { url, stop, stderr: () => stderr };
}

const curl = (...args) => execFileSync("curl", ["-sS", "--max-time", "30", ...args], { encoding: "utf8" });

test(`the standalone sandbox (${built}) sends and receives with no node on PATH`, async (t) => {
  assert.ok(existsSync(built), `${built} is missing: npm run build:standalone`);
  const dir = mkdtempSync(join(tmpdir(), "smsc-standalone-"));
  const emptyPath = join(dir, "path");
  mkdirSync(emptyPath);
  const exe = join(dir, "smsc-sandbox-linux-x64");
  copyFileSync(built, exe);
  execFileSync("chmod", ["755", exe]);
  const env = { PATH: emptyPath };
  const running = [];
  t.after(async () => {
    for (const r of running) await r.stop();
    rmSync(dir, { recursive: true, force: true });
  });
  // the environment it gets has no node to fall back on
  assert.throws(() => execFileSync("sh", ["-c", "command -v node"], { env }));

  const db = join(dir, "sandbox.db");
  const first = start(exe, ["--port", "0", "--db", db], env);
  running.push(first);
  const url = await first.url;

  await t.test("send.php by curl, then status.php and /api/v1/messages", () => {
    const sent = JSON.parse(
      curl(
        `${url}/sys/send.php`,
        ...["-d", "login=demo", "-d", "psw=demo", "-d", "phones=+77011234567", "-d", "mes=Сәлем from SEA"],
        ...["-d", "fmt=3", "-d", "charset=utf-8", "-d", "cost=3"],
      ),
    );
    assert.equal(sent.id, 1);
    assert.equal(sent.cnt, 1);
    assert.equal(Number(sent.cost), 10);
    assert.equal(Number(sent.balance), 990);
    const status = JSON.parse(
      curl(`${url}/sys/status.php?login=demo&psw=demo&phone=77011234567&id=1&fmt=3&all=1&charset=utf-8`),
    );
    assert.equal(status.message, "Сәлем from SEA");
    assert.ok([-1, 0, 1].includes(status.status), JSON.stringify(status));
    const { messages } = JSON.parse(curl(`${url}/api/v1/messages?phone=%2B77011234567`));
    assert.equal(messages.length, 1);
    assert.equal(messages[0].text, "Сәлем from SEA");
    assert.equal(messages[0].encoding, "ucs2");
  });

  await t.test("the web inbox is served from the executable's own assets", () => {
    for (const file of ["index.html", "app.js", "inbox.css"]) {
      const served = curl(`${url}/${file === "index.html" ? "" : file}`);
      const source = readFileSync(join(root, "packages/sandbox/src/inbox/public", file), "utf8");
      assert.equal(served, source, file);
    }
    assert.match(curl("-o", "/dev/null", "-w", "%{http_code}", `${url}/nothing.js`), /^404$/);
  });

  await t.test("what it stored survives a restart on the same --db", async () => {
    assert.deepEqual(await first.stop(), { code: 0, signal: null });
    const second = start(exe, ["--port", "0", "--db", db], env);
    running.push(second);
    const again = await second.url;
    assert.equal(curl(`${again}/sys/balance.php?login=demo&psw=demo`), "990.00");
    const { messages } = JSON.parse(curl(`${again}/api/v1/messages`));
    assert.deepEqual(
      messages.map((m) => m.text),
      ["Сәлем from SEA"],
    );
    assert.deepEqual(await second.stop(), { code: 0, signal: null });
    assert.doesNotMatch(second.stderr(), /warning|error/i, second.stderr());
  });
});
