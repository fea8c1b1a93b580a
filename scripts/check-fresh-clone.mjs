// A newcomer's first minutes, as CI's step: clones the repository's HEAD into a temporary folder (with ../shared
// beside it when there is one), runs the README's first command there, then the README's main-job line and its
// "ask the API" line exactly as README.md writes them (read from it, never restated here), and checks the replies
// and the stored message. It also runs `npx smsc --version`, the other bin a first install must link.
// Usage: node scripts/check-fresh-clone.mjs [--keep]   (--keep leaves the clone in place)
import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { createConnection } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import test from "node:test";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const keep = process.argv.includes("--keep");

/** The commands of the README's first ```sh block: the install command, then the test command. */
function firstCommands(md) {
  const block = /```sh\n([\s\S]*?)```/.exec(md)?.[1];
  assert.ok(block, "README.md has no ```sh block");
  return block
    .split("\n")
    .map((l) => l.replace(/\s+#.*$/, "").trim())
    .filter(Boolean);
}

/** The one line of the ```sh block that follows the README's "Start the sandbox…" sentence. */
function mainJobLine(md) {
  const at = md.indexOf("Start the sandbox and send a first message to it:");
  assert.ok(at >= 0, 'README.md lost the sentence "Start the sandbox and send a first message to it:"');
  const block = /```sh\n([\s\S]*?)```/.exec(md.slice(at))?.[1]?.trim();
  assert.ok(block && !block.includes("\n"), `the main job is not one line: ${block}`);
  return block;
}

/** The backticked curl command after "or ask the API:". */
function askLine(md) {
  const line = /or ask the API:\s*`(curl [^`]+)`/.exec(md)?.[1];
  assert.ok(line, 'README.md lost its "or ask the API: `curl …`" line');
  return line;
}

const portOpen = (port) =>
  new Promise((ok) => {
    const s = createConnection({ host: "127.0.0.1", port }, () => {
      s.destroy();
      ok(true);
    });
    s.on("error", () => ok(false));
  });

const groupAlive = (pgid) => {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
};

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Runs a shell line in its own process group; resolves when the shell exits (its `&` jobs may live on). */
function shell(line, cwd, limitMs) {
  const child = spawn("bash", ["-c", line], { cwd, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (d) => (stdout += d));
  child.stderr.setEncoding("utf8").on("data", (d) => (stderr += d));
  const exited = new Promise((ok, fail) => {
    const timer = setTimeout(
      () => fail(new Error(`no exit after ${limitMs} ms: ${line}\n${stdout}${stderr}`)),
      limitMs,
    );
    child.once("error", fail);
    child.once("exit", (code) => {
      clearTimeout(timer);
      ok(code);
    });
  });
  return { pgid: child.pid, exited, out: () => stdout, err: () => stderr };
}

/** Ends a process group: SIGTERM, then SIGKILL if it is still there after 15 s. */
async function endGroup(pgid) {
  if (!groupAlive(pgid)) return;
  process.kill(-pgid, "SIGTERM");
  for (let i = 0; i < 150 && groupAlive(pgid); i++) await sleep(100);
  if (groupAlive(pgid)) process.kill(-pgid, "SIGKILL");
}

test("a fresh clone: the README's install command, then its main-job line, exactly as written", async (t) => {
  const base = mkdtempSync(join(tmpdir(), "smsc-fresh-"));
  const clone = join(base, "main");
  const groups = [];
  t.after(async () => {
    for (const g of groups) await endGroup(g);
    if (keep) console.log(`# the clone is kept in ${clone}`);
    else rmSync(base, { recursive: true, force: true });
  });

  const head = execFileSync("git", ["rev-parse", "HEAD"], { cwd: root, encoding: "utf8" }).trim();
  execFileSync("git", ["clone", "-q", "--no-checkout", root, clone]);
  execFileSync("git", ["checkout", "-q", head], { cwd: clone });
  const shared = join(root, "..", "shared");
  if (existsSync(shared)) symlinkSync(shared, join(base, "shared"));
  // the clone's own README: what a newcomer reads is what was committed
  const md = readFileSync(join(clone, "README.md"), "utf8");
  const [install, testCommand] = firstCommands(md);
  assert.equal(testCommand, "npm test", "the README's second command is the test command CI runs");
  const line = mainJobLine(md);
  const ask = askLine(md);
  const port = Number(/http:\/\/127\.0\.0\.1:(\d+)\/sys\/send\.php/.exec(line)?.[1]);
  assert.ok(port > 0, `no sandbox URL in the main-job line: ${line}`);

  await t.test(`README's first command: ${install}`, async () => {
    const started = Date.now();
    const run = shell(install, clone, 30 * 60_000);
    groups.push(run.pgid);
    const code = await run.exited;
    assert.equal(code, 0, `${install} failed:\n${run.out()}\n${run.err()}`);
    const mb = execFileSync("du", ["-sm", "node_modules"], { cwd: clone, encoding: "utf8" }).split("\t")[0];
    console.log(`# ${install}: ${((Date.now() - started) / 1000).toFixed(0)} s, node_modules ${mb} MB`);
  });

  await t.test(`README's main-job line: ${line}`, async () => {
    // another process on the port would answer in the sandbox's place
    for (let i = 0; i < 120 && (await portOpen(port)); i++) await sleep(500);
    assert.equal(await portOpen(port), false, `port ${port} is taken by another process`);
    const run = shell(line, clone, 5 * 60_000);
    groups.push(run.pgid);
    const code = await run.exited;
    const out = run.out();
    assert.equal(code, 0, `the line failed (${code}):\n${out}\n${run.err()}`);
    // the reply, on a line of its own (curl -w '\n'), from the sandbox this line started
    assert.match(out, /^\{"id":1,"cnt":1\}\n/m, `no send reply in:\n${out}\n${run.err()}`);
    assert.match(out, new RegExp(`^smsc-sandbox listening on http://127\\.0\\.0\\.1:${port}\n`, "m"), out);

    const status = execFileSync("bash", ["-c", ask], { cwd: clone, encoding: "utf8" });
    assert.match(status, /\n$/, "the status reply ends with a newline");
    const st = JSON.parse(status);
    assert.ok([-1, 0, 1].includes(st.status), `status.php: ${status}`);
    const list = await (await fetch(`http://127.0.0.1:${port}/api/v1/messages`)).json();
    const sent = list.messages.find((m) => m.id === 1 || m.id === "1");
    assert.ok(sent, `the message is not in /api/v1/messages: ${JSON.stringify(list)}`);
    assert.equal(sent.text, "Hello");
    assert.match(String(sent.phone), /77011234567/);

    const version = execFileSync("npx", ["smsc", "--version"], { cwd: clone, encoding: "utf8" }).trim();
    const pkg = JSON.parse(readFileSync(join(clone, "packages/smsc/package.json"), "utf8"));
    assert.equal(version, pkg.version, "npx smsc --version");
  });
});
