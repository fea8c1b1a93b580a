// Packaging of the built `smsc` (packages/smsc/package.json and dist): every file the exports map, main, module,
// types and bin name exists; every subpath loads by require() and by import() in Node with the same export names;
// and a TypeScript consumer resolves the types of every subpath from both module systems (moduleResolution
// nodenext: .d.ts for import, .d.cts for require).

import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dist, killAll, type Run, requireBuilt, root, run, runtimesDir } from "./runtimes/harness.js";

const pkgDir = join(root, "packages/smsc");
const pkg = JSON.parse(readFileSync(join(pkgDir, "package.json"), "utf8")) as {
  main: string;
  module: string;
  types: string;
  bin: Record<string, string>;
  exports: Record<string, string | Record<string, Record<string, string>>>;
};
/** "." → "smsc", "./compat" → "smsc/compat"; the code subpaths of the exports map (not ./package.json). */
const specifiers = Object.entries(pkg.exports)
  .filter(([, v]) => typeof v !== "string")
  .map(([k]) => (k === "." ? "smsc" : `smsc/${k.slice(2)}`));

let scratch: string;

beforeAll(() => {
  requireBuilt();
  mkdirSync(join(root, ".tmp"), { recursive: true });
  // inside the repository, so that "smsc" resolves through node_modules like an installed package
  scratch = mkdtempSync(join(root, ".tmp", "packaging-"));
});

afterAll(() => {
  killAll();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

const output = (r: Run) => `exit ${r.code ?? r.signal}\n${r.stdout}\n${r.stderr}`;

describe("packaging of smsc", () => {
  it("lists the subpaths the README promises, each with import and require, types and code", () => {
    expect(specifiers).toEqual([
      "smsc",
      "smsc/compat",
      "smsc/mail",
      "smsc/smpp",
      "smsc/protocol",
      "smsc/verify",
    ]);
    for (const [subpath, entry] of Object.entries(pkg.exports)) {
      if (typeof entry === "string") continue;
      expect(Object.keys(entry), subpath).toEqual(["import", "require"]);
      // "types" first: TypeScript takes the first matching condition
      expect(Object.keys(entry.import!), subpath).toEqual(["types", "default"]);
      expect(Object.keys(entry.require!), subpath).toEqual(["types", "default"]);
      expect(entry.import!.types, subpath).toMatch(/\.d\.ts$/);
      expect(entry.import!.default, subpath).toMatch(/\.js$/);
      expect(entry.require!.types, subpath).toMatch(/\.d\.cts$/);
      expect(entry.require!.default, subpath).toMatch(/\.cjs$/);
    }
  });

  it("has every file the exports map, main, module, types and bin name", () => {
    const targets = [
      pkg.main,
      pkg.module,
      pkg.types,
      ...Object.values(pkg.bin),
      ...Object.values(pkg.exports).flatMap((e) =>
        typeof e === "string" ? [e] : Object.values(e).flatMap((c) => Object.values(c)),
      ),
    ];
    const missing = targets.filter((t) => !existsSync(join(pkgDir, t)));
    expect(missing).toEqual([]);
    expect(targets.length).toBeGreaterThanOrEqual(24);
    expect(readFileSync(join(pkgDir, pkg.bin.smsc!), "utf8")).toMatch(/^#!\/usr\/bin\/env node\n/);
  });

  it("loads every subpath by require() and by import() in Node, with the same exports both ways", async () => {
    const r = await run(process.execPath, [join(runtimesDir, "exports-main.cjs"), ...specifiers]);
    expect(r.code, output(r)).toBe(0);
    const loaded = JSON.parse(r.stdout) as Record<
      string,
      { requireResolved: string; cjs: string[]; esm: string[] }
    >;
    for (const spec of specifiers) {
      const entry = pkg.exports[spec === "smsc" ? "." : `./${spec.slice(5)}`] as Record<
        string,
        Record<string, string>
      >;
      expect(loaded[spec]!.requireResolved).toBe(join(pkgDir, entry.require!.default!));
      expect(loaded[spec]!.cjs, spec).toEqual(loaded[spec]!.esm);
    }
    expect(loaded.smsc!.cjs).toEqual(
      expect.arrayContaining(["Smsc", "ApiError", "InvalidPhoneError", "estimate"]),
    );
    expect(loaded["smsc/compat"]!.esm).toContain("SMSC");
    expect(loaded["smsc/protocol"]!.cjs).toEqual(expect.arrayContaining(["STATUS_CODES", "SEND_PARAMS"]));
    expect(loaded["smsc/mail"]!.esm).toContain("sendMail");
    expect(loaded["smsc/smpp"]!.esm).toContain("SmppClient");
    expect(loaded["smsc/verify"]!.esm).toEqual(
      expect.arrayContaining(["Verify", "memoryStore", "redisStore"]),
    );
  }, 30_000);

  it("gives a TypeScript consumer the types of every subpath, from ESM and from CommonJS", async () => {
    // one binding per subpath, typed from the package: a wrong or missing declaration fails the compile
    const uses = `
const smsc: Smsc = new Smsc({ login: "l", password: "p" });
const api: SMSC = new SMSC({ login: "l", password: "p" });
const code = (e: unknown): number | undefined => (e instanceof InvalidPhoneError ? e.code : undefined);
const params: SendParams = { phones: "77011234567", message: "m" };
const fields: readonly string[] = Object.keys(SEND_PARAMS);
const mail: typeof sendMail = sendMail;
const smpp: typeof SmppClient = SmppClient;
const check = (r: CheckResult): boolean => r.status === "approved";
const verify = (): Verify => new Verify({ smsc, store: memoryStore(), secret: "s".repeat(32) });
export { api, check, code, fields, mail, params, smpp, smsc, verify };
`;
    writeFileSync(
      join(scratch, "esm.mts"),
      `import { InvalidPhoneError, type SendParams, Smsc } from "smsc";
import { SMSC } from "smsc/compat";
import { sendMail } from "smsc/mail";
import { SEND_PARAMS } from "smsc/protocol";
import { SmppClient } from "smsc/smpp";
import { type CheckResult, memoryStore, Verify } from "smsc/verify";
${uses}`,
    );
    writeFileSync(
      join(scratch, "cjs.cts"),
      `import { InvalidPhoneError, type SendParams, Smsc } from "smsc";
import { SMSC } from "smsc/compat";
import { sendMail } from "smsc/mail";
import { SEND_PARAMS } from "smsc/protocol";
import { SmppClient } from "smsc/smpp";
import { type CheckResult, memoryStore, Verify } from "smsc/verify";
${uses}`,
    );
    writeFileSync(
      join(scratch, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: {
          module: "nodenext",
          moduleResolution: "nodenext",
          target: "es2022",
          strict: true,
          noEmit: true,
          skipLibCheck: false,
          types: ["node"],
          listFiles: true,
        },
        files: ["esm.mts", "cjs.cts"],
      }),
    );
    const tsc = join(root, "node_modules/typescript/bin/tsc");
    // a whole type-check: on a machine under heavy load it took more than the default 25 s
    const r = await run(process.execPath, [tsc, "-p", join(scratch, "tsconfig.json")], { limitMs: 120_000 });
    const errors = r.stdout.split("\n").filter((l) => /error TS\d+/.test(l));
    expect(errors).toEqual([]);
    expect(r.code, output(r)).toBe(0);
    // the .mts got the import declarations, the .cts the require ones
    const files = r.stdout.split("\n");
    for (const sub of ["index", "compat", "mail", "protocol", "smpp", "verify"]) {
      expect(files).toContain(join(dist, `${sub}.d.ts`));
      expect(files).toContain(join(dist, `${sub}.d.cts`));
    }
  }, 150_000);
});
