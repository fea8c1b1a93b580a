// The built `smsc` command (packages/smsc/dist/cli/main.js) run as a child process against a real sandbox.
import { execFile } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { type AddressInfo, createServer, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Sandbox, startSandbox } from "smsc-sandbox";
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { COMMANDS } from "../packages/smsc/src/cli/commands/index.js";
import { MESSAGE_FORMATS, SEND_ERRORS } from "../packages/smsc/src/protocol/index.js";
import { cleanEnv, cli, ensureBuilt, root, smsc, startSmsc, until } from "./cli-helpers.js";

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

describe("smsc CLI", () => {
  it("prints the balance with its currency as JSON when stdout is not a terminal", async () => {
    const r = await smsc(["balance", ...auth()]);
    expect(r).toMatchObject({ code: 0, stderr: "" });
    expect(JSON.parse(r.stdout)).toEqual({ balance: 1000, currency: "KZT" });
  });

  it("sends with positional phones and text, then reads the status", async () => {
    const sent = await smsc(["send", ...auth(), PHONE, "Hello", "from", "CLI", "--json"]);
    expect(sent.code).toBe(0);
    const r = JSON.parse(sent.stdout);
    expect(r).toMatchObject({ cnt: 1, cost: 10, balance: 990, recovered: false });
    expect(sb.control.messages()[0]).toMatchObject({ id: r.id, text: "Hello from CLI" });
    const st = await smsc(["status", ...auth(), String(r.id), PHONE, "--all", "1"]);
    expect(st.code).toBe(0);
    expect(JSON.parse(st.stdout)).toMatchObject({ message: "Hello from CLI", phone: PHONE });
  });

  it("takes the message flags: --to (repeated), --sender, --translit, --format, --time, --id, --extra", async () => {
    const r = await smsc([
      "send",
      ...auth(),
      "--to",
      PHONE,
      "--to",
      "77017654321",
      "-m",
      "Привет",
      "--sender",
      ".",
      "--translit",
      "1",
      "--format",
      "flash",
      "--time",
      "0101301200",
      "--id",
      "cli-1",
      "--extra",
      "valid=01:00",
    ]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ id: "cli-1", cnt: 2 });
    const m = sb.control.messages()[0]!;
    expect(m).toMatchObject({ text: "Privet", sender: "", format: "flash", id: "cli-1" });
    expect(m.params).toMatchObject({ time: "0101301200", valid: "01:00" });
    const byIndex = await smsc(["send", ...auth(), "--to", PHONE, "--format", "3"]);
    expect(byIndex.code).toBe(0);
    expect(sb.control.messages()[0]!.format).toBe("hlr");
  });

  it("prices without sending", async () => {
    const r = await smsc(["cost", ...auth(), `${PHONE},77017654321`, "price"]);
    expect(JSON.parse(r.stdout)).toEqual({ cost: 20, cnt: 2 });
    expect(sb.control.messages()).toEqual([]);
  });

  it("reads several statuses with comma lists", async () => {
    const a = JSON.parse((await smsc(["send", ...auth(), PHONE, "a"])).stdout);
    const b = JSON.parse((await smsc(["send", ...auth(), "77017654321", "b"])).stdout);
    const r = await smsc(["status", ...auth(), "--id", `${a.id},${b.id}`, "--phone", `${PHONE},77017654321`]);
    expect(JSON.parse(r.stdout).map((s: { id: string }) => s.id)).toEqual([a.id, b.id]);
  });

  it("reads credentials and the base URL from the environment, and takes an API key", async () => {
    const env = { SMSC_LOGIN: "demo", SMSC_PASSWORD: "demo", SMSC_BASE_URL: sb.url };
    expect(JSON.parse((await smsc(["balance"], env)).stdout).balance).toBe(1000);
    const key = await smsc(["balance", "--base-url", sb.url, "--api-key", "demo-apikey"]);
    expect(JSON.parse(key.stdout).currency).toBe("KZT");
    const envKey = await smsc(["balance"], { SMSC_API_KEY: "demo-apikey", SMSC_BASE_URL: sb.url });
    expect(envKey.code).toBe(0);
  });

  it("exits 10 + the service code on API errors, printing the code and text, never the password", async () => {
    const auth2 = await smsc([
      "balance",
      "--base-url",
      sb.url,
      "--login",
      "demo",
      "--password",
      "Wrong-Pass",
    ]);
    expect(auth2.code).toBe(12);
    expect(JSON.parse(auth2.stderr).error).toMatchObject({
      name: "AuthError",
      code: 2,
      description: "authorise error",
    });
    expect(auth2.stderr + auth2.stdout).not.toContain("Wrong-Pass");
    const phone = await smsc(["send", ...auth(), "12", "text", "--id", "bad"]);
    expect(phone.code).toBe(17);
    expect(JSON.parse(phone.stderr).error).toMatchObject({ code: 7, id: "bad" });
    const date = await smsc(["send", ...auth(), PHONE, "text", "--time", "never"]);
    expect(date.code).toBe(15);
    const params = await smsc(["send", ...auth(), "--to", PHONE]);
    expect(params.code).toBe(11);
    expect(sb.control.messages()).toEqual([]);
  });

  it("exits 2 on a bad command line and 4 when no host answers", async () => {
    expect((await smsc(["launch"])).code).toBe(2);
    expect((await smsc(["balance", "--bogus"])).code).toBe(2);
    expect((await smsc(["send", ...auth()])).code).toBe(2);
    expect((await smsc(["balance", "--base-url", sb.url])).code).toBe(2);
    expect((await smsc(["send", ...auth(), PHONE, "x", "--translit", "7"])).code).toBe(2);
    const closed = await startSandbox({ port: 0 });
    await closed.close();
    const down = await smsc(["balance", "--base-url", closed.url, "--login", "a", "--password", "b"]);
    expect(down.code).toBe(4);
    expect(JSON.parse(down.stderr).error.name).toBe("ConnectionError");
  });

  it("prints help", async () => {
    const r = await smsc(["--help"]);
    expect(r.code).toBe(0);
    for (const c of ["send", "cost", "status", "balance", "--base-url", "SMSC_LOGIN"])
      expect(r.stdout).toContain(c);
    const sub = await smsc(["send", "--help"]);
    expect(sub.stdout).toContain("--translit");
  });

  it("prints help with examples for every command, and the exit codes from the protocol's error table", async () => {
    const main = await smsc(["--help"]);
    for (const [n, e] of Object.entries(SEND_ERRORS))
      expect(main.stdout).toContain(`${10 + Number(n)}  service error ${n}: ${e.server}`);
    for (const name of COMMANDS.keys()) {
      const r = await smsc([name, "--help"]);
      expect(r.code, name).toBe(0);
      expect(r.stdout, name).toContain(`usage: smsc ${name}`);
      expect(r.stdout, name).toMatch(/Examples:\n {2}smsc /);
      expect(main.stdout).toContain(`  ${name} `);
    }
    expect((await smsc(["help", "segments"])).stdout).toContain("--maxsms");
    const pkg = JSON.parse(readFileSync(join(root, "packages/smsc/package.json"), "utf8"));
    expect((await smsc(["--version"])).stdout).toBe(`${pkg.version}\n`);
    expect((await smsc(["send", "--help"])).stdout).toContain(Object.keys(MESSAGE_FORMATS).join(", "));
  });

  it("deletes a message; deleting it again is the service's error 5", async () => {
    const sent = JSON.parse((await smsc(["send", ...auth(), PHONE, "to delete", "--id", "d1"])).stdout);
    const r = await smsc(["delete", ...auth(), String(sent.id), PHONE]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ deleted: true, id: "d1", phone: PHONE });
    const st = await smsc(["status", ...auth(), "d1", PHONE]);
    expect(JSON.parse(st.stdout).status).toBe(-3);
    const again = await smsc(["delete", ...auth(), "--id", "d1", "--phone", PHONE]);
    expect(again.code).toBe(15);
    expect(JSON.parse(again.stderr).error).toMatchObject({ code: 5, name: "DeleteFailedError" });
    expect((await smsc(["delete", ...auth(), "d1"])).code).toBe(2);
  });

  it("segments: encoding, parts and the characters forcing UCS-2, as JSON with --json", async () => {
    const r = await smsc(["segments", "Сәлем, world"]);
    expect(r.code).toBe(0);
    const e = JSON.parse(r.stdout);
    expect(e).toMatchObject({ encoding: "ucs2", ucs2Chars: ["С", "ә", "л", "е", "м"] });
    expect(e.parts).toEqual(["Сәлем, world"]);
    const long = JSON.parse((await smsc(["segments", "x".repeat(161), "--json"])).stdout);
    expect(long).toMatchObject({ encoding: "gsm7", partLimit: 153 });
    expect(long.parts).toHaveLength(2);
    const cut = JSON.parse((await smsc(["segments", "x".repeat(400), "--maxsms", "2"])).stdout);
    expect(cut).toMatchObject({ truncated: true });
    expect(cut.parts).toHaveLength(2);
    const translit = JSON.parse((await smsc(["segments", "Привет", "--translit", "1"])).stdout);
    expect(translit).toMatchObject({ encoding: "gsm7", text: "Privet" });
    const stdin = JSON.parse((await smsc(["segments", "--file", "-"], {}, { input: "from stdin" })).stdout);
    expect(stdin.text).toBe("from stdin");
    expect((await smsc(["segments"])).code).toBe(2);
    expect((await smsc(["segments", "x", "--format", "nope"])).code).toBe(2);
    expect((await smsc(["segments", "x", "--maxsms", "-1"])).code).toBe(2);
  });

  it("never echoes a secret: not with --verbose, not in errors, not in config list", async () => {
    const secret = "Pa55-w0rd-Very-Secret";
    const ok = await startSandbox({
      port: 0,
      accounts: [{ login: "shop", password: secret, apikey: "Key-Very-Secret-42" }],
    });
    try {
      const runs = [
        await smsc(["balance", "--base-url", ok.url, "--login", "shop", "--password", secret, "--verbose"]),
        await smsc([
          "send",
          "--base-url",
          ok.url,
          "--login",
          "shop",
          "--password",
          secret,
          "-v",
          PHONE,
          "hi",
        ]),
        await smsc(["send", "--base-url", ok.url, "--login", "shop", "--password", secret, "-v", "12", "hi"]),
        await smsc(["balance", "--base-url", ok.url, "--api-key", "Key-Very-Secret-42", "--verbose"]),
        await smsc(["balance", "--verbose"], {
          SMSC_BASE_URL: ok.url,
          SMSC_LOGIN: "shop",
          SMSC_PASSWORD: secret,
        }),
        await smsc([
          "balance",
          "--base-url",
          ok.url,
          "--login",
          "shop",
          "--password",
          `${secret}-wrong`,
          "-v",
        ]),
      ];
      expect(runs.map((r) => r.code)).toEqual([0, 0, 17, 0, 0, 12]);
      // the logger did run: requests and replies are on stderr
      expect(runs[0]!.stderr).toContain("smsc request");
      expect(runs[0]!.stderr).toContain('"psw":"***"');
      expect(runs[3]!.stderr).toContain('"apikey":"***"');
      for (const r of runs) {
        expect(r.stdout + r.stderr).not.toContain(secret);
        expect(r.stdout + r.stderr).not.toContain("Key-Very-Secret-42");
      }
    } finally {
      await ok.close();
    }
  });

  it("smsc sandbox fails with an install hint when smsc-sandbox is not installed", async () => {
    // a copy of the built CLI outside the repository cannot resolve smsc-sandbox
    const dir = mkdtempSync(join(tmpdir(), "smsc-lone-"));
    try {
      copyFileSync(cli, join(dir, "main.mjs"));
      const r = await new Promise<{ code: number; stderr: string }>((done) =>
        execFile(
          process.execPath,
          [join(dir, "main.mjs"), "sandbox", "--port", "0"],
          { cwd: dir, env: cleanEnv() },
          (err, _o, stderr) => done({ code: err ? Number((err as { code?: number }).code) : 0, stderr }),
        ),
      );
      expect(r.code).toBe(8);
      expect(JSON.parse(r.stderr).error.message).toContain("npm install --save-dev smsc-sandbox");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("smsc sandbox starts the sandbox, prints its URL and stops cleanly on SIGINT", async () => {
    const run = startSmsc([
      "sandbox",
      "--port",
      "0",
      "--account",
      "cli:cli-pass:77",
      "--smtp-port",
      "0",
      "--json",
    ]);
    let exited = false;
    void run.done.then(() => {
      exited = true;
    });
    await until(() => run.stdout().includes("\n") || exited, 20_000, "the sandbox URL");
    // an early exit (e.g. the sandbox's dist being rebuilt by another job) shows its stderr here
    expect(run.stderr()).toBe("");
    const { url, smtpPort } = JSON.parse(run.stdout()) as { url: string; smtpPort: number };
    expect(smtpPort).toBeGreaterThan(0);
    const bal = await smsc(["balance", "--base-url", url, "--login", "cli", "--password", "cli-pass"]);
    expect(JSON.parse(bal.stdout)).toEqual({ balance: 77, currency: "KZT" });
    run.child.kill("SIGINT");
    const end = await run.done;
    expect(end.code).toBe(0);
  });

  it("a one-shot command is ended by the first Ctrl-C with exit 130", async () => {
    // a server that accepts connections and never answers
    const sockets: Socket[] = [];
    const silent = createServer((sock) => sockets.push(sock));
    await new Promise<void>((ok) => silent.listen(0, "127.0.0.1", ok));
    const { port } = silent.address() as AddressInfo;
    try {
      const run = startSmsc([
        "balance",
        "--base-url",
        `http://127.0.0.1:${port}`,
        "--login",
        "a",
        "--password",
        "b",
        "--timeout",
        "60000",
      ]);
      await until(() => sockets.length > 0, 20_000, "the request");
      run.child.kill("SIGINT");
      expect((await run.done).code).toBe(130);
    } finally {
      for (const s of sockets) s.destroy();
      await new Promise((ok) => silent.close(ok));
    }
  });
});
