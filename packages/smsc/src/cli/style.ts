import type { OutStream } from "./io.js";

/** ANSI styles for one stream; every function returns its text unchanged when colour is off. */
export interface Style {
  readonly enabled: boolean;
  bold(s: string): string;
  dim(s: string): string;
  red(s: string): string;
  green(s: string): string;
  yellow(s: string): string;
  cyan(s: string): string;
}

// SGR codes and the code that ends each, so a styled piece inside another keeps the outer one afterwards
const SGR = {
  bold: [1, 22],
  dim: [2, 22],
  red: [31, 39],
  green: [32, 39],
  yellow: [33, 39],
  cyan: [36, 39],
} as const;

/** A style that colours (enabled) or passes text through. */
export function makeStyle(enabled: boolean): Style {
  const wrap =
    ([on, off]: readonly [number, number]) =>
    (s: string) =>
      enabled && s !== "" ? `\x1b[${on}m${s}\x1b[${off}m` : s;
  return {
    enabled,
    bold: wrap(SGR.bold),
    dim: wrap(SGR.dim),
    red: wrap(SGR.red),
    green: wrap(SGR.green),
    yellow: wrap(SGR.yellow),
    cyan: wrap(SGR.cyan),
  };
}

/** A style that never colours. */
export const PLAIN: Style = makeStyle(false);

/**
 * Whether to colour what goes to a stream, first rule that applies: `--no-color` → no; `NO_COLOR` set to anything
 * but "" → no (no-color.org); `FORCE_COLOR` → yes, unless "0" or "false"; otherwise only a terminal that says it
 * has colours (node:tty's hasColors, which also honours TERM=dumb). A stream that cannot say (a pipe, a test
 * double) gets none.
 */
export function colorEnabled(
  stream: OutStream,
  env: Record<string, string | undefined>,
  noColorFlag: boolean,
): boolean {
  if (noColorFlag) return false;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined && force !== "") return force !== "0" && force !== "false";
  if (stream.isTTY !== true || typeof stream.hasColors !== "function") return false;
  // decided above; node:tty would take an empty NO_COLOR for a set one, which no-color.org does not
  const { NO_COLOR: _no, FORCE_COLOR: _force, ...rest } = env;
  return stream.hasColors(16, rest);
}

/** Removes ANSI colour codes (for width calculations and tests). */
export function stripAnsi(s: string): string {
  return s.replace(/\x1b\[[0-9;]*m/g, "");
}
