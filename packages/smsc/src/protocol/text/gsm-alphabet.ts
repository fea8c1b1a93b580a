/**
 * The GSM 03.38 (3GPP TS 23.038) default alphabet: septet value → character. Index 0x1B is the escape to the
 * extension table and has no character of its own.
 */
export const GSM_BASIC =
  "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001bÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?" +
  "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

/** The escape septet that announces a character from the extension table. */
export const GSM_ESCAPE = 0x1b;

/** The GSM 03.38 extension table: character → septet that follows the escape. Each costs two septets. */
export const GSM_EXTENSION = {
  "\f": 0x0a,
  "^": 0x14,
  "{": 0x28,
  "}": 0x29,
  "\\": 0x2f,
  "[": 0x3c,
  "~": 0x3d,
  "]": 0x3e,
  "|": 0x40,
  "€": 0x65,
} as const;

/** A character of the extension table. */
export type GsmExtensionChar = keyof typeof GSM_EXTENSION;

const basicIndex = new Map<string, number>();
for (let i = 0; i < GSM_BASIC.length; i++) if (i !== GSM_ESCAPE) basicIndex.set(GSM_BASIC[i]!, i);

const extensionByCode = new Map<number, string>(Object.entries(GSM_EXTENSION).map(([c, v]) => [v, c]));

/** The septet of a basic-table character, or undefined. */
export function gsmBasicCode(ch: string): number | undefined {
  return basicIndex.get(ch);
}

/** The septet (after the escape) of an extension-table character, or undefined. */
export function gsmExtensionCode(ch: string): number | undefined {
  return (GSM_EXTENSION as Record<string, number>)[ch];
}

/** How many septets a character takes in GSM-7: 1 (basic), 2 (extension) or 0 when it is not in the alphabet. */
export function gsmSeptets(ch: string): 0 | 1 | 2 {
  if (basicIndex.has(ch)) return 1;
  if (ch in GSM_EXTENSION) return 2;
  return 0;
}

/** The character an extension septet stands for, or undefined. */
export function gsmExtensionChar(code: number): string | undefined {
  return extensionByCode.get(code);
}
