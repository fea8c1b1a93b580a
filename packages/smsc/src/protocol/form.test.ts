import { describe, expect, it } from "vitest";
import { CHARSETS, encodeText } from "./charset.js";
import { encodeForm, percentDecode, percentEncode } from "./form.js";

/** The encoding by definition: every byte of the text in the charset, unreserved ones as themselves. */
function byDefinition(text: string, charset: (typeof CHARSETS)[number]): string {
  let out = "";
  for (const b of encodeText(text, charset)) {
    const c = String.fromCharCode(b);
    if (/[A-Za-z0-9\-._~]/.test(c)) out += c;
    else out += b === 0x20 ? "+" : `%${b.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return out;
}

const samples = [
  "",
  "demo",
  "77011234567",
  "Your code: 1234",
  "a+b&c=d%e/f?g#h~i_j.k-l*m",
  "Привет, мир",
  "Ёжик ё №5",
  "Smile 😀 and ünïcödé",
  "line\nbreak\ttab",
];

describe("percentEncode", () => {
  it("writes each byte of the text in its charset, unreserved ASCII as itself and a space as +", () => {
    for (const charset of CHARSETS)
      for (const s of samples) {
        // a character a single-byte charset does not have is not a case for it (KOI8-R has no №)
        if (charset !== "utf-8" && /[😀üïö]/u.test(s)) continue;
        if (charset === "koi8-r" && s.includes("№")) continue;
        expect(percentEncode(s, charset), `${charset}: ${s}`).toBe(byDefinition(s, charset));
        expect(percentDecode(percentEncode(s, charset), charset)).toBe(s);
      }
    expect(percentEncode("Your code: 1234", "utf-8")).toBe("Your+code%3A+1234");
    expect(percentEncode("Привет", "windows-1251")).toBe("%CF%F0%E8%E2%E5%F2");
    expect(percentEncode("Привет", "koi8-r")).toBe("%F0%D2%C9%D7%C5%D4");
    expect(percentEncode("Привет", "utf-8")).toBe("%D0%9F%D1%80%D0%B8%D0%B2%D0%B5%D1%82");
  });

  it("joins fields into a form in order, a name repeated as given", () => {
    expect(
      encodeForm(
        [
          ["phones", "+77011234567"],
          ["mes", "Код 1 & 2"],
          ["phones", "77017654321"],
        ],
        "windows-1251",
      ),
    ).toBe("phones=%2B77011234567&mes=%CA%EE%E4+1+%26+2&phones=77017654321");
  });
});
