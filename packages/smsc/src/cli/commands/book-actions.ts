// Shared pieces of the address-book commands (contacts, groups, blacklist, senders, op-templates, documents).
import { str, type Values } from "../command.js";
import { UsageError } from "../errors.js";
import type { Style } from "../style.js";
import { didYouMean } from "../suggest.js";

/** The action the first argument names; a usage error with "did you mean" otherwise. */
export function actionOf<A extends string>(
  command: string,
  actions: readonly A[],
  word: string | undefined,
): A {
  if (word !== undefined && (actions as readonly string[]).includes(word)) return word as A;
  if (word === undefined) throw new UsageError(`${command} needs an action: ${actions.join(", ")}`);
  throw new UsageError(
    `unknown ${command} action "${word}".${didYouMean(word, actions) || ` Actions: ${actions.join(", ")}.`}`,
  );
}

/** The argument at `i`, or a usage error naming what is missing. */
export function needArg(positionals: string[], i: number, what: string): string {
  const v = positionals[i];
  if (v === undefined || v === "") throw new UsageError(`${what} is missing`);
  return v;
}

/** A flag that must be a positive integer (an id), or undefined when absent. */
export function intFlag(values: Values, name: string): number | undefined {
  const v = str(values, name);
  if (v === undefined) return undefined;
  if (!/^\d{1,15}$/.test(v)) throw new UsageError(`--${name} must be a positive integer, got "${v}"`);
  return Number(v);
}

/** A comma list of ids ("1,2"), or a usage error. */
export function idList(v: string, what: string): number[] {
  const ids = v.split(",").map((s) => s.trim());
  if (ids.length === 0 || ids.some((s) => !/^\d{1,15}$/.test(s)))
    throw new UsageError(`${what} must be ids separated by commas, got "${v}"`);
  return ids.map(Number);
}

/** The fields set by flags, by SDK name: `flags` maps a flag to the field it sets. */
export function fieldFlags(values: Values, flags: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [flag, field] of Object.entries(flags)) {
    const v = str(values, flag);
    if (v !== undefined) out[field] = v;
  }
  return out;
}

/** What a changing action prints: `{ id }` for a new record, `{ ok: true }` otherwise. */
export function humanChange(r: { id?: number; ok?: boolean }, style: Style): string {
  return r.id !== undefined ? `${style.green("added:")} id ${r.id}` : style.green("done");
}

/** A record as `key: value` lines, lists comma-joined, empty fields left out. */
export function recordLines(r: object): string {
  return Object.entries(r)
    .filter(([, v]) => v !== "" && v !== undefined && !(Array.isArray(v) && v.length === 0))
    .map(([k, v]) => `${k}: ${Array.isArray(v) ? v.join(", ") : v}`)
    .join("\n");
}
