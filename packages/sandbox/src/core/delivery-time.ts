import { MOSCOW_OFFSET_HOURS, parseDeliveryTime } from "smsc/protocol";

/**
 * When a send leaves, in ms: now, the requested moment (a past moment means now), or the next moment inside an
 * `h1-h2` window of Moscow hours (spec §2.2). Undefined for a value the service answers with error 5.
 */
export function resolveSendAt(time: string | undefined, tz: number, nowMs: number): number | undefined {
  if (time === undefined) return nowMs;
  const parsed = parseDeliveryTime(time, Math.floor(nowMs / 1000), tz);
  if (!parsed) return undefined;
  switch (parsed.kind) {
    case "now":
      return nowMs;
    case "at":
      return Math.max(nowMs, parsed.unix * 1000);
    case "window":
      return nextInWindow(nowMs, parsed.fromHour, parsed.toHour);
  }
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** The first moment at or after `nowMs` whose Moscow hour lies in [from, to) (wrapping midnight when from > to). */
function nextInWindow(nowMs: number, from: number, to: number): number {
  if (from === to) return nowMs;
  const offset = MOSCOW_OFFSET_HOURS * HOUR;
  const local = nowMs + offset;
  const hour = Math.floor((local % DAY) / HOUR);
  const inside = from < to ? hour >= from && hour < to : hour >= from || hour < to;
  if (inside) return nowMs;
  const dayStart = local - (local % DAY);
  let start = dayStart + from * HOUR;
  if (start <= local) start += DAY;
  return start - offset;
}
