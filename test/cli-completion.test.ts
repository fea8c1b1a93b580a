// Shell completion: `smsc completion bash|zsh|fish` and the hidden `smsc __complete` entry the scripts call. The
// bash script is loaded into a real bash and its completion function run on typed command lines; zsh and fish are
// not installed here, so their scripts are checked as generated text only.
import { execFile } from "node:child_process";
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { COMMANDS } from "../packages/smsc/src/cli/commands/index.js";
import { MESSAGE_FORMATS } from "../packages/smsc/src/protocol/index.js";
import { cleanEnv, cli, ensureBuilt, smsc } from "./cli-helpers.js";

let dir: string;
let env: Record<string, string>;
beforeAll(() => {
  ensureBuilt();
  dir = mkdtempSync(join(tmpdir(), "smsc-completion-"));
  // `smsc` on PATH, as an installed package puts it
  writeFileSync(join(dir, "smsc"), `#!/bin/sh\nexec "${process.execPath}" "${cli}" "$@"\n`);
  chmodSync(join(dir, "smsc"), 0o755);
  writeFileSync(join(dir, "customers.csv"), "phone,text\n");
  const config = join(dir, "config.json");
  writeFileSync(config, JSON.stringify({ profiles: { prod: {}, sandbox: {} } }));
  env = cleanEnv({ PATH: `${dir}:${process.env.PATH}`, SMSC_CONFIG: config });
}, 180_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function bash(
  script: string,
  args: string[] = [],
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((ok) =>
    execFile(
      "bash",
      ["--norc", "--noprofile", "-c", script, "bash", ...args],
      { cwd: dir, env },
      (err, stdout, stderr) =>
        ok({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    ),
  );
}

/** What bash offers for a command line typed so far ("smsc send --fo"; a trailing space starts a new word). */
async function complete(line: string): Promise<string[]> {
  const words = line.split(" ");
  const r = await bash(
    `source <(smsc completion bash) || exit 3
COMP_WORDS=("$@"); COMP_CWORD=$(( $# - 1 )); COMP_LINE="$*"; COMP_POINT=\${#COMP_LINE}
_smsc_complete
printf '%s\\n' "\${COMPREPLY[@]}"`,
    words,
  );
  expect(r.stderr).toBe("");
  expect(r.code).toBe(0);
  return r.stdout.split("\n").filter(Boolean);
}

const visible = [...COMMANDS.values()].filter((c) => !c.hidden).map((c) => c.name);

describe("bash completion", () => {
  it("is a script bash parses, registering a completion function for smsc", async () => {
    const script = (await smsc(["completion", "bash"])).stdout;
    expect(script).toContain("complete -F _smsc_complete smsc");
    const file = join(dir, "smsc.bash");
    writeFileSync(file, script);
    expect(await bash(`bash -n "${file}"`)).toEqual({ code: 0, stdout: "", stderr: "" });
    const registered = await bash("source <(smsc completion bash) && complete -p smsc");
    expect(registered.stdout).toBe("complete -F _smsc_complete smsc\n");
  });

  it("completes commands, flags, flag values, file names, config actions and keys, profiles and JSON fields", async () => {
    expect(await complete("smsc ")).toEqual(visible);
    expect(await complete("smsc s")).toEqual(["send", "status", "segments", "sandbox"]);
    expect(await complete("smsc co")).toEqual(["cost", "config", "completion"]);
    expect(await complete("smsc -")).toEqual(["--help", "--version"]);
    expect(await complete("smsc send --fo")).toEqual(["--format"]);
    expect(await complete("smsc send --format ")).toEqual(Object.keys(MESSAGE_FORMATS));
    expect(await complete("smsc send --format fl")).toEqual(["flash"]);
    expect(await complete("smsc send -t 77011234567 --tem")).toEqual(["--template"]);
    expect(await complete("smsc send --csv cust")).toEqual(["customers.csv"]);
    expect(await complete("smsc segments --file cu")).toEqual(["customers.csv"]);
    expect(await complete("smsc balance --domain smsc.k")).toEqual(["smsc.kz"]);
    expect(await complete("smsc balance --profile ")).toEqual(["prod", "sandbox"]);
    expect(await complete("smsc balance --pass")).toEqual(["--password", "--password-stdin"]);
    expect(await complete("smsc status 42 77011234567 --json st")).toEqual(["status", "statusName"]);
    expect(await complete("smsc cost --json cost,c")).toEqual(["cost,cnt"]);
    expect(await complete("smsc config ")).toEqual(["list", "get", "set", "unset", "use", "path"]);
    expect(await complete("smsc config set ba")).toEqual(["baseUrl"]);
    expect(await complete("smsc completion ")).toEqual(["bash", "zsh", "fish"]);
    // a flag once given is not offered again, unless it repeats
    expect(await complete("smsc balance --json --js")).toEqual([]);
    expect(await complete("smsc send --to 1 --to")).toEqual(["--to"]);
    // offline commands offer only the flags their help lists
    expect(await complete("smsc segments --l")).toEqual([]);
    expect(await complete("smsc nosuch ")).toEqual([]);
  });
});

describe("the hidden __complete entry", () => {
  it("prints value<TAB>description lines from the help's tables, or :file for file names", async () => {
    const r = await smsc(["__complete", "ba"]);
    expect(r).toEqual({
      code: 0,
      stdout: `balance\t${COMMANDS.get("balance")!.summary}\n`,
      stderr: "",
    });
    const flag = await smsc(["__complete", "send", "--dry"]);
    expect(flag.stdout).toBe(
      "--dry-run\tonly price it: the service's cost (nothing sent) and the offline estimate\n",
    );
    expect((await smsc(["__complete", "send", "--journal", ""])).stdout).toBe(":file\n");
    // hidden from the help and from the command list
    expect((await smsc(["--help"])).stdout).not.toContain("__complete");
    expect((await smsc(["__complete", "__"])).stdout).toBe("");
  });
});

describe("zsh and fish completion", () => {
  // neither shell is installed on the test machine: the scripts are checked as text, not run
  it("are generated for the same entry, registered for smsc", async () => {
    const zsh = await smsc(["completion", "zsh"]);
    expect(zsh.code).toBe(0);
    expect(zsh.stdout.split("\n")[0]).toBe("#compdef smsc");
    // biome-ignore lint/suspicious/noTemplateCurlyInString: zsh's own ${…}, not a template
    expect(zsh.stdout).toContain('"${words[1]}" __complete "${(@)words[2,CURRENT]}"');
    expect(zsh.stdout).toContain("_describe -t values smsc described");
    expect(zsh.stdout).toContain("compdef _smsc smsc");
    const fish = await smsc(["completion", "fish"]);
    expect(fish.code).toBe(0);
    expect(fish.stdout).toContain('$tokens[1] __complete $tokens[2..-1] "$current"');
    expect(fish.stdout).toContain("complete -c smsc -f -a '(__smsc_complete)'");
    // the same text however stdout is connected: a script, not JSON
    expect((await smsc(["completion", "fish", "--json"])).stdout).toBe(fish.stdout);
    expect((await smsc(["completion"])).code).toBe(2);
  });
});
