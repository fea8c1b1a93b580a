import { UsageError } from "./errors.js";
import { didYouMean } from "./suggest.js";

/**
 * A command's JSON field names, checked by the compiler against its result type: a name that is not a key is an
 * error, and so is a key that is missing from the list. `fieldList<SendResult>()(["id", "cnt", …])`.
 */
export function fieldList<T>() {
  return <const L extends ReadonlyArray<keyof T & string>>(
    list: L &
      ([Exclude<keyof T, L[number]>] extends [never] ? unknown : { missing: Exclude<keyof T, L[number]> }),
  ): L => list;
}

/** A command line with `--json FIELDS` taken out: the arguments left (with a bare --json) and the fields. */
export interface JsonSelection {
  args: string[];
  /** The fields asked for, in order; undefined for plain --json (everything). */
  fields?: string[];
}

/**
 * Finds `--json=FIELDS` and `--json FIELDS` (before any `--`). `--json=…` always names fields. After a bare
 * `--json` the next word is taken as fields only when every comma-separated name in it is one of the command's
 * fields; otherwise it stays an argument (`smsc send --json 77011234567 Hi` keeps working). Unknown names are a
 * usage error that lists the fields.
 */
export function extractJsonFields(
  args: readonly string[],
  known: readonly string[] | undefined,
  command: string,
): JsonSelection {
  const out: string[] = [];
  let fields: string[] | undefined;
  const take = (list: string[]) => {
    fields = [...new Set([...(fields ?? []), ...list])];
  };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === "--") {
      out.push(...args.slice(i));
      break;
    }
    if (a.startsWith("--json=")) {
      take(checkFields(a.slice("--json=".length), known, command));
      out.push("--json");
      continue;
    }
    out.push(a);
    const next = args[i + 1];
    if (a === "--json" && next !== undefined && known && isFieldList(next, known)) {
      take(next.split(","));
      i++;
    }
  }
  return fields === undefined ? { args: out } : { args: out, fields };
}

function isFieldList(word: string, known: readonly string[]): boolean {
  return word !== "" && word.split(",").every((f) => known.includes(f));
}

function checkFields(list: string, known: readonly string[] | undefined, command: string): string[] {
  const names = list
    .split(",")
    .map((f) => f.trim())
    .filter(Boolean);
  if (!known) throw new UsageError(`smsc ${command} --json takes no field list`);
  if (names.length === 0)
    throw new UsageError(`--json=: name at least one field of smsc ${command}: ${known.join(", ")}`);
  for (const n of names)
    if (!known.includes(n))
      throw new UsageError(
        `--json: smsc ${command} has no field "${n}".${didYouMean(n, known)} Fields: ${known.join(", ")}`,
      );
  return names;
}

/** Keeps the fields of an object (of each object of a list), in the order asked; a field the result lacks is null. */
export function selectFields(value: unknown, fields: readonly string[]): unknown {
  if (Array.isArray(value)) return value.map((v) => selectFields(v, fields));
  if (typeof value !== "object" || value === null) return value;
  const o = value as Record<string, unknown>;
  return Object.fromEntries(fields.map((f) => [f, o[f] === undefined ? null : o[f]]));
}
