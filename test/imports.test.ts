// Enforces docs/architecture.md: imports point one way. Scans every non-test source file of both packages.
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const smscSrc = join(root, "packages/smsc/src");
const sandboxSrc = join(root, "packages/sandbox/src");

interface Import {
  file: string;
  spec: string;
  dynamic: boolean;
  /** Absolute path for a relative import, else undefined. */
  target?: string;
}

function sources(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((f) => /\.(ts|mts|js|mjs)$/.test(f) && !/\.test\.ts$/.test(f) && !f.endsWith(".d.ts"))
    .map((f) => join(dir, f));
}

/** Finds static imports/re-exports and dynamic import() calls in a source text. */
function importsOf(file: string, text: string): Import[] {
  const out: Import[] = [];
  const code = text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/^\s*\/\/.*$/gm, "");
  const add = (spec: string, dynamic: boolean) =>
    out.push({
      file,
      spec,
      dynamic,
      ...(spec.startsWith(".") ? { target: resolve(dirname(file), spec) } : {}),
    });
  for (const m of code.matchAll(/(?:^|[;\s])(?:import|export)\s[^;"']*?from\s*["']([^"']+)["']/g))
    add(m[1]!, false);
  for (const m of code.matchAll(/(?:^|[;\s])import\s*["']([^"']+)["']/g)) add(m[1]!, false);
  for (const m of code.matchAll(/\bimport\s*\(\s*["']([^"']+)["']\s*\)/g)) add(m[1]!, true);
  return out;
}

const inside = (path: string | undefined, dir: string) =>
  path !== undefined && (path === dir || path.startsWith(dir + sep));
const area = (file: string) => relative(smscSrc, file).split(sep)[0];

const all = [...sources(smscSrc), ...sources(sandboxSrc)].flatMap((f) =>
  importsOf(f, readFileSync(f, "utf8")),
);
const show = (list: Import[]) => list.map((i) => `${relative(root, i.file)} → ${i.spec}`);

describe("import rules", () => {
  it("finds the imports it is meant to judge", () => {
    const sample = importsOf(
      join(smscSrc, "client/x.ts"),
      `import { a } from "../cli/run.js";\nexport * from "./y.js";\nimport "side";\nconst s = await import("smsc-sandbox");\n// import "commented";`,
    );
    expect(sample.map((i) => [i.spec, i.dynamic])).toEqual([
      ["../cli/run.js", false],
      ["./y.js", false],
      ["side", false],
      ["smsc-sandbox", true],
    ]);
    expect(all.length).toBeGreaterThan(50);
  });

  it("protocol imports nothing outside protocol", () => {
    const bad = all.filter(
      (i) => inside(i.file, join(smscSrc, "protocol")) && !inside(i.target, join(smscSrc, "protocol")),
    );
    expect(show(bad)).toEqual([]);
  });

  it("client imports only client and protocol (never the sandbox, compat or cli)", () => {
    const ok = [join(smscSrc, "client"), join(smscSrc, "protocol")];
    const bad = all.filter(
      (i) => inside(i.file, join(smscSrc, "client")) && !ok.some((d) => inside(i.target, d)),
    );
    expect(show(bad)).toEqual([]);
  });

  it("compat imports only client and protocol (and mail, for send_sms_mail)", () => {
    const ok = [
      join(smscSrc, "compat"),
      join(smscSrc, "client"),
      join(smscSrc, "protocol"),
      join(smscSrc, "mail"),
    ];
    const bad = all.filter(
      (i) => inside(i.file, join(smscSrc, "compat")) && !ok.some((d) => inside(i.target, d)),
    );
    expect(show(bad)).toEqual([]);
  });

  it("verify imports only client and protocol, and nothing bare (its store drivers are the caller's)", () => {
    const ok = [join(smscSrc, "verify"), join(smscSrc, "client"), join(smscSrc, "protocol")];
    const bad = all.filter(
      (i) =>
        inside(i.file, join(smscSrc, "verify")) &&
        (i.target === undefined || !ok.some((d) => inside(i.target, d))),
    );
    expect(show(bad)).toEqual([]);
  });

  it("nothing outside cli imports cli", () => {
    const bad = all.filter((i) => area(i.file) !== "cli" && inside(i.target, join(smscSrc, "cli")));
    expect(show(bad)).toEqual([]);
  });

  it("cli reaches the sandbox only by dynamic import('smsc-sandbox'), and nothing else bare but node:", () => {
    const bad = all.filter(
      (i) =>
        inside(i.file, join(smscSrc, "cli")) &&
        (inside(i.target, sandboxSrc) ||
          (i.target === undefined &&
            !i.spec.startsWith("node:") &&
            !(i.dynamic && i.spec === "smsc-sandbox"))),
    );
    expect(show(bad)).toEqual([]);
  });

  it("the sandbox reaches smsc only through `smsc` and `smsc/protocol`", () => {
    const bad = all.filter(
      (i) =>
        inside(i.file, sandboxSrc) &&
        (inside(i.target, join(root, "packages/smsc")) ||
          (/^smsc(\/|$)/.test(i.spec) && !["smsc", "smsc/protocol"].includes(i.spec))),
    );
    expect(show(bad)).toEqual([]);
  });

  it("the smsc package has no import cycle, type-only imports included", () => {
    const file = (target: string) => target.replace(/\.js$/, ".ts");
    const deps = new Map<string, string[]>();
    for (const i of all)
      if (inside(i.file, smscSrc) && i.target !== undefined && !i.dynamic)
        deps.set(i.file, [...(deps.get(i.file) ?? []), file(i.target)]);
    const cycles: string[] = [];
    const state = new Map<string, "open" | "done">();
    const visit = (f: string, path: string[]) => {
      state.set(f, "open");
      for (const d of deps.get(f) ?? []) {
        if (state.get(d) === "open")
          cycles.push([...path.slice(path.indexOf(d)), d].map((p) => relative(smscSrc, p)).join(" → "));
        else if (!state.has(d)) visit(d, [...path, d]);
      }
      state.set(f, "done");
    };
    for (const f of deps.keys()) if (!state.has(f)) visit(f, [f]);
    expect(cycles).toEqual([]);
  });

  it("the SDK package has no runtime dependency", () => {
    const pkg = JSON.parse(readFileSync(join(root, "packages/smsc/package.json"), "utf8"));
    expect(pkg.dependencies ?? {}).toEqual({});
  });
});
