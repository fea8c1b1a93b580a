import type { HlrFields } from "smsc/protocol";

/** Where a number belongs, as status.php `all=2`, `op=1`, HLR and info.php report it. */
export interface PhoneInfo {
  /** Country in Russian, as the service prints it. */
  country: string;
  /** Country in English, for the HLR `cn` field. */
  countryEn: string;
  /** The operator; "" when the number's prefix is not in the tables. */
  operator: string;
  region: string;
  mcc: string;
  /** "" when the operator is not known. */
  mnc: string;
  /** Time zone of the region in hours relative to Moscow (send.php's `tz` scale). */
  tz: number;
}

/** One country of the tables: its calling-code prefixes (digits) and its operators' number ranges. */
interface Country {
  /** Number prefixes that belong to the country (with the country code). */
  prefixes: readonly string[];
  country: string;
  countryEn: string;
  mcc: string;
  region: string;
  tz: number;
  /** Operators with the prefixes of their ranges (with the country code). */
  operators: ReadonlyArray<readonly [name: string, mnc: string, prefixes: readonly string[]]>;
}

/**
 * Plausible (not authoritative) operator data by number prefix for the countries the service serves most. The
 * sandbox needs stable, realistic-looking values; real numbering plans change with number portability anyway.
 * The ranges follow the operators' published codes as they were commonly known, one region per country.
 */
const COUNTRIES: readonly Country[] = [
  {
    // +7 zones 0, 6, 7 are Kazakhstan (docs/protocol.md "Phone forms"); one time zone, UTC+5, since 2024
    prefixes: ["70", "76", "77"],
    country: "Казахстан",
    countryEn: "Kazakhstan",
    mcc: "401",
    region: "Алматы",
    tz: 2,
    operators: [
      ["Beeline", "01", ["7705", "7771", "7776", "7777"]],
      ["Kcell", "02", ["7701", "7702"]],
      ["Activ", "02", ["7775", "7778"]],
      ["Tele2", "77", ["7707", "7747"]],
      ["Altel", "07", ["7700", "7708"]],
    ],
  },
  {
    prefixes: ["73", "74", "78", "79"],
    country: "Россия",
    countryEn: "Russia",
    mcc: "250",
    region: "Москва",
    tz: 0,
    operators: [
      ["МТС", "01", ["791", "798"]],
      ["МегаФон", "02", ["792", "7930", "7931", "7932", "7933", "7934", "7936", "7937", "7938"]],
      ["Билайн", "99", ["7903", "7905", "7906", "7909", "796"]],
      ["Tele2", "20", ["7900", "7901", "7902", "7904", "7908", "795", "7977", "799"]],
    ],
  },
  {
    prefixes: ["998"],
    country: "Узбекистан",
    countryEn: "Uzbekistan",
    mcc: "434",
    region: "Ташкент",
    tz: 2,
    operators: [
      ["Beeline", "04", ["99890", "99891"]],
      ["Ucell", "05", ["99893", "99894"]],
      ["Mobiuz", "07", ["99897", "99888"]],
      ["Uzmobile", "03", ["99895", "99899", "99877"]],
    ],
  },
  {
    prefixes: ["996"],
    country: "Киргизия",
    countryEn: "Kyrgyzstan",
    mcc: "437",
    region: "Бишкек",
    tz: 3,
    operators: [
      ["Beeline", "01", ["99677", "99622"]],
      ["MegaCom", "05", ["99655", "99699", "996755"]],
      ["O!", "09", ["99670", "99650"]],
    ],
  },
  {
    prefixes: ["992"],
    country: "Таджикистан",
    countryEn: "Tajikistan",
    mcc: "436",
    region: "Душанбе",
    tz: 2,
    operators: [
      ["Tcell", "01", ["99292", "99293", "99277"]],
      ["MegaFon", "03", ["99290", "99288"]],
      ["Babilon-M", "04", ["992918", "99298"]],
      ["ZET-Mobile", "05", ["99291", "99255"]],
    ],
  },
  {
    prefixes: ["375"],
    country: "Беларусь",
    countryEn: "Belarus",
    mcc: "257",
    region: "Минск",
    tz: 0,
    operators: [
      ["A1", "01", ["375291", "375293", "375296", "375299", "37544"]],
      ["МТС", "02", ["375292", "375295", "375297", "375298", "37533"]],
      ["life:)", "04", ["37525"]],
    ],
  },
  {
    prefixes: ["380"],
    country: "Украина",
    countryEn: "Ukraine",
    mcc: "255",
    region: "Киев",
    tz: -1,
    operators: [
      ["Kyivstar", "03", ["38067", "38068", "38096", "38097", "38098"]],
      ["Vodafone", "01", ["38050", "38066", "38095", "38099"]],
      ["lifecell", "06", ["38063", "38073", "38093"]],
    ],
  },
];

/** Every operator range, longest prefix first, and every country prefix, longest first. */
const RANGES = COUNTRIES.flatMap((c) =>
  c.operators.flatMap(([operator, mnc, prefixes]) => prefixes.map((p) => ({ p, c, operator, mnc }))),
).sort((a, b) => b.p.length - a.p.length);
const COUNTRY_PREFIXES = COUNTRIES.flatMap((c) => c.prefixes.map((p) => ({ p, c }))).sort(
  (a, b) => b.p.length - a.p.length,
);

const UNKNOWN: PhoneInfo = {
  country: "",
  countryEn: "",
  operator: "",
  region: "",
  mcc: "",
  mnc: "",
  tz: 0,
};

/**
 * Country, operator, region, mcc/mnc and time zone of a number given as digits. A number of a known country whose
 * range is not in the tables has its country but no operator; any other number has empty fields.
 */
export function phoneInfo(digits: string): PhoneInfo {
  const range = RANGES.find((r) => digits.startsWith(r.p));
  if (range) return place(range.c, range.operator, range.mnc);
  const country = COUNTRY_PREFIXES.find((r) => digits.startsWith(r.p));
  return country ? place(country.c, "", "") : UNKNOWN;
}

function place(c: Country, operator: string, mnc: string): PhoneInfo {
  return {
    country: c.country,
    countryEn: c.countryEn,
    operator,
    region: c.region,
    mcc: c.mcc,
    mnc,
    tz: c.tz,
  };
}

/** The mcc+mnc of a number ("40102"), or "" when its operator is not known. */
export function mccmnc(digits: string): string {
  const i = phoneInfo(digits);
  return i.mnc === "" ? "" : i.mcc + i.mnc;
}

/**
 * HLR data for a number, derived only from its digits so the same number always gives the same answer: the IMSI
 * is mcc + mnc + the number's last ten digits, the MSC a number of the operator's own range.
 */
export function hlrFields(digits: string): HlrFields {
  const i = phoneInfo(digits);
  const tail = digits.slice(-10).padStart(10, "0");
  return {
    imsi: `${i.mcc || "000"}${i.mnc || "00"}${tail}`,
    msc: `${digits.slice(0, Math.min(4, digits.length))}${"9".repeat(7)}`,
    mcc: i.mcc,
    mnc: i.mnc,
    cn: i.countryEn,
    net: i.operator,
    rcn: "",
    rnet: "",
  };
}
