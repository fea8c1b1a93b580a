import { UsageError } from "../errors.js";

/** The action word of a command with actions (`smsc templates add …`): the first argument, checked. */
export function actionOf<A extends string>(command: string, positionals: string[], actions: readonly A[]): A {
  const a = positionals[0];
  if (a === undefined || !(actions as readonly string[]).includes(a))
    throw new UsageError(
      `${command} needs one of: ${actions.join(", ")}${a === undefined ? "" : ` (got "${a}")`}`,
    );
  return a as A;
}

/** A required positional argument after the action, or a usage error naming it. */
export function argument(command: string, positionals: string[], index: number, what: string): string {
  const v = positionals[index];
  if (v === undefined || v === "") throw new UsageError(`${command} ${positionals[0]} needs ${what}`);
  return v;
}

/** A numeric id argument. */
export function idArgument(command: string, positionals: string[], index = 1): number {
  const v = argument(command, positionals, index, "an id");
  if (!/^\d+$/.test(v)) throw new UsageError(`${command} ${positionals[0]}: "${v}" is not an id`);
  return Number(v);
}

/** `key: value` lines of a record, for people. */
export function lines(r: object): string {
  return Object.entries(r)
    .filter(([, v]) => v !== undefined && v !== "")
    .map(([k, v]) => `${k}: ${typeof v === "string" && v.includes("\n") ? JSON.stringify(v) : v}`)
    .join("\n");
}

/** Records for people: one block each, or a note when there are none. */
export function blocks(list: readonly object[], none: string): string {
  return list.length ? list.map(lines).join("\n\n") : none;
}
