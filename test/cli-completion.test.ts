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

/**
 * What bash offers for each command line typed so far ("smsc send --fo"; a trailing space starts a new word): one
 * bash loads the script once and runs its completion function on every line.
 */
async function complete(...lines: string[]): Promise<string[][]> {
  const r = await bash(
    `source <(smsc completion bash) || exit 3
for line in "$@"; do
  read -ra COMP_WORDS <<< "$line"
  [[ $line == *" " ]] && COMP_WORDS+=("")
  COMP_CWORD=$(( \${#COMP_WORDS[@]} - 1 )); COMP_LINE=$line; COMP_POINT=\${#line}
  _smsc_complete
  printf '%s\n' "\${COMPREPLY[@]}" "-- end --"
done`,
    lines,
  );
  expect(r.stderr).toBe("");
  expect(r.code).toBe(0);
  const out = r.stdout.split("-- end --\n").map((block) => block.split("\n").filter(Boolean));
  expect(out.pop()).toEqual([]);
  return out;
}

const visible = [...COMMANDS.keys()];

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
    const cases: Array<[string, string[]]> = [
      ["smsc ", visible],
      ["smsc s", ["send", "status", "segments", "sandbox", "senders", "subclients"]],
      ["smsc co", ["cost", "config", "completion", "contacts"]],
      ["smsc -", ["--help", "--version"]],
      ["smsc send --fo", ["--format"]],
      ["smsc send --format ", Object.keys(MESSAGE_FORMATS)],
      ["smsc send --format fl", ["flash"]],
      ["smsc send -t 77011234567 --tem", ["--template"]],
      ["smsc send --csv cust", ["customers.csv"]],
      ["smsc segments --file cu", ["customers.csv"]],
      ["smsc balance --domain smsc.k", ["smsc.kz"]],
      ["smsc balance --profile ", ["prod", "sandbox"]],
      ["smsc balance --pass", ["--password", "--password-stdin"]],
      ["smsc status 42 77011234567 --json st", ["status", "statusName"]],
      ["smsc cost --json cost,c", ["cost,cnt"]],
      ["smsc config ", ["list", "get", "set", "unset", "use", "path"]],
      ["smsc config set ba", ["baseUrl"]],
      ["smsc completion ", ["bash", "zsh", "fish"]],
      // a flag once given is not offered again, unless it repeats
      ["smsc balance --json --js", []],
      ["smsc send --to 1 --to", ["--to"]],
      // offline commands offer only the flags their help lists
      ["smsc segments --l", []],
      ["smsc nosuch ", []],
    ];
    const got = await complete(...cases.map(([line]) => line));
    expect(Object.fromEntries(cases.map(([line], i) => [line, got[i]]))).toEqual(Object.fromEntries(cases));
  }, 60_000);
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
