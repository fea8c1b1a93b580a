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

const all = [...sources(smscSrc), ...sources(sandboxSrc)].flatMap((f) =>
  importsOf(f, readFileSync(f, "utf8")),
);
const show = (list: Import[]) => list.map((i) => `${relative(root, i.file)} → ${i.spec}`);

/** What each folder of packages/smsc/src may import besides itself (docs/architecture.md). */
const SMSC_RULES = {
  protocol: [],
  client: ["protocol"],
  mail: ["client", "protocol"],
  smpp: ["client", "protocol"],
  compat: ["client", "protocol", "mail"],
  verify: ["client", "protocol"],
  cli: ["client", "protocol", "mail", "smpp", "verify", "compat"],
} as const;

/**
 * What each folder of packages/sandbox/src may import besides itself; "(root)" is a leaf file at src/ (listener.ts,
 * and assets.ts, which finds the migrations and the inbox's files on disk or in the single executable).
 */
const SANDBOX_RULES = {
  store: ["(root)"],
  core: ["store"],
  testing: ["core", "store"],
  http: ["core", "store", "testing"],
  smtp: ["core", "store", "(root)"],
  smpp: ["core", "(root)"],
  callbacks: ["core", "store", "http"],
  chaos: ["core", "http"],
  inbox: ["http", "(root)"],
  rest: ["core", "http"],
  soap: ["core", "http"],
  oms: ["core", "http", "soap"],
} as const;

/** The import cycles among the relative imports given (files, or folders when `file` is the identity). */
function cycles(imports: Import[], file = (target: string) => target.replace(/\.js$/, ".ts")): string[] {
  const deps = new Map<string, string[]>();
  for (const i of imports)
    if (i.target !== undefined && !i.dynamic) deps.set(i.file, [...(deps.get(i.file) ?? []), file(i.target)]);
  const found: string[] = [];
  const state = new Map<string, "open" | "done">();
  const visit = (f: string, path: string[]) => {
    state.set(f, "open");
    for (const d of deps.get(f) ?? []) {
      if (state.get(d) === "open")
        found.push([...path.slice(path.indexOf(d)), d].map((p) => relative(root, p)).join(" → "));
      else if (!state.has(d)) visit(d, [...path, d]);
    }
    state.set(f, "done");
  };
  for (const f of deps.keys()) if (!state.has(f)) visit(f, [f]);
  return found;
}

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

  it("every folder of both packages has a rule (docs/architecture.md lists them)", () => {
    const folders = (src: string) =>
      readdirSync(src, { withFileTypes: true })
        .filter((d) => d.isDirectory())
        .map((d) => d.name)
        .sort();
    expect(folders(smscSrc)).toEqual(Object.keys(SMSC_RULES).sort());
    expect(folders(sandboxSrc)).toEqual(Object.keys(SANDBOX_RULES).sort());
  });

  for (const [pkg, src, rules] of [
    ["smsc", smscSrc, SMSC_RULES],
    ["smsc-sandbox", sandboxSrc, SANDBOX_RULES],
  ] as const) {
    for (const [folder, allowed] of Object.entries(rules) as Array<[string, readonly string[]]>) {
      it(`${pkg}: ${folder}/ imports only ${allowed.length ? allowed.join(", ") : "its own files"}`, () => {
        const ok = [folder, ...allowed].map((f) => join(src, f));
        const bad = all.filter(
          (i) =>
            inside(i.file, join(src, folder)) &&
            i.target !== undefined &&
            !ok.some((d) => inside(i.target, d)) &&
            // files at the package's root (wiring) are allowed only where the rule names "(root)"
            !(allowed.includes("(root)") && dirname(i.target) === src),
        );
        expect(show(bad)).toEqual([]);
      });
    }
    it(`${pkg}: no import cycle between files, type-only imports included`, () => {
      expect(cycles(all.filter((i) => inside(i.file, src)))).toEqual([]);
    });
    it(`${pkg}: no import cycle between folders`, () => {
      const folderOf = (f: string) => relative(src, f).split(sep)[0]!;
      const folderImports = all
        .filter((i) => inside(i.file, src) && i.target !== undefined && inside(i.target, src))
        .map((i) => ({ ...i, file: join(src, folderOf(i.file)), target: join(src, folderOf(i.target!)) }))
        .filter((i) => i.file !== i.target);
      expect(cycles(folderImports, (t) => t)).toEqual([]);
    });
  }

  it("protocol and verify import nothing bare (verify's store drivers are the caller's)", () => {
    const bad = all.filter(
      (i) =>
        (inside(i.file, join(smscSrc, "protocol")) || inside(i.file, join(smscSrc, "verify"))) &&
        i.target === undefined,
    );
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

  it("the SDK package has no runtime dependency", () => {
    const pkg = JSON.parse(readFileSync(join(root, "packages/smsc/package.json"), "utf8"));
    expect(pkg.dependencies ?? {}).toEqual({});
  });
});
