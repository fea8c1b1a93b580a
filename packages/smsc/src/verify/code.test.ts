import { describe, expect, it } from "vitest";
import { alphabetProblem, generateCode, normalizeCode, randomId } from "./code.js";

describe("codes", () => {
  it("draws each character from the alphabet with the injected randomness", () => {
    const draws = [0, 0.1, 0.55, 0.999999];
    expect(generateCode(4, "0123456789", () => draws.shift()!)).toBe("0159");
    expect(generateCode(3, "ABC", () => 0.5)).toBe("BBB");
  });

  it("is uniform enough over many draws", () => {
    const counts = new Map<string, number>();
    let x = 0;
    const random = () => {
      x = (x + 0.618033988749895) % 1;
      return x;
    };
    for (let i = 0; i < 10_000; i++) {
      const c = generateCode(1, "0123456789", random);
      counts.set(c, (counts.get(c) ?? 0) + 1);
    }
    expect(counts.size).toBe(10);
    for (const n of counts.values()) expect(n).toBeGreaterThan(900);
  });

  it("normalises what users type: groups, spaces, case for upper-case alphabets", () => {
    expect(normalizeCode(" 123-456 ", "0123456789")).toBe("123456");
    expect(normalizeCode("ab12", "ABCDEF0123456789")).toBe("AB12");
    expect(normalizeCode("ab12", "abcdef0123456789")).toBe("ab12");
  });

  it("rejects unusable alphabets and makes 20-character ids", () => {
    expect(alphabetProblem("0")).toMatch(/2 characters/);
    expect(alphabetProblem("001")).toMatch(/repeated/);
    expect(alphabetProblem("0 1")).toMatch(/spaces/);
    expect(alphabetProblem("01")).toBeUndefined();
    expect(randomId(() => 0.5)).toMatch(/^[a-z0-9]{20}$/);
  });
});
