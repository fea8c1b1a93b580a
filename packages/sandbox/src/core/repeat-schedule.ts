import { MOSCOW_OFFSET_HOURS } from "smsc/protocol";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const OFFSET = MOSCOW_OFFSET_HOURS * HOUR;

/** The Moscow weekday of a moment: 0 Sunday … 6 Saturday (the service's times are Moscow time, spec §2.2). */
function weekday(ms: number): number {
  return new Date(ms + OFFSET).getUTCDay();
}

/** The same Moscow wall time `months` months later, the day clamped to the month's last (31.01 + 1 → 28.02). */
function addMonths(ms: number, months: number): number {
  const d = new Date(ms + OFFSET);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + months;
  const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  const t = Date.UTC(
    y,
    m,
    Math.min(d.getUTCDate(), last),
    d.getUTCHours(),
    d.getUTCMinutes(),
    d.getUTCSeconds(),
  );
  return t - OFFSET;
}

/**
 * When run number `index` (0 = the first) of a mailing repeating with `rpt` falls (jobs.php, spec §3): hourly,
 * daily, every working day (Monday to Friday), every weekend day, weekly, monthly, yearly, counted from the first
 * run in Moscow time. `previous` is the time of run `index - 1`. Undefined for `rpt` 0 (no repeats).
 */
export function repeatRunAt(
  rpt: number,
  firstAt: number,
  index: number,
  previous: number,
): number | undefined {
  switch (rpt) {
    case 1:
      return firstAt + index * HOUR;
    case 2:
      return firstAt + index * DAY;
    case 3:
    case 4: {
      let t = previous + DAY;
      const wanted = (d: number) => (rpt === 3 ? d >= 1 && d <= 5 : d === 0 || d === 6);
      while (!wanted(weekday(t))) t += DAY;
      return t;
    }
    case 5:
      return firstAt + index * 7 * DAY;
    case 6:
      return addMonths(firstAt, index);
    case 7:
      return addMonths(firstAt, index * 12);
    default:
      return undefined;
  }
}

/** The end of the Moscow calendar month holding `ms` (the first moment of the next month). */
export function monthEnd(ms: number): number {
  const d = new Date(ms + OFFSET);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1) - OFFSET;
}

/** The start of the Moscow calendar month holding `ms`. */
export function monthStart(ms: number): number {
  const d = new Date(ms + OFFSET);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1) - OFFSET;
}

/** A `dd.mm.yyyy` date (Moscow) as the ms of its start; undefined when it is not one. */
export function parseDay(s: string): number | undefined {
  const m = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(s.trim());
  if (!m) return undefined;
  const [dd, mm, yyyy] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = Date.UTC(yyyy, mm - 1, dd);
  if (mm < 1 || mm > 12 || new Date(t).getUTCDate() !== dd) return undefined;
  return t - OFFSET;
}

/** One day, ms. */
export const DAY_MS = DAY;
