/**
 * SMPP time fields (§7.1.1): "YYMMDDhhmmsstnnp", 16 characters. `t` is tenths of a second, `nn` the offset from
 * UTC in quarter hours, `p` "+" or "-" for an absolute time, or "R" for a time relative to now (then nn is 00).
 * An empty string means "not set".
 */
export type SmppTime = { kind: "absolute"; unix: number } | { kind: "relative"; seconds: number };

const pad = (n: number) => String(n).padStart(2, "0");

/** Parses an SMPP time field; undefined for "", a RangeError for anything malformed. */
export function parseSmppTime(s: string): SmppTime | undefined {
  if (s === "") return undefined;
  const m = /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d)(\d{2})([+\-R])$/.exec(s);
  if (!m) throw new RangeError(`"${s}" is not an SMPP time (YYMMDDhhmmsstnnp)`);
  const [yy, mo, dd, hh, mi, ss, t, nn] = m.slice(1, 9).map(Number) as number[] as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (m[9] === "R")
    return { kind: "relative", seconds: ((yy * 365 + mo * 30 + dd) * 24 + hh) * 3600 + mi * 60 + ss };
  if (mo < 1 || mo > 12 || dd < 1 || dd > 31 || hh > 23 || mi > 59 || ss > 59 || nn > 48)
    throw new RangeError(`"${s}" is not a valid SMPP time`);
  const offset = (m[9] === "-" ? -1 : 1) * nn * 15 * 60;
  return { kind: "absolute", unix: Date.UTC(2000 + yy, mo - 1, dd, hh, mi, ss) / 1000 + t / 10 - offset };
}

/** Formats Unix seconds as an absolute SMPP time in UTC ("…000+"). */
export function formatSmppTime(unix: number): string {
  const d = new Date(Math.floor(unix) * 1000);
  return (
    pad(d.getUTCFullYear() % 100) +
    pad(d.getUTCMonth() + 1) +
    pad(d.getUTCDate()) +
    pad(d.getUTCHours()) +
    pad(d.getUTCMinutes()) +
    pad(d.getUTCSeconds()) +
    "000+"
  );
}

/** Formats a duration as a relative SMPP time ("0000DDhhmmss000R"); a year and a month count 365 and 30 days. */
export function formatRelativeSmppTime(seconds: number): string {
  let s = Math.max(0, Math.floor(seconds));
  const days = Math.floor(s / 86400);
  s %= 86400;
  const yy = Math.floor(days / 365);
  const mo = Math.floor((days % 365) / 30);
  const dd = (days % 365) % 30;
  return `${pad(yy)}${pad(mo)}${pad(dd)}${pad(Math.floor(s / 3600))}${pad(Math.floor((s % 3600) / 60))}${pad(s % 60)}000R`;
}

/** Unix seconds an SMPP time points at, taking relative times from `nowUnix`; undefined for "". */
export function smppTimeToUnix(s: string, nowUnix: number): number | undefined {
  const t = parseSmppTime(s);
  if (!t) return undefined;
  return t.kind === "absolute" ? t.unix : nowUnix + t.seconds;
}
