// The conventions a user brings from gh, twilio-cli and vercel: colour on a terminal only (NO_COLOR, --no-color,
// FORCE_COLOR), "did you mean", --json field selection, a stable "not found" exit code, a connection error naming
// every host, a port in use as a usage error. The built CLI against a real sandbox, on a pseudo-terminal where a
// terminal matters; in process (run()) where only the streams' nature does.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { type AddressInfo, createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type Sandbox, startSandbox } from "smsc-sandbox";
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { run } from "../packages/smsc/src/cli/run.js";
import { ensureBuilt, smsc, smscOnTty, startSmsc, until } from "./cli-helpers.js";

beforeAll(ensureBuilt, 180_000);

let sb: Sandbox;
beforeEach(async () => {
  sb = await startSandbox({ port: 0 });
});
afterEach(async () => {
  await sb.close();
});

const auth = () => ["--base-url", sb.url, "--login", "demo", "--password", "demo"];
const PHONE = "77011234567";
const ESC = "\x1b[";
const errorOf = (stderr: string) =>
  JSON.parse(stderr).error as { name: string; message: string; exitCode: number };

/** In-process streams: a terminal (isTTY) that may or may not say it has colours. */
function streams(opts: { tty?: boolean; colors?: boolean } = {}) {
  const out = { stdout: "", stderr: "" };
  const stream = (key: "stdout" | "stderr") => ({
    isTTY: opts.tty ?? true,
    ...(opts.colors !== undefined ? { hasColors: () => opts.colors! } : {}),
    write: (s: string) => {
      out[key] += s;
      return true;
    },
  });
  return { out, io: { stdout: stream("stdout"), stderr: stream("stderr") } };
}

describe("colour", () => {
  it("colours a terminal's output, and never when NO_COLOR is set, with --no-color, or for --json", async () => {
    const args = ["status", "nope", PHONE, ...auth()];
    const tty = await smscOnTty(args);
    expect(tty.code).toBe(9);
    expect(tty.output).toContain(`${ESC}31mnot found:${ESC}39m`);
    expect(tty.output).toContain(`status: ${ESC}31m-3 (message not found)${ESC}39m`);
    // no-color.org: any non-empty value turns colour off; an empty one does not
    const noColor = await smscOnTty(args, { NO_COLOR: "1" });
    expect(noColor.output).toContain("not found: the service has no message nope");
    expect(noColor.output).not.toContain(ESC);
    expect((await smscOnTty(args, { NO_COLOR: "" })).output).toContain(`${ESC}31m`);
    const flag = await smscOnTty([...args, "--no-color"]);
    expect(flag.code).toBe(9);
    expect(flag.output).toContain("status: -3 (message not found)");
    expect(flag.output).not.toContain(ESC);
    const json = await smscOnTty([...args, "--json"]);
    expect(json.output).not.toContain(ESC);
    expect(JSON.parse(json.output).status).toBe(-3);
    // a terminal that cannot show colours
    expect((await smscOnTty(args, { TERM: "dumb" })).output).not.toContain(ESC);
    // help headings are bold on a terminal
    expect((await smscOnTty(["--help"])).output).toContain(`${ESC}1mCommands:${ESC}22m`);
  }, 60_000);

  it("follows the stream, not the process: none for a pipe or a stream that cannot tell; FORCE_COLOR forces it", async () => {
    const args = ["send", PHONE, "hi", "--id", "c1", ...auth()];
    const plain = streams(); // isTTY but no hasColors: a test double, a stream that cannot say
    expect(await run(args, plain.io, { env: {} })).toBe(0);
    expect(plain.out.stdout).toBe("sent: id c1, 1 SMS, cost 10, balance 990\n");
    const colored = streams({ colors: true });
    await run(["balance", ...auth()], colored.io, { env: {} });
    expect(colored.out.stdout).toBe(`${ESC}1m990${ESC}22m KZT\n`);
    const dumb = streams({ colors: false });
    await run(["balance", ...auth()], dumb.io, { env: {} });
    expect(dumb.out.stdout).toBe("990 KZT\n");
    const forced = streams();
    await run(["balance", ...auth()], forced.io, { env: { FORCE_COLOR: "1" } });
    expect(forced.out.stdout).toBe(`${ESC}1m990${ESC}22m KZT\n`);
    const forcedOff = streams({ colors: true });
    await run(["balance", ...auth()], forcedOff.io, { env: { FORCE_COLOR: "0" } });
    expect(forcedOff.out.stdout).toBe("990 KZT\n");
    // NO_COLOR wins over FORCE_COLOR, --no-color over both
    const both = streams({ colors: true });
    await run(["balance", ...auth()], both.io, { env: { FORCE_COLOR: "1", NO_COLOR: "1" } });
    expect(both.out.stdout).toBe("990 KZT\n");
    const flag = streams({ colors: true });
    await run(["balance", ...auth(), "--no-color"], flag.io, { env: { FORCE_COLOR: "1" } });
    expect(flag.out.stdout).toBe("990 KZT\n");
    // an error on a colour terminal
    const err = streams({ colors: true });
    expect(await run(["send", "12", "x", "--id", "e1", ...auth()], err.io, { env: {} })).toBe(17);
    expect(err.out.stderr).toBe(`${ESC}31merror 7${ESC}39m (invalid number), id e1\n`);
  });
});

describe("did you mean", () => {
  it("suggests the nearest command, flag, config action and shell, exiting 2", async () => {
    const cases: Array<[string[], string]> = [
      [["sned", PHONE, "hi"], 'unknown command "sned". Did you mean "send"?'],
      [["stauts"], 'unknown command "stauts". Did you mean "status"?'],
      [["balanse"], 'unknown command "balanse". Did you mean "balance"?'],
      [["seg"], 'unknown command "seg". Did you mean "segments"?'],
      [["help", "cots"], 'unknown command "cots". Did you mean "cost"?'],
      [["balance", "--pasword", "x"], "unknown flag --pasword for smsc balance. Did you mean --password?"],
      [["send", "--tempalte", "x"], "unknown flag --tempalte for smsc send. Did you mean --template?"],
      [["balance", "--jsno"], "unknown flag --jsno for smsc balance. Did you mean --json?"],
      [["config", "lsit"], 'unknown config action "lsit". Did you mean "list"?'],
      [["completion", "bsh"], 'no completion for "bsh". Did you mean "bash" or "zsh"?'],
      [["--verison"], "flags go after the command, smsc <command> [flags]. Did you mean --version?"],
    ];
    for (const [args, message] of cases) {
      const r = await smsc(args);
      expect(r.code, args.join(" ")).toBe(2);
      expect(errorOf(r.stderr).message, args.join(" ")).toContain(message);
    }
    expect(sb.control.messages()).toEqual([]);
    // nothing near: the way to the list instead of a guess
    expect(errorOf((await smsc(["launch"])).stderr).message).toBe(
      'unknown command "launch". Run smsc --help for the list.',
    );
    expect(errorOf((await smsc(["balance", "--bogus"])).stderr).message).toBe(
      "unknown flag --bogus for smsc balance. Run smsc balance --help for its flags.",
    );
    expect(errorOf((await smsc(["balance", "--login"])).stderr).message).toBe("--login needs a value");
    // the same on a terminal, as text
    const tty = await smscOnTty(["sned"], { NO_COLOR: "1" });
    expect(tty).toEqual({ code: 2, output: 'error: unknown command "sned". Did you mean "send"?\r\n' });
  }, 60_000);
});

describe("--json fields", () => {
  it("keeps the fields asked for, in order, as --json a,b or --json=a,b; plain --json keeps everything", async () => {
    const picked = await smsc(["send", PHONE, "hi", "--id", "f1", ...auth(), "--json", "cost,id"]);
    expect(picked.code).toBe(0);
    expect(picked.stdout).toBe('{\n  "cost": 10,\n  "id": "f1"\n}\n');
    const eq = await smsc(["status", "f1", PHONE, "--all", "1", ...auth(), "--json=message,status"]);
    expect(JSON.parse(eq.stdout)).toEqual({ message: "hi", status: expect.any(Number) });
    // a field the result lacks is null, so the shape is stable
    expect(JSON.parse((await smsc(["balance", ...auth(), "--json", "credit,balance"])).stdout)).toEqual({
      credit: null,
      balance: 990,
    });
    // the word after a bare --json that is not a field list stays an argument
    const positional = await smsc(["send", "--json", PHONE, "second", "message", ...auth()]);
    expect(JSON.parse(positional.stdout)).toMatchObject({ cnt: 1, cost: 10, balance: 980, recovered: false });
    expect(sb.control.messages()[0]).toMatchObject({ text: "second message" });
    // lists: each element
    const list = await smsc([
      "status",
      "--id",
      "f1,nope",
      "--phone",
      `${PHONE},${PHONE}`,
      ...auth(),
      "--json=id,status",
    ]);
    expect(list.code).toBe(9);
    expect(JSON.parse(list.stdout)).toEqual([
      { id: "f1", status: expect.any(Number) },
      { id: "nope", status: -3 },
    ]);
    // an offline command the same way
    const segments = await smsc(["segments", "Привет", "--json=encoding,parts"]);
    expect(JSON.parse(segments.stdout)).toEqual({ encoding: "ucs2", parts: ["Привет"] });
  }, 60_000);

  it("refuses a field the command does not have before doing anything, suggesting the nearest", async () => {
    const r = await smsc(["send", PHONE, "hi", ...auth(), "--json=id,cots"]);
    expect(r.code).toBe(2);
    expect(errorOf(r.stderr).message).toBe(
      `--json: smsc send has no field "cots". Did you mean "cost"? Fields: ${(await fieldsOf("send")).join(", ")}`,
    );
    expect(sb.control.messages()).toEqual([]);
    expect((await smsc(["completion", "bash", "--json=x"])).code).toBe(2);
    expect((await smsc(["balance", ...auth(), "--json="])).code).toBe(2);
  });

  it("applies to the streamed NDJSON of tail and to smsc sandbox's line", async () => {
    const tail = startSmsc(["tail", "--base-url", sb.url, "--no-status", "--json", "event,phone,text"]);
    try {
      // the stream may connect after a send: send again (every half second) until a line shows up
      let polls = 0;
      await until(
        () => {
          if (tail.stdout().includes("\n")) return true;
          if (polls++ % 50 === 0) void smsc(["send", PHONE, "streamed", ...auth()]);
          return false;
        },
        20_000,
        "a streamed line",
      );
      const first = JSON.parse(tail.stdout().split("\n")[0]!);
      expect(first).toEqual({ event: "message", phone: PHONE, text: "streamed" });
    } finally {
      tail.child.kill("SIGINT");
      await tail.done;
    }
    const sandbox = startSmsc(["sandbox", "--port", "0", "--json=url"]);
    await until(() => sandbox.stdout().includes("\n"), 20_000, "the sandbox's line");
    expect(Object.keys(JSON.parse(sandbox.stdout()))).toEqual(["url"]);
    sandbox.child.kill("SIGINT");
    expect((await sandbox.done).code).toBe(0);
  });

  it("lists each command's fields in its help, and --version in the main help", async () => {
    expect((await smsc(["cost", "--help"])).stdout).toContain(
      "JSON fields (--json a,b keeps those): cost, cnt, phones",
    );
    const main = (await smsc(["--help"])).stdout;
    expect(main).toMatch(/^ {2}-V, --version +print the version of smsc$/m);
    expect(main).toMatch(/^ {2}--json \[fields\] +machine output/m);
    expect(main).toMatch(/^ {2}--no-color +no colours/m);
  });
});

async function fieldsOf(command: string): Promise<string[]> {
  const { COMMANDS } = await import("../packages/smsc/src/cli/commands/index.js");
  return [...(COMMANDS.get(command)!.fields ?? [])];
}

describe("status of an unknown message", () => {
  it("exits 9 with the record on stdout and a human line naming the id and phone", async () => {
    const r = await smsc(["status", "nope", PHONE, ...auth()]);
    expect(r.code).toBe(9);
    expect(JSON.parse(r.stdout)).toMatchObject({ status: -3 });
    expect(r.stderr).toBe("");
    const human = streams();
    expect(await run(["status", "nope", PHONE, ...auth()], human.io, { env: {} })).toBe(9);
    expect(human.out.stderr).toBe(`not found: the service has no message nope for ${PHONE} (status -3)\n`);
    expect(human.out.stdout).toMatch(/^status: -3 \(message not found\)$/m);
    // found: 0, and the status reads with its name
    const sent = JSON.parse((await smsc(["send", PHONE, "hi", "--id", "s1", ...auth()])).stdout);
    expect(sent.id).toBe("s1");
    const found = streams();
    expect(await run(["status", "s1", PHONE, ...auth()], found.io, { env: {} })).toBe(0);
    expect(found.out.stdout).toMatch(
      /^status: (-1|0|1) \((waiting to be sent|transferred to operator|delivered)\)$/m,
    );
  });
});

describe("connection errors", () => {
  it("name every host tried, once each, without a doubled smsc: prefix", async () => {
    const a = await startSandbox({ port: 0 });
    const b = await startSandbox({ port: 0 });
    await a.close();
    await b.close();
    const urls = `${a.url},${b.url}`;
    const r = await smsc(["balance", "--base-url", urls, "--login", "x", "--password", "y"]);
    expect(r.code).toBe(4);
    const e = errorOf(r.stderr);
    expect(e.name).toBe("ConnectionError");
    expect(e.message).toBe(
      `smsc: balance request failed on every host: ${a.url} (ECONNREFUSED, 3 attempts); ${b.url} (ECONNREFUSED, 3 attempts)`,
    );
    // a send refused everywhere was provably never sent: a ConnectionError naming both, not an unknown outcome
    const send = await smsc(["send", PHONE, "hi", "--base-url", urls, "--login", "x", "--password", "y"]);
    expect(send.code).toBe(4);
    expect(errorOf(send.stderr).message).toBe(
      `smsc: send request failed on every host: ${a.url} (ECONNREFUSED); ${b.url} (ECONNREFUSED)`,
    );
    // as text: one "error:", no "smsc:" after it
    const human = streams();
    const code = await run(
      ["balance", "--base-url", urls, "--login", "x", "--password", "y", "--max-retries", "0"],
      human.io,
      {
        env: {},
      },
    );
    expect(code).toBe(4);
    expect(human.out.stderr).toBe(
      `error: balance request failed on every host: ${a.url} (ECONNREFUSED); ${b.url} (ECONNREFUSED)\n`,
    );
  });
});

describe("send --csv --rate", () => {
  it("waits between requests without piling up abort listeners (no MaxListenersExceededWarning)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "smsc-rate-"));
    try {
      const csv = join(dir, "rows.csv");
      const rows = Array.from({ length: 16 }, (_, i) => `7701000${String(i).padStart(4, "0")},hi ${i}`);
      writeFileSync(csv, `phone,text\n${rows.join("\n")}\n`);
      const r = await smsc(["send", "--csv", csv, "--batch-size", "1", "--rate", "40", ...auth()]);
      expect(r.stderr).toBe("");
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout)).toMatchObject({ sent: 16, complete: true });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("a port in use", () => {
  it("is a usage error naming the port and its flag, in smsc sandbox and in the smsc-sandbox bin", async () => {
    const held = await occupiedPort();
    try {
      const r = await smsc(["sandbox", "--port", String(held.port)]);
      expect(r.code).toBe(2);
      expect(errorOf(r.stderr)).toMatchObject({
        name: "UsageError",
        message: `port ${held.port} on 127.0.0.1 is already in use (another sandbox or server holds it): pass --port 0 to pick a free port, or --port <another port>`,
      });
      const smtp = await smsc(["sandbox", "--port", "0", "--smtp-port", String(held.port)]);
      expect(smtp.code).toBe(2);
      expect(errorOf(smtp.stderr).message).toContain(`port ${held.port} on 127.0.0.1 is already in use`);
      expect(errorOf(smtp.stderr).message).toContain("pass --smtp-port 0 to pick a free port");
      const bin = await runBin(["--port", String(held.port)]);
      expect(bin.code).toBe(2);
      expect(bin.stderr).toBe(
        `smsc-sandbox: port ${held.port} on 127.0.0.1 is already in use (another sandbox or server holds it): pass --port 0 to pick a free port, or --port <another port>\n`,
      );
      expect(bin.stdout).toBe("");
    } finally {
      await held.close();
    }
  });
});

/** A loopback port held by a listening server until close(). */
async function occupiedPort(): Promise<{ port: number; close(): Promise<void> }> {
  const server = createServer();
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}

const BIN = fileURLToPath(new URL("../packages/sandbox/dist/bin.js", import.meta.url));

function runBin(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((ok) => {
    const child = spawn(process.execPath, [BIN, ...args], { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (s: string) => (stdout += s));
    child.stderr.setEncoding("utf8").on("data", (s: string) => (stderr += s));
    child.on("close", (code) => ok({ code, stdout, stderr }));
  });
}
