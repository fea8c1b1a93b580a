// The two packages as npm would publish them: `npm pack` of each workspace (after the build that npm test runs),
// then the tarballs themselves are checked — what they hold, their metadata, @arethetypeswrong/cli (types resolve
// under node10, node16 from CJS and from ESM, and bundler, for every subpath), publint --strict, and
// `npm publish --dry-run` with no correction of package.json. Nothing is published.

import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { killAll, type Run, root, run } from "./runtimes/harness.js";

interface Manifest {
  name: string;
  version: string;
  license: string;
  homepage: string;
  repository: { type: string; url: string; directory: string };
  bugs: { url: string };
  keywords: string[];
  bin: Record<string, string>;
  files: string[];
}

const REPO = "https://github.com/smsc-kz/smsc";
const packages = [
  { name: "smsc", dir: "packages/smsc", bin: "smsc" },
  { name: "smsc-sandbox", dir: "packages/sandbox", bin: "smsc-sandbox" },
] as const;
const npm = "npm";
const bin = (name: string) => join(root, "node_modules/.bin", name);
const output = (r: Run) => `exit ${r.code ?? r.signal}\n${r.stdout}\n${r.stderr}`;

let scratch: string;
const tarballs: Record<string, string> = {};
const listings: Record<string, string[]> = {};

beforeAll(async () => {
  mkdirSync(join(root, ".tmp"), { recursive: true });
  scratch = mkdtempSync(join(root, ".tmp", "tarballs-"));
  const r = await run(npm, [
    "pack",
    "--json",
    "--pack-destination",
    scratch,
    "-w",
    "smsc",
    "-w",
    "smsc-sandbox",
  ]);
  expect(r.code, output(r)).toBe(0);
  for (const p of JSON.parse(r.stdout) as Array<{
    name: string;
    filename: string;
    files: { path: string }[];
  }>) {
    tarballs[p.name] = join(scratch, p.filename);
    listings[p.name] = p.files.map((f) => f.path).sort();
  }
}, 60_000);

afterAll(() => {
  killAll();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

describe.each(packages)("the $name tarball", ({ name, dir, bin: command }) => {
  const manifest = () => JSON.parse(readFileSync(join(root, dir, "package.json"), "utf8")) as Manifest;

  it("holds the README, the MIT LICENSE, the launcher and dist, and nothing of the sources", () => {
    const files = listings[name]!;
    expect(files).toEqual(
      expect.arrayContaining(["README.md", "LICENSE", "package.json", `bin/${command}.js`]),
    );
    expect(files.filter((f) => !f.startsWith("dist/") && !f.startsWith("bin/"))).toEqual([
      "LICENSE",
      "README.md",
      "package.json",
    ]);
    expect(files.some((f) => f.startsWith("dist/"))).toBe(true);
    const license = readFileSync(join(root, dir, "LICENSE"), "utf8");
    expect(license).toBe(readFileSync(join(root, "LICENSE"), "utf8"));
    expect(license).toMatch(/^MIT License\n/);
    expect(readFileSync(join(root, dir, "README.md"), "utf8")).toMatch(new RegExp(`^# ${name}\\n`));
  });

  it("names its repository, homepage, bug tracker, keywords and license", () => {
    const m = manifest();
    expect(m.license).toBe("MIT");
    expect(m.repository).toEqual({ type: "git", url: `git+${REPO}.git`, directory: dir });
    expect(m.homepage).toBe(`${REPO}/tree/main/${dir}#readme`);
    expect(m.bugs).toEqual({ url: `${REPO}/issues` });
    expect(m.keywords).toEqual(expect.arrayContaining(["sms", "smsc"]));
    expect(m.bin).toEqual({ [command]: `bin/${command}.js` });
  });

  it("passes publint --strict", async () => {
    const r = await run(bin("publint"), ["run", tarballs[name]!, "--strict"]);
    expect(r.code, output(r)).toBe(0);
    expect(r.stdout).toContain("All good!");
  }, 30_000);

  it("publishes with --dry-run and no correction of its package.json", async () => {
    const r = await run(npm, ["publish", "--dry-run", "--offline", "-w", name]);
    expect(r.code, output(r)).toBe(0);
    expect(r.stdout).toContain(`+ ${name}@${manifest().version}`);
    // the one warning left is that nobody is logged in, which a dry run does not need
    const warnings = r.stderr.split("\n").filter((l) => l.startsWith("npm warn"));
    expect(warnings.filter((l) => !l.includes("requires you to be logged in"))).toEqual([]);
  }, 30_000);

  it("says how to build when its launcher runs before the build", async () => {
    const bare = join(scratch, `${name}-unbuilt`);
    mkdirSync(join(bare, "bin"), { recursive: true });
    copyFileSync(join(root, dir, "package.json"), join(bare, "package.json"));
    copyFileSync(join(root, dir, "bin", `${command}.js`), join(bare, "bin", `${command}.js`));
    const r = await run(process.execPath, [join(bare, "bin", `${command}.js`), "--help"]);
    expect(r.code, output(r)).toBe(1);
    expect(r.stderr).toContain(`${command} is not built: run "npm run build"`);
  });
});

describe("types of the packed packages (@arethetypeswrong/cli)", () => {
  it("smsc: every subpath (each one in typesVersions too) resolves under node10, node16 (CJS and ESM) and bundler, with no problem", async () => {
    const r = await run(bin("attw"), [tarballs.smsc!, "--format", "json"]);
    expect(r.code, output(r)).toBe(0);
    const report = JSON.parse(r.stdout) as {
      problems: Record<string, unknown>;
      analysis: { entrypoints: Record<string, { resolutions: Record<string, { resolution?: unknown }> }> };
    };
    expect(report.problems).toEqual({});
    const entrypoints = report.analysis.entrypoints;
    const manifest = JSON.parse(readFileSync(join(root, "packages/smsc/package.json"), "utf8")) as {
      typesVersions: Record<string, Record<string, string[]>>;
    };
    const subpaths = Object.keys(entrypoints).filter((e) => e !== "." && e !== "./package.json");
    expect(Object.keys(manifest.typesVersions["*"]!).sort()).toEqual(subpaths.map((e) => e.slice(2)).sort());
    expect(Object.keys(entrypoints)).toEqual(
      expect.arrayContaining([".", "./compat", "./mail", "./smpp", "./protocol", "./verify"]),
    );
    for (const [entry, { resolutions }] of Object.entries(entrypoints))
      for (const kind of ["node10", "node16-cjs", "node16-esm", "bundler"])
        expect(resolutions[kind]?.resolution, `${entry} under ${kind}`).toBeTruthy();
  }, 60_000);

  it("smsc-sandbox: no problem but the one it has by design, being ESM only (require() it on Node 20.19+)", async () => {
    const r = await run(bin("attw"), [tarballs["smsc-sandbox"]!, "--format", "json"]);
    const report = JSON.parse(r.stdout) as { problems: Record<string, Array<{ kind: string }>> };
    const kinds = Object.values(report.problems)
      .flat()
      .map((p) => p.kind);
    expect([...new Set(kinds)]).toEqual(["CJSResolvesToESM"]);
    const ignoring = await run(bin("attw"), [
      tarballs["smsc-sandbox"]!,
      "--ignore-rules",
      "cjs-resolves-to-esm",
    ]);
    expect(ignoring.code, output(ignoring)).toBe(0);
  }, 60_000);
});

describe("JSDoc in the published declarations", () => {
  it("links the repository's docs by absolute URL, never by a path the package does not ship", () => {
    const relative: string[] = [];
    for (const { name, dir } of packages) {
      const declarations = listings[name]!.filter((f) => /\.d\.c?ts$/.test(f));
      expect(declarations.length, name).toBeGreaterThan(0);
      for (const f of declarations) {
        const text = readFileSync(join(root, dir, f), "utf8");
        for (const m of text.matchAll(/(\S*)\bdocs\/[\w-]+\.md/g))
          if (!m[1]!.endsWith(`${REPO}/blob/main/`)) relative.push(`${dir}/${f}: ${m[0]}`);
      }
    }
    expect(relative).toEqual([]);
  });
});
