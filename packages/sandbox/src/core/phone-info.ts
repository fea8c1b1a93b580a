import type { HlrFields } from "smsc/protocol";

/** Where a number belongs, as status.php `all=2` and `op=1` report it. */
export interface PhoneInfo {
  /** Country in Russian, as the service prints it. */
  country: string;
  /** Country in English, for the HLR `cn` field. */
  countryEn: string;
  operator: string;
  region: string;
  mcc: string;
  mnc: string;
}

/**
 * Plausible (not authoritative) operator data by number prefix, longest prefix first. The sandbox only needs
 * stable, realistic-looking values; real numbering plans change with number portability anyway.
 */
const PREFIXES: ReadonlyArray<readonly [prefix: string, info: PhoneInfo]> = [
  ["7700", kz("Altel", "07")],
  ["7708", kz("Altel", "07")],
  ["7701", kz("Kcell", "02")],
  ["7702", kz("Kcell", "02")],
  ["7775", kz("Activ", "02")],
  ["7778", kz("Activ", "02")],
  ["7705", kz("Beeline", "01")],
  ["7771", kz("Beeline", "01")],
  ["7776", kz("Beeline", "01")],
  ["7777", kz("Beeline", "01")],
  ["7707", kz("Tele2", "77")],
  ["7747", kz("Tele2", "77")],
  ["7790", ru("Билайн", "99")],
  ["7791", ru("МТС", "01")],
  ["7792", ru("МегаФон", "02")],
  ["7795", ru("Tele2", "20")],
  ["7", ru("МТС", "01")],
  ["375", { country: "Беларусь", countryEn: "Belarus", operator: "A1", region: "", mcc: "257", mnc: "01" }],
  [
    "380",
    { country: "Украина", countryEn: "Ukraine", operator: "Kyivstar", region: "", mcc: "255", mnc: "03" },
  ],
  [
    "992",
    { country: "Таджикистан", countryEn: "Tajikistan", operator: "Tcell", region: "", mcc: "436", mnc: "01" },
  ],
  [
    "996",
    { country: "Киргизия", countryEn: "Kyrgyzstan", operator: "Beeline", region: "", mcc: "437", mnc: "01" },
  ],
  [
    "998",
    {
      country: "Узбекистан",
      countryEn: "Uzbekistan",
      operator: "Beeline",
      region: "",
      mcc: "434",
      mnc: "04",
    },
  ],
];

function kz(operator: string, mnc: string): PhoneInfo {
  return { country: "Казахстан", countryEn: "Kazakhstan", operator, region: "Алматы", mcc: "401", mnc };
}

function ru(operator: string, mnc: string): PhoneInfo {
  return { country: "Россия", countryEn: "Russia", operator, region: "Москва", mcc: "250", mnc };
}

const UNKNOWN: PhoneInfo = { country: "", countryEn: "", operator: "", region: "", mcc: "", mnc: "" };

/** Country, operator, region and mcc/mnc of a number given as digits; empty fields when unknown. */
export function phoneInfo(digits: string): PhoneInfo {
  for (const [prefix, info] of PREFIXES) if (digits.startsWith(prefix)) return info;
  return UNKNOWN;
}

/** The mcc+mnc of a number ("40102"), or "" when unknown. */
export function mccmnc(digits: string): string {
  const i = phoneInfo(digits);
  return i.mcc + i.mnc;
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
