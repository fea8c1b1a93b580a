import { gsmSeptets } from "./gsm-alphabet.js";

/** send.php's `translit`: 0 none, 1 "translit" (Latin spelling), 2 "mpaHc" (look-alike Latin letters and digits). */
export type TranslitMode = 0 | 1 | 2;

/**
 * Mode 1, "translit": Cyrillic letter → Latin spelling, GSM-7 only. Russian follows common SMS practice; Kazakh
 * follows the 2021 Kazakh Latin alphabet where its letter is in GSM-7 (ä ö ü ñ), Uzbek its official Latin
 * (oʻ gʻ written o' g'). Upper case derives from these (https://github.com/smsc-kz/smsc/blob/main/docs/text-engine.md has the table and the reasons).
 */
export const TRANSLIT_LATIN = {
  а: "a",
  б: "b",
  в: "v",
  г: "g",
  д: "d",
  е: "e",
  ё: "yo",
  ж: "zh",
  з: "z",
  и: "i",
  й: "y",
  к: "k",
  л: "l",
  м: "m",
  н: "n",
  о: "o",
  п: "p",
  р: "r",
  с: "s",
  т: "t",
  у: "u",
  ф: "f",
  х: "h",
  ц: "ts",
  ч: "ch",
  ш: "sh",
  щ: "sch",
  ъ: '"',
  ы: "y",
  ь: "'",
  э: "e",
  ю: "yu",
  я: "ya",
  // Kazakh
  ә: "ä",
  ғ: "g",
  қ: "q",
  ң: "ñ",
  ө: "ö",
  ұ: "u",
  ү: "ü",
  һ: "h",
  і: "i",
  // Ukrainian
  є: "ye",
  ї: "yi",
  ґ: "g",
  // Uzbek (қ ғ shared above), Tajik
  ў: "o'",
  ҳ: "h",
  ӣ: "i",
  ӯ: "u",
  ҷ: "j",
} as const;

/**
 * Mode 2, "mpaHc": each Cyrillic letter drawn with Latin letters, digits and signs that look like it
 * ("транс" → "mpaHc"). Lower and upper case differ, as the look-alikes do.
 */
export const TRANSLIT_LOOKALIKE = {
  а: "a",
  б: "6",
  в: "B",
  г: "r",
  д: "g",
  е: "e",
  ё: "e",
  ж: ">|<",
  з: "3",
  и: "u",
  й: "u",
  к: "k",
  л: "JI",
  м: "M",
  н: "H",
  о: "o",
  п: "n",
  р: "p",
  с: "c",
  т: "m",
  у: "y",
  ф: "qp",
  х: "x",
  ц: "LL",
  ч: "4",
  ш: "w",
  щ: "w",
  ъ: "b",
  ы: "bI",
  ь: "b",
  э: "3",
  ю: "IO",
  я: "9I",
  А: "A",
  Б: "6",
  В: "B",
  Г: "r",
  Д: "D",
  Е: "E",
  Ё: "E",
  Ж: ">|<",
  З: "3",
  И: "U",
  Й: "U",
  К: "K",
  Л: "JI",
  М: "M",
  Н: "H",
  О: "O",
  П: "II",
  Р: "P",
  С: "C",
  Т: "T",
  У: "Y",
  Ф: "qp",
  Х: "X",
  Ц: "LL",
  Ч: "4",
  Ш: "W",
  Щ: "W",
  Ъ: "b",
  Ы: "bI",
  Ь: "b",
  Э: "3",
  Ю: "IO",
  Я: "9I",
  ә: "a",
  ғ: "r",
  қ: "k",
  ң: "H",
  ө: "o",
  ұ: "y",
  ү: "y",
  һ: "h",
  і: "i",
  Ә: "A",
  Ғ: "F",
  Қ: "K",
  Ң: "H",
  Ө: "Θ",
  Ұ: "Y",
  Ү: "Y",
  Һ: "h",
  І: "I",
  є: "e",
  ї: "i",
  ґ: "r",
  Є: "E",
  Ї: "I",
  Ґ: "r",
  ў: "y",
  ҳ: "x",
  ӣ: "u",
  ӯ: "y",
  ҷ: "4",
  Ў: "Y",
  Ҳ: "X",
  Ӣ: "U",
  Ӯ: "Y",
  Ҷ: "4",
} as const;

/**
 * Signs outside GSM-7 that both modes replace with a GSM look-alike before anything else falls back to "?".
 * Quotes, dashes, the ellipsis, the numero sign, spaces and the tab are what real texts carry most.
 */
export const TRANSLIT_PUNCTUATION = {
  "«": '"',
  "»": '"',
  "„": '"',
  "“": '"',
  "”": '"',
  "‘": "'",
  "’": "'",
  "‚": "'",
  "`": "'",
  "´": "'",
  "–": "-",
  "—": "-",
  "‑": "-",
  "−": "-",
  "…": "...",
  "№": "N",
  "\t": " ",
  "\u00a0": " ",
  "\u2009": " ",
  "\u202f": " ",
  "•": "*",
  "×": "x",
  "·": ".",
} as const;

const latin = new Map<string, string>();
for (const [lower, spelled] of Object.entries(TRANSLIT_LATIN)) {
  latin.set(lower, spelled);
  const upper = lower.toUpperCase();
  if (upper !== lower) latin.set(upper, spelled.toUpperCase());
}
const lookalike = new Map<string, string>(Object.entries(TRANSLIT_LOOKALIKE));
const punctuation = new Map<string, string>(Object.entries(TRANSLIT_PUNCTUATION));

/**
 * Transliterates a text as send.php's `translit` does: mode 1 spells Cyrillic in Latin, mode 2 draws it with
 * look-alikes, mode 0 returns the text unchanged. In modes 1 and 2 the output is GSM-7 only: other characters
 * lose their diacritics when that makes them GSM-7 ("ç" → "c"), combining marks are dropped, and what is left
 * becomes "?" (what a GSM-7 route would show anyway).
 * @throws RangeError on a mode other than 0, 1 or 2.
 */
export function transliterate(text: string, mode: TranslitMode): string {
  if (mode === 0) return text;
  if (mode !== 1 && mode !== 2) throw new RangeError(`translit must be 0, 1 or 2, got ${String(mode)}`);
  let out = "";
  // Composed first, so "и" + U+0306 is read as "й".
  const chars = [...text.normalize("NFC")];
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i] as string;
    if (gsmSeptets(ch)) {
      out += ch;
      continue;
    }
    const mapped = mode === 1 ? latin.get(ch) : lookalike.get(ch);
    if (mapped !== undefined) {
      // "ЖУК" → "ZHUK", but "Жук" → "Zhuk": a multi-letter capital follows its neighbours' case.
      out +=
        mode === 1 && mapped.length > 1 && isUpper(ch) && !capsWord(chars, i) ? capitalize(mapped) : mapped;
      continue;
    }
    out += punctuation.get(ch) ?? fallback(ch);
  }
  return out;
}

function isUpper(ch: string): boolean {
  return ch !== ch.toLowerCase();
}

function isLetter(ch: string | undefined): ch is string {
  return ch !== undefined && ch.toLowerCase() !== ch.toUpperCase();
}

function capsWord(chars: string[], i: number): boolean {
  const next = chars[i + 1];
  if (isLetter(next)) return isUpper(next);
  const prev = chars[i - 1];
  return isLetter(prev) && isUpper(prev);
}

function capitalize(s: string): string {
  return s[0] + s.slice(1).toLowerCase();
}

function fallback(ch: string): string {
  const bare = ch.normalize("NFKD").replace(/\p{M}/gu, "");
  if (bare === "") return "";
  for (const c of bare) if (!gsmSeptets(c)) return "?";
  return bare;
}
