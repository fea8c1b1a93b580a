// The text engine's promise: what estimate() predicts offline is what the sandbox bills, text for text.
import { Smsc } from "smsc";
import { estimate, MAX_MESSAGE_LENGTH } from "smsc/protocol";
import { type Sandbox, startSandbox } from "smsc-sandbox";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { corpus } from "../bench/corpus.mjs";

const PRICE = 10;
let sb: Sandbox;
let smsc: Smsc;

beforeAll(async () => {
  sb = await startSandbox({
    port: 0,
    rateLimits: false,
    pricePerPart: PRICE,
    accounts: [{ login: "b", password: "b", balance: 1e9 }],
  });
  smsc = new Smsc({ login: "b", password: "b", baseUrl: sb.url, maxRetries: 0 });
});
afterAll(() => sb.close());

const texts: string[] = corpus()
  .map((c) => c.text)
  .filter((t) => t.length <= MAX_MESSAGE_LENGTH);
const BOUNDARIES = [
  "a".repeat(160),
  "a".repeat(161),
  `${"a".repeat(152)}€`,
  `${"a".repeat(159)}€`,
  "ж".repeat(70),
  "ж".repeat(71),
  `${"ж".repeat(66)}😀`,
  "line\r\nbreak\f".repeat(20),
  "Сәлем! Қалайсыз? Ұлы Дала — ең үлкен ел 🇰🇿".repeat(3),
];

describe("sandbox billing agrees with estimate()", () => {
  it(`prices ${texts.length + BOUNDARIES.length} texts exactly as estimate() counts them`, async () => {
    expect(texts.length).toBeGreaterThan(50);
    for (const [i, text] of [...texts, ...BOUNDARIES].entries()) {
      const est = estimate(text);
      const priced = await smsc.cost({ phones: `+7701${String(1_000_000 + i)}`, message: text });
      expect({ i, cnt: priced.cnt, cost: priced.cost }).toEqual({
        i,
        cnt: est.parts.length,
        cost: est.parts.length * PRICE,
      });
    }
  });

  it.each([
    [1, undefined],
    [2, undefined],
    [0, 2],
    [1, 1],
  ] as const)(
    "sends with translit=%s maxsms=%s and bills the parts estimate() predicts",
    async (translit, maxsms) => {
      for (const [i, text] of BOUNDARIES.entries()) {
        const est = estimate(text, { translit, ...(maxsms ? { maxsms } : {}) });
        const phone = `+7702${String(1_000_000 + i * 10 + translit)}`;
        const sent = await smsc.send({
          phones: phone,
          message: text,
          translit,
          ...(maxsms ? { maxSms: maxsms } : {}),
        });
        expect({ i, cnt: sent.cnt }).toEqual({ i, cnt: est.parts.length });
        const st = await smsc.status({ id: sent.id, phone, all: 1 });
        expect(st.message).toBe(est.text);
      }
    },
  );
});
