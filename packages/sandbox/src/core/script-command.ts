import { parsePhone } from "smsc/protocol";

/**
 * The one command of a request to a script that takes its command as a flag (`add=1`, `get_group=1`,
 * `move_group=2`): the name set to a non-zero value. Undefined when none or several are set (error 1).
 */
export function scriptCommand<C extends string>(
  params: Record<string, string>,
  commands: Readonly<Record<C, unknown>>,
): C | undefined {
  const set = (Object.keys(commands) as C[]).filter((c) => {
    const v = params[c]?.trim();
    return v !== undefined && v !== "" && v !== "0";
  });
  return set.length === 1 ? set[0] : undefined;
}

/** A list parameter ("any separator": commas, semicolons, new lines), trimmed, without empty items. */
export function listParam(v: string | undefined): string[] {
  return (v ?? "")
    .split(/[,;\r\n]+/)
    .map((s) => s.trim())
    .filter((s) => s !== "");
}

/** The numbers of a list parameter as digits; undefined when one of them is no phone number. */
export function phonesParam(v: string | undefined): string[] | undefined {
  const out: string[] = [];
  for (const item of listParam(v)) {
    const digits = parsePhone(item)?.digits;
    if (digits === undefined) return undefined;
    if (!out.includes(digits)) out.push(digits);
  }
  return out;
}

/** A positive integer parameter: undefined when absent or empty, null when malformed. */
export function idParam(v: string | undefined): number | undefined | null {
  if (v === undefined || v.trim() === "") return undefined;
  return /^\d{1,15}$/.test(v.trim()) && Number(v) > 0 ? Number(v.trim()) : null;
}

/** A list of positive integers (group ids): undefined when absent, null when one is malformed. */
export function idsParam(v: string | undefined): number[] | undefined | null {
  if (v === undefined || v.trim() === "") return undefined;
  const ids = listParam(v).map(idParam);
  return ids.every((id): id is number => typeof id === "number") ? [...new Set(ids)] : null;
}
