// The CLI's docs agree with its code: the exit-code tables of docs/cli.md and docs/sdk.md are the table in
// exit-codes.ts (UPDATE_DOCS=1 rewrites them), and docs/cli.md names every command and every flag.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { COMMANDS } from "../packages/smsc/src/cli/commands/index.js";
import { EXIT_CODES, exitCodeRows, exitCodesMarkdown } from "../packages/smsc/src/cli/exit-codes.js";
import {
  CLIENT_FLAGS,
  OUTPUT_FLAGS,
  VERBOSE_FLAG,
  VERSION_FLAG,
} from "../packages/smsc/src/cli/global-flags.js";
import { SEND_ERRORS } from "../packages/smsc/src/protocol/index.js";
import { root } from "./cli-helpers.js";

const TABLE = /(<!-- exit-codes:[^\n]*-->\n)([\s\S]*?)(\n<!-- \/exit-codes -->)/;
const read = (doc: string) => readFileSync(join(root, doc), "utf8");

/** The rows of a Markdown table: [code, meaning] per line after the header and its rule. */
function parseTable(markdown: string): Array<[number, string]> {
  return markdown
    .split("\n")
    .slice(2)
    .map((line) => {
      const m = /^\| (\d+) \| (.*) \|$/.exec(line);
      if (!m) throw new Error(`not a table row: ${line}`);
      return [Number(m[1]), m[2]!] as [number, string];
    });
}

describe("exit-code tables", () => {
  for (const doc of ["docs/cli.md", "docs/sdk.md"]) {
    it(`${doc} has the exit-code table of exit-codes.ts`, () => {
      if (process.env.UPDATE_DOCS)
        writeFileSync(
          join(root, doc),
          read(doc).replace(TABLE, (_, a, _b, c) => a + exitCodesMarkdown() + c),
        );
      const m = TABLE.exec(read(doc));
      expect(m, `${doc} has no <!-- exit-codes --> block`).not.toBeNull();
      const rows = parseTable(m![2]!);
      // every code, each once, with the meaning from the code
      expect(rows).toEqual(exitCodeRows());
      expect(new Set(rows.map(([c]) => c))).toEqual(
        new Set([...Object.values(EXIT_CODES), ...Object.keys(SEND_ERRORS).map((n) => 10 + Number(n))]),
      );
      expect(m![2], "run UPDATE_DOCS=1 npx vitest run test/cli-docs.test.ts").toBe(exitCodesMarkdown());
    });
  }
});

describe("docs/cli.md", () => {
  it("names every command and every flag the help lists", () => {
    const text = read("docs/cli.md");
    const missing: string[] = [];
    for (const c of COMMANDS.values()) {
      if (!text.includes(`\`${c.name}`)) missing.push(c.name);
      for (const f of Object.keys(c.flags)) if (!text.includes(`--${f}`)) missing.push(`${c.name} --${f}`);
    }
    for (const f of Object.keys({ ...CLIENT_FLAGS, ...VERBOSE_FLAG, ...OUTPUT_FLAGS, ...VERSION_FLAG }))
      if (!text.includes(`--${f}`)) missing.push(`--${f}`);
    for (const c of COMMANDS.values())
      for (const f of c.fields ?? []) if (!text.includes(`\`${f}\``)) missing.push(`${c.name} field ${f}`);
    expect(missing).toEqual([]);
  });
});
