// Cyrillic through each charset: the SDK encodes the body in it and sends `charset`; the sandbox stores the text
// and status all=1 reads it back, decoded from the same charset.

import { type Charset, Smsc } from "smsc";
import { decodeForm } from "smsc/protocol";
import { type Sandbox, startSandbox } from "smsc-sandbox";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

let sb: Sandbox;
beforeEach(async () => {
  sb = await startSandbox({ port: 0 });
});
afterEach(async () => {
  await sb.close();
});

const PHONE = "77011234567";
const TEXT = "Съешь же ещё этих мягких французских булок, да выпей чаю. Ёё, ЪЫЬ";

describe("charsets", () => {
  for (const charset of ["windows-1251", "koi8-r", "utf-8"] as Charset[]) {
    it(`round-trips Cyrillic in ${charset}`, async () => {
      const bodies: Uint8Array[] = [];
      const capture: typeof fetch = async (input, init) => {
        bodies.push(new TextEncoder().encode(String(init?.body)));
        return fetch(input, init);
      };
      const smsc = new Smsc({ login: "demo", password: "demo", baseUrl: sb.url, charset, fetch: capture });
      const { id } = await smsc.send({ phones: PHONE, message: TEXT, sender: "Отправитель" });
      expect(sb.control.messages()[0]).toMatchObject({ text: TEXT, sender: "Отправитель" });
      const r = await smsc.status({ id, phone: PHONE, all: 1 });
      expect(r.message).toBe(TEXT);
      expect(r.senderId).toBe("Отправитель");
      // the body is ASCII (percent-encoded bytes of the charset) and says which charset it is in
      const fields = Object.fromEntries(decodeForm(new TextDecoder().decode(bodies[0]), charset));
      expect(fields.charset).toBe(charset);
      expect(fields.mes).toBe(TEXT);
    });
  }

  it("carries Kazakh letters in utf-8, the SDK's default", async () => {
    const smsc = new Smsc({ login: "demo", password: "demo", baseUrl: sb.url });
    const kazakh = "Сәлем, әлем! Қазақ тілі: ғ қ ң ө ұ ү һ і";
    const { id } = await smsc.send({ phones: PHONE, message: kazakh });
    expect((await smsc.status({ id, phone: PHONE, all: 1 })).message).toBe(kazakh);
  });

  it("writes letters windows-1251 lacks as numeric references instead of dropping them", async () => {
    const smsc = new Smsc({ login: "demo", password: "demo", baseUrl: sb.url, charset: "windows-1251" });
    await smsc.send({ phones: PHONE, message: "Сәлем" });
    expect(sb.control.messages()[0]!.text).toBe("С&#1241;лем");
  });
});
