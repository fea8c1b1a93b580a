import type { ParseArgsConfig } from "node:util";

/** Environment as the CLI sees it. */
export type Env = Record<string, string | undefined>;

/**
 * One flag: how it parses, how the help shows it and what shell completion offers for its value. The parser's
 * options, the help text and the completion scripts are all generated from these tables.
 */
export interface Flag {
  type: "string" | "boolean";
  short?: string;
  multiple?: boolean;
  /** The value's placeholder in the help: "phones" shows `--to <phones>`; "[fields]" (an optional value) as is. */
  arg?: string;
  /** One line of help. */
  help: string;
  /** A heading printed in the help before this flag (a new group of flags). */
  section?: string;
  /** What completion offers for the value: fixed words, file names, or words found at completion time. */
  complete?: readonly string[] | "file" | ((env: Env) => readonly string[]);
}

/** Flags by long name (without the dashes). */
export type Flags = Readonly<Record<string, Flag>>;

/** node:util parseArgs options of a flag table. */
export function parseOptions(flags: Flags): NonNullable<ParseArgsConfig["options"]> {
  return Object.fromEntries(
    Object.entries(flags).map(([name, f]) => [
      name,
      { type: f.type, ...(f.short ? { short: f.short } : {}), ...(f.multiple ? { multiple: true } : {}) },
    ]),
  );
}

/** The help lines of a flag table: `  -t, --to <phones>       recipients …`, with section headings. */
export function flagLines(flags: Flags, heading: (s: string) => string = (s) => s): string {
  const lines: string[] = [];
  for (const [name, f] of Object.entries(flags)) {
    if (f.section) lines.push(heading(f.section));
    const arg = f.arg === undefined ? "" : f.arg.startsWith("[") ? ` ${f.arg}` : ` <${f.arg}>`;
    const head = `  ${f.short ? `-${f.short}, ` : ""}--${name}${arg}`;
    lines.push(`${head.padEnd(25)} ${f.help}`);
  }
  return lines.join("\n");
}
