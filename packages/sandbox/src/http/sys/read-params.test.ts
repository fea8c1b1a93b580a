import fc from "fast-check";
import { CHARSETS, canEncode, encodeForm, encodeText, REQUEST_LIMITS } from "smsc/protocol";
import { describe, expect, it } from "vitest";
import { createTurnBudget } from "../../core/turn-budget.js";
import { BadBodyError, parseParams, readParams } from "./read-params.js";

const form = "application/x-www-form-urlencoded";

describe("parseParams", () => {
  it("decodes percent-escapes as bytes of windows-1251 by default", () => {
    expect(parseParams("mes=%CF%F0%E8%E2%E5%F2+%21", undefined, Buffer.alloc(0))).toEqual({
      params: { mes: "Привет !" },
      charset: "windows-1251",
    });
  });

  it("uses the charset parameter wherever it is, the body's over the query's", () => {
    const koi = parseParams("charset=koi8-r", form, Buffer.from("mes=%F0%D2%C9%D7%C5%D4"));
    expect(koi.params.mes).toBe("Привет");
    const body = parseParams("charset=koi8-r&mes=%D0%9F", form, Buffer.from("charset=utf-8"));
    expect(body).toEqual({ params: { charset: "utf-8", mes: "П" }, charset: "utf-8" });
  });

  it("ignores an unknown charset and the Content-Type charset", () => {
    const r = parseParams("charset=latin-9&mes=%C0", `${form}; charset=UTF-8`, Buffer.alloc(0));
    expect(r).toEqual({ params: { charset: "latin-9", mes: "А" }, charset: "windows-1251" });
  });

  it("reads raw high bytes in the body as bytes of the charset", () => {
    const r = parseParams("", form, Buffer.concat([Buffer.from("mes="), Buffer.from([0xc0, 0xe1])]));
    expect(r.params.mes).toBe("Аб");
  });

  it("lets the body win over the query string and later names over earlier ones", () => {
    const r = parseParams("a=1&b=1&b=2", form, Buffer.from("a=3"));
    expect(r.params).toEqual({ a: "3", b: "2" });
  });

  it("decodes multipart values and names with the request charset and drops files", () => {
    const b = Buffer.concat([
      Buffer.from('--q\r\nContent-Disposition: form-data; name="charset"\r\n\r\nkoi8-r\r\n'),
      Buffer.from('--q\r\nContent-Disposition: form-data; name="mes"\r\n\r\n'),
      Buffer.from([0xf0, 0xd2, 0xc9]),
      Buffer.from(
        '\r\n--q\r\nContent-Disposition: form-data; name="f"; filename="x"\r\n\r\nDATA\r\n--q--\r\n',
      ),
    ]);
    expect(parseParams("fmt=3", "multipart/form-data; boundary=q", b)).toEqual({
      params: { fmt: "3", charset: "koi8-r", mes: "При" },
      charset: "koi8-r",
    });
  });

  it("refuses a broken multipart body and one without a boundary", () => {
    expect(() => parseParams("", "multipart/form-data; boundary=q", Buffer.from("nope"))).toThrow(
      BadBodyError,
    );
    expect(() => parseParams("", "multipart/form-data", Buffer.from("a=1"))).toThrow(BadBodyError);
  });
});

describe("parseParams properties", () => {
  const value = fc.string({
    unit: fc.constantFrom(..."aZ09 +&=%;,:\n\r\t-_.~!\"'АбвЁёЪъЯя№—€"),
    maxLength: 40,
  });
  const fields = fc.uniqueArray(fc.tuple(fc.stringMatching(/^[a-z_]{1,8}$/), value), {
    selector: ([k]) => k,
    maxLength: 6,
  });

  it("reads back what urlencoded and multipart bodies carry, in every charset", () => {
    fc.assert(
      fc.property(fc.constantFrom(...CHARSETS), fields, (charset, list) => {
        const pairs = list
          .filter(([, v]) => canEncode(v, charset))
          .filter(([k]) => k !== "charset")
          .concat([["charset", charset]]) as Array<[string, string]>;
        const expected = Object.fromEntries(pairs);
        const url = parseParams(
          "",
          "application/x-www-form-urlencoded",
          Buffer.from(encodeForm(pairs, charset)),
        );
        expect(url).toEqual({ params: expected, charset });
        const parts = pairs.map(([k, v]) =>
          Buffer.concat([
            Buffer.from(`--B\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n`),
            Buffer.from(encodeText(v, charset)),
            Buffer.from("\r\n"),
          ]),
        );
        const multi = parseParams(
          "",
          "multipart/form-data; boundary=B",
          Buffer.concat([...parts, Buffer.from("--B--")]),
        );
        expect(multi).toEqual({ params: expected, charset });
      }),
    );
  });
});

describe("readParams: long values and many fields", () => {
  const noWait = createTurnBudget({ budgetMs: 0, graceMs: 0 });

  it("decodes a value of hundreds of kilobytes in slices as one pass would, in every charset", async () => {
    const text = "Привет, мир! Ёлка 100% + ъ ".repeat(20_000);
    for (const charset of CHARSETS) {
      const body = Buffer.from(
        encodeForm(
          [
            ["charset", charset],
            ["mes", text],
          ],
          charset,
        ),
      );
      // a budget of 0 ms makes it yield at every pause point
      expect(await readParams("", form, body, noWait)).toEqual({ params: { charset, mes: text }, charset });
      expect(parseParams("", form, body).params.mes).toBe(text);
    }
  });

  it("finishes an escape cut by a slice boundary, and keeps raw bytes of the charset", async () => {
    const slice = 64 * 1024;
    for (let at = slice - 3; at <= slice + 1; at++) {
      const body = Buffer.from(`charset=utf-8&mes=${"a".repeat(at - "charset=utf-8&mes=".length)}%D0%9F%zz%`);
      expect((await readParams("", form, body, noWait)).params.mes).toBe(
        `${"a".repeat(at - "charset=utf-8&mes=".length)}П%zz%`,
      );
    }
    const raw = Buffer.concat([Buffer.from("mes="), Buffer.alloc(200_000, 0xc0)]);
    expect((await readParams("", form, raw, noWait)).params.mes).toBe("А".repeat(200_000));
  });

  it(`takes ${REQUEST_LIMITS.maxFields} parameters and refuses one more, wherever they are`, async () => {
    const max = REQUEST_LIMITS.maxFields;
    const fields = (n: number) => Array.from({ length: n }, (_, i) => `f${i}=${i}`).join("&");
    expect(Object.keys(parseParams(fields(max), undefined, Buffer.alloc(0)).params)).toHaveLength(max);
    expect(() => parseParams(fields(max + 1), undefined, Buffer.alloc(0))).toThrow(BadBodyError);
    await expect(readParams("a=1", form, Buffer.from(fields(max)))).rejects.toThrow(BadBodyError);
    // a million empty fields cost no more than the limit
    await expect(readParams("", form, Buffer.from("a=&".repeat(1_000_000)))).rejects.toThrow(BadBodyError);
    const parts = (n: number) =>
      Buffer.from(
        `${Array.from({ length: n }, (_, i) => `--B\r\nContent-Disposition: form-data; name="f${i}"\r\n\r\nv\r\n`).join("")}--B--`,
      );
    expect(Object.keys(parseParams("", "multipart/form-data; boundary=B", parts(max)).params)).toHaveLength(
      max,
    );
    expect(() => parseParams("", "multipart/form-data; boundary=B", parts(max + 1))).toThrow(BadBodyError);
  });

  it("reads back the same parameters as parseParams for any form", async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 300 }), fc.string({ maxLength: 300 }), async (query, body) => {
        const bytes = Buffer.from(body, "latin1");
        let sync: unknown;
        try {
          sync = parseParams(query, form, bytes);
        } catch (err) {
          sync = err;
        }
        let sliced: unknown;
        try {
          sliced = await readParams(query, form, bytes, noWait);
        } catch (err) {
          sliced = err;
        }
        expect(sliced).toEqual(sync);
      }),
    );
  });
});
