/**
 * Dates on the wire. The service reports times as "DD.MM.YYYY hh:mm:ss" in Moscow time, and `tz` is counted
 * relative to Moscow (spec §2.1, §4.4), so Moscow (UTC+3, no DST since 2014) is the reference zone here.
 */
export const MOSCOW_OFFSET_HOURS = 3;

const pad = (n: number, w = 2) => String(n).padStart(w, "0");

/** Formats a Unix time (seconds) as "DD.MM.YYYY hh:mm:ss" at UTC+offsetHours. */
export function formatWireDate(unixSeconds: number, offsetHours = MOSCOW_OFFSET_HOURS): string {
  const d = new Date((unixSeconds + offsetHours * 3600) * 1000);
  return (
    `${pad(d.getUTCDate())}.${pad(d.getUTCMonth() + 1)}.${d.getUTCFullYear()} ` +
    `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`
  );
}

/** Parses "DD.MM.YYYY hh:mm:ss" (at UTC+offsetHours) back to a Unix time, or undefined. */
export function parseWireDate(s: string, offsetHours = MOSCOW_OFFSET_HOURS): number | undefined {
  const m = /^(\d{2})\.(\d{2})\.(\d{4}) (\d{2}):(\d{2}):(\d{2})$/.exec(s.trim());
  if (!m) return undefined;
  const [, dd, mm, yyyy, hh, mi, ss] = m.map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  return Date.UTC(yyyy, mm - 1, dd, hh, mi, ss) / 1000 - offsetHours * 3600;
}

/** What a `time` parameter asks for (spec §2.2). */
export type DeliveryTime =
  | { kind: "now" }
  | { kind: "at"; unix: number }
  | { kind: "window"; fromHour: number; toHour: number };

/**
 * Parses the `time` send parameter in all its documented forms: DDMMYYhhmm, "DD.MM.YY hh:mm" (also with a
 * four-digit year), h1-h2, 0<unix timestamp>, +<minutes>, and 0. Absolute times are in Moscow time shifted by
 * `tz` hours. Returns undefined for anything else, which the service answers with error 5.
 */
export function parseDeliveryTime(value: string, nowUnix: number, tz = 0): DeliveryTime | undefined {
  const v = value.trim();
  if (v === "" || v === "0") return { kind: "now" };
  let m = /^\+(\d{1,6})$/.exec(v);
  if (m) return { kind: "at", unix: nowUnix + Number(m[1]) * 60 };
  // "0" + a Unix timestamp is 11 digits, DDMMYYhhmm exactly 10, so the length tells the two apart
  m = /^0(\d{10,12})$/.exec(v);
  if (m) return { kind: "at", unix: Number(m[1]) };
  m = /^(\d{1,2})-(\d{1,2})$/.exec(v);
  if (m) {
    const fromHour = Number(m[1]);
    const toHour = Number(m[2]);
    return fromHour <= 24 && toHour <= 24 ? { kind: "window", fromHour, toHour } : undefined;
  }
  m =
    /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(v) ??
    /^(\d{2})\.(\d{2})\.(\d{2}|\d{4}) (\d{1,2}):(\d{2})$/.exec(v);
  if (!m) return undefined;
  const [dd, mm, yy, hh, mi] = m.slice(1).map(Number) as [number, number, number, number, number];
  const year = yy < 100 ? 2000 + yy : yy;
  if (mm < 1 || mm > 12 || dd < 1 || hh > 23 || mi > 59) return undefined;
  const utc = Date.UTC(year, mm - 1, dd, hh, mi) / 1000;
  if (new Date(utc * 1000).getUTCDate() !== dd) return undefined; // 31.02 and the like
  return { kind: "at", unix: utc - (MOSCOW_OFFSET_HOURS + tz) * 3600 };
}

/** Writes a Date as the `time` parameter's unambiguous "0<unix timestamp>" form. */
export function deliveryTimeParam(date: Date): string {
  return `0${Math.floor(date.getTime() / 1000)}`;
}

/** Formats a Date as a day parameter of the reports ("DD.MM.YYYY", Moscow time: get.php `start`, `end`). */
export function formatWireDay(date: Date, offsetHours = MOSCOW_OFFSET_HOURS): string {
  return formatWireDate(Math.floor(date.getTime() / 1000), offsetHours).slice(0, 10);
}

/**
 * Parses a day parameter "DD.MM.YYYY" (also D.M.YYYY) into the Unix time (seconds) of its midnight at
 * UTC+offsetHours, or undefined for anything else (31.02 included).
 */
export function parseWireDay(s: string, offsetHours = MOSCOW_OFFSET_HOURS): number | undefined {
  const m = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(s.trim());
  if (!m) return undefined;
  const [dd, mm, yyyy] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const utc = Date.UTC(yyyy, mm - 1, dd);
  const d = new Date(utc);
  if (d.getUTCDate() !== dd || d.getUTCMonth() !== mm - 1) return undefined;
  return utc / 1000 - offsetHours * 3600;
}

/** The same day `months` calendar months later (the last day of a shorter month when it has no such day). */
export function addMonths(unixSeconds: number, months: number, offsetHours = MOSCOW_OFFSET_HOURS): number {
  const d = new Date((unixSeconds + offsetHours * 3600) * 1000);
  const y = d.getUTCFullYear();
  const target = d.getUTCMonth() + months;
  const last = new Date(Date.UTC(y, target + 1, 0)).getUTCDate();
  const moved = Date.UTC(y, target, Math.min(d.getUTCDate(), last), d.getUTCHours(), d.getUTCMinutes());
  return moved / 1000 - offsetHours * 3600;
}
