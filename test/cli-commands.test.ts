// The built `smsc` command (packages/smsc/dist/cli/main.js) run as a child process against a real sandbox.
import { execFile, execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { type Sandbox, startSandbox } from "smsc-sandbox";
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const cli = join(root, "packages/smsc/dist/cli/main.js");

beforeAll(() => {
  // the root `npm test` builds first; build here only when the CLI is missing. (Rebuilding a stale dist here would
  // wipe packages/smsc/dist while other test files may be running the built sandbox, which imports it.)
  if (!existsSync(cli)) execFileSync("npm", ["run", "build", "-w", "smsc"], { cwd: root, stdio: "ignore" });
}, 180_000);

let sb: Sandbox;
beforeEach(async () => {
  sb = await startSandbox({ port: 0 });
});
afterEach(async () => {
  await sb.close();
});

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI with a clean SMSC_* environment plus `env`. */
function smsc(args: string[], env: Record<string, string> = {}): Promise<Run> {
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("SMSC_")));
  return new Promise((done) => {
    execFile(process.execPath, [cli, ...args], { env: { ...base, ...env } }, (err, stdout, stderr) => {
      const code = err ? ((err as { code?: number }).code ?? 1) : 0;
      done({ code: typeof code === "number" ? code : 1, stdout, stderr });
    });
  });
}

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
    expect(sb.core.messages()[0]).toMatchObject({ id: r.id, text: "Hello from CLI" });
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
    const m = sb.core.messages()[0]!;
    expect(m).toMatchObject({ text: "Privet", sender: "", format: "flash", id: "cli-1" });
    expect(m.params).toMatchObject({ time: "0101301200", valid: "01:00" });
    const byIndex = await smsc(["send", ...auth(), "--to", PHONE, "--format", "3"]);
    expect(byIndex.code).toBe(0);
    expect(sb.core.messages()[0]!.format).toBe("hlr");
  });

  it("prices without sending", async () => {
    const r = await smsc(["cost", ...auth(), `${PHONE},77017654321`, "price"]);
    expect(JSON.parse(r.stdout)).toEqual({ cost: 20, cnt: 2 });
    expect(sb.core.messages()).toEqual([]);
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
    expect(sb.core.messages()).toEqual([]);
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
});
