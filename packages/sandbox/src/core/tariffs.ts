import { type MessageFormat, parsePhone, type TariffZone } from "smsc/protocol";

/** Prices of one zone, per unit (an SMS part, a message, a request), in the account's currency. */
export interface ZonePrices {
  /** One SMS part sent through the API (also flash, push, binary, e-mail, social and messenger units). */
  api: number;
  /** One SMS part sent from the personal account; shown by get_price only. */
  mass: number;
  mms: number;
  hlr: number;
  /** One voice message. */
  call: number;
  viber: number;
  /** One ping-SMS; not a get_price column. */
  ping: number;
}

/** A tariff zone: the numbers it covers (prefixes of their digits, country code first) and its prices. */
export interface PriceZone extends ZonePrices {
  zone: number;
  name: string;
  /** Digits prefixes; [] covers every number no other zone does (and addresses that are not numbers). */
  prefixes: readonly string[];
}

/** A zone as configured: missing prices are the table's defaults, a missing number its position (1, 2, …). */
export interface PriceZoneInput extends Partial<ZonePrices> {
  zone?: number;
  name: string;
  prefixes: readonly string[];
}

/**
 * The sandbox's prices (`startSandbox({ prices })`, `--prices FILE.json`, `--price N`). `perPart`, `hlr` and
 * `ping` are the defaults of every zone, as before zones existed; the other columns default to `perPart`.
 */
export interface Prices {
  /** Price of one SMS part (the `api` column). @default 10 */
  perPart: number;
  /** Price of one HLR request. @default 5 */
  hlr: number;
  /** Price of one ping-SMS. @default 5 */
  ping: number;
  /** @default perPart */
  mass?: number;
  /** @default perPart */
  mms?: number;
  /** @default perPart */
  call?: number;
  /** @default perPart */
  viber?: number;
  /** The zones; a number in none of them is priced at the defaults. @default DEFAULT_ZONES */
  zones?: readonly PriceZoneInput[];
}

/** The sandbox's default prices: a KZT-like 10 per part, HLR and ping 5 each. */
export const DEFAULT_PRICES: Prices = { perPart: 10, hlr: 5, ping: 5 };

/**
 * The default zones: the countries the service serves most, each at the default prices, so a send costs what it
 * cost before zones existed. Prefixes as https://github.com/smsc-kz/smsc/blob/main/docs/protocol.md "Phone forms" reads the +7 plan.
 */
export const DEFAULT_ZONES: readonly PriceZoneInput[] = [
  { name: "Казахстан", prefixes: ["70", "76", "77"] },
  { name: "Россия", prefixes: ["73", "74", "78", "79"] },
  { name: "Узбекистан", prefixes: ["998"] },
  { name: "Киргизия", prefixes: ["996"] },
  { name: "Таджикистан", prefixes: ["992"] },
  { name: "Беларусь", prefixes: ["375"] },
  { name: "Украина", prefixes: ["380"] },
];

/** The name of the zone that covers every other number when the configured zones leave some out. */
export const OTHER_ZONE_NAME = "Прочие направления";

/** The resolved price table: what each zone costs and which zone a recipient is in. */
export interface PriceTable {
  /** Every zone in order; the last one covers every number the others do not. */
  readonly zones: readonly PriceZone[];
  /** The zone of a recipient (digits, or an address that is not a number). */
  zoneOf(address: string): PriceZone;
  /** The price of one unit of a format to a recipient. */
  unitPrice(address: string, format: MessageFormat): number;
  /** The zones as get.php?get_price=1 lists them. */
  tariffs(): TariffZone[];
}

/** The get_price column a format is billed by. */
const COLUMN: Partial<Record<MessageFormat, keyof ZonePrices>> = {
  mms: "mms",
  hlr: "hlr",
  ping: "ping",
  call: "call",
  viber: "viber",
};

/** Thrown for a price table that cannot be used; the message names the bad entry. */
export class PricesError extends TypeError {
  override name = "PricesError";
}

/** Checks and resolves prices into a table. Throws PricesError naming what is wrong. */
export function createPriceTable(prices: Partial<Prices> = {}): PriceTable {
  const p = { ...DEFAULT_PRICES, ...prices };
  const base: ZonePrices = {
    api: money("perPart", p.perPart),
    mass: money("mass", p.mass ?? p.perPart),
    mms: money("mms", p.mms ?? p.perPart),
    hlr: money("hlr", p.hlr),
    call: money("call", p.call ?? p.perPart),
    viber: money("viber", p.viber ?? p.perPart),
    ping: money("ping", p.ping),
  };
  const inputs = p.zones ?? DEFAULT_ZONES;
  if (!Array.isArray(inputs)) throw new PricesError("prices: zones must be an array");
  const zones: PriceZone[] = inputs.map((z, i) => zone(z, i, base));
  const numbers = new Set<number>();
  for (const z of zones) {
    if (numbers.has(z.zone)) throw new PricesError(`prices: zone ${z.zone} is listed twice`);
    numbers.add(z.zone);
  }
  if (!zones.some((z) => z.prefixes.length === 0))
    zones.push({ ...base, zone: Math.max(0, ...numbers) + 1, name: OTHER_ZONE_NAME, prefixes: [] });
  const rest = zones.find((z) => z.prefixes.length === 0)!;
  const byPrefix = zones
    .flatMap((z) => z.prefixes.map((prefix) => ({ prefix, z })))
    .sort((a, b) => b.prefix.length - a.prefix.length);
  const zoneOf = (address: string): PriceZone => {
    const digits = parsePhone(address)?.digits ?? (/^\d+$/.test(address) ? address : undefined);
    if (digits === undefined) return rest;
    return byPrefix.find((e) => digits.startsWith(e.prefix))?.z ?? rest;
  };
  return {
    zones,
    zoneOf,
    unitPrice: (address, format) => zoneOf(address)[COLUMN[format] ?? "api"],
    tariffs: () =>
      zones.map((z) => ({
        zone: z.zone,
        name: z.name,
        api: z.api,
        mass: z.mass,
        mms: z.mms,
        hlr: z.hlr,
        call: z.call,
        viber: z.viber,
      })),
  };
}

function zone(z: PriceZoneInput, i: number, base: ZonePrices): PriceZone {
  const where = `prices: zones[${i}]`;
  if (typeof z !== "object" || z === null) throw new PricesError(`${where} must be an object`);
  if (typeof z.name !== "string" || z.name.trim() === "")
    throw new PricesError(`${where}.name must be a non-empty string`);
  if (!Array.isArray(z.prefixes) || z.prefixes.some((x) => typeof x !== "string" || !/^\d{1,15}$/.test(x)))
    throw new PricesError(`${where}.prefixes must be an array of digit strings`);
  const number = z.zone ?? i + 1;
  if (!Number.isSafeInteger(number) || number < 0)
    throw new PricesError(`${where}.zone must be a non-negative integer`);
  const out: PriceZone = { ...base, zone: number, name: z.name, prefixes: [...z.prefixes] };
  for (const k of Object.keys(base) as Array<keyof ZonePrices>)
    if (z[k] !== undefined) out[k] = money(`${where}.${k}`, z[k]);
  return out;
}

function money(name: string, v: unknown): number {
  if (typeof v !== "number" || !Number.isFinite(v) || v < 0)
    throw new PricesError(`${name} must be a non-negative number, got ${JSON.stringify(v)}`);
  return v;
}

/**
 * Reads a prices file (`--prices FILE.json`): `{ "api"?, "mass"?, "mms"?, "hlr"?, "call"?, "viber"?, "ping"?,
 * "zones"?: [{ "name", "prefixes", "zone"?, …prices }] }` in get_price's column names. Throws PricesError.
 */
export function readPricesFile(text: string): Partial<Prices> {
  let j: unknown;
  try {
    j = JSON.parse(text);
  } catch (err) {
    throw new PricesError(`prices file is not JSON: ${(err as Error).message}`);
  }
  if (typeof j !== "object" || j === null || Array.isArray(j))
    throw new PricesError('prices file must be an object: { "api": 10, "zones": [ … ] }');
  const o = j as Record<string, unknown>;
  const known = new Set(["api", "mass", "mms", "hlr", "call", "viber", "ping", "zones"]);
  const unknown = Object.keys(o).filter((k) => !known.has(k));
  if (unknown.length) throw new PricesError(`prices file: unknown field "${unknown[0]}"`);
  const out: Partial<Prices> = {};
  if (o.api !== undefined) out.perPart = o.api as number;
  for (const k of ["mass", "mms", "hlr", "call", "viber", "ping"] as const)
    if (o[k] !== undefined) out[k] = o[k] as number;
  if (o.zones !== undefined) out.zones = o.zones as PriceZoneInput[];
  createPriceTable(out);
  return out;
}
