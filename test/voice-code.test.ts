// Voice messages and voice codes (send.php call=1, voice, mes=code; spec §2.6): the sandbox generates the code,
// returns it in every format, stores the call with its voice, and the SDK types the reply's `code`.
import { Smsc } from "smsc";
import { decodeSendReply, encodeForm, type Fmt } from "smsc/protocol";
import { type Sandbox, startSandbox } from "smsc-sandbox";
import { afterEach, describe, expect, it } from "vitest";
import { api } from "./api-helpers.js";

const PHONE = "77011234567";
const FMTS: Fmt[] = [0, 1, 2, 3];

let sb: Sandbox | undefined;
afterEach(async () => {
  await sb?.close();
  sb = undefined;
});

const demo = (s: Sandbox, extra: object = {}) =>
  new Smsc({ login: "demo", password: "demo", baseUrl: s.url, ...extra });

describe("voice codes", () => {
  it("returns the generated code, typed, and stores the call with its voice and code", async () => {
    sb = await startSandbox();
    const sent = await demo(sb).send({ phones: PHONE, message: "code", format: "call", voice: "w" });
    expect(sent.code).toMatch(/^\d{4}$/);
    const code: string | undefined = sent.code;
    const m = sb.latest(PHONE)!;
    expect(m).toMatchObject({ format: "call", type: 7, text: code, call: { voice: "w", code } });
    expect((await api(sb.url, "GET", `/messages/${m.id}`)).body).toMatchObject({
      call: { voice: "w", code },
      request: { call: "1", voice: "w", mes: "code" },
    });
  });

  it("adds the code to the reply in every format (with cost=3 after the balance)", async () => {
    sb = await startSandbox({ random: () => 0.5, rateLimits: false });
    const shapes = [
      /^OK - 1 SMS, ID - \d+, COST - 10\.00, BALANCE - \d+\.00, CODE - 5500$/,
      /^\d+,1,10\.00,\d+\.00,5500$/,
      /^<result>\n<id>\d+<\/id>\n<cnt>1<\/cnt>\n<cost>10\.00<\/cost>\n<balance>\d+\.00<\/balance>\n<code>5500<\/code>\n<\/result>$/,
      /^\{"id":\d+,"cnt":1,"cost":"10","balance":"\d+","code":"5500"\}$/,
    ];
    for (const fmt of FMTS) {
      const q = encodeForm(
        [
          ["login", "demo"],
          ["psw", "demo"],
          ["phones", PHONE],
          ["mes", "code"],
          ["call", "1"],
          ["cost", "3"],
          ["fmt", String(fmt)],
        ],
        "utf-8",
      );
      const body = await (await fetch(`${sb.url}/sys/send.php?${q}`)).text();
      expect(body).toMatch(shapes[fmt]!);
      expect(decodeSendReply(body, fmt)).toMatchObject({ code: "5500", cnt: 1 });
    }
  });

  it("returns the code through REST as well", async () => {
    sb = await startSandbox();
    const sent = await demo(sb, { transport: "rest" }).send({
      phones: PHONE,
      message: "code",
      format: "call",
    });
    expect(sent.code).toMatch(/^\d{4}$/);
    expect(sb.latest()).toMatchObject({ origin: "rest", call: { voice: "", code: sent.code } });
  });

  it("reads the code back from the status record when the reply was lost", async () => {
    sb = await startSandbox();
    const smsc = new Smsc({ login: "demo", password: "demo", baseUrl: [sb.url, sb.url] });
    const sent = await smsc.send({ phones: "77000000099", message: "code", format: "call", voice: "m2" });
    expect(sent.recovered).toBe(true);
    expect(sent.code).toBe(sb.latest()!.text);
    expect(sent.code).toMatch(/^\d{4}$/);
  });
});

describe("voice messages", () => {
  it("reads a text out with the voice asked for: no code, billed as one call", async () => {
    sb = await startSandbox();
    const sent = await demo(sb).send({
      phones: PHONE,
      message: "Your order is ready",
      format: "call",
      voice: "m",
      callParams: "20,60,3",
    });
    expect(sent).toMatchObject({ cnt: 1, cost: 10 });
    expect(sent.code).toBeUndefined();
    const m = sb.latest()!;
    expect(m).toMatchObject({ text: "Your order is ready", call: { voice: "m" } });
    expect(m.call!.code).toBeUndefined();
    expect((await api(sb.url, "GET", `/messages/${m.id}`)).body.request).toMatchObject({
      voice: "m",
      param: "20,60,3",
    });
  });

  it("does not mark other formats as calls", async () => {
    sb = await startSandbox();
    await demo(sb).send({ phones: PHONE, message: "code" });
    expect(sb.latest()!.call).toBeUndefined();
    expect(sb.latest()!.text).toBe("code");
  });
});
