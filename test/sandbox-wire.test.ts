// The /sys scripts over real HTTP: every endpoint × fmt × cost, GET vs POST vs multipart, charsets. Replies are
// read back with the protocol's own decoders, and a few are pinned byte for byte to the documented shapes.
import {
  type BalanceReply,
  type CostReply,
  decodeBalanceReply,
  decodeCostReply,
  decodeSendReply,
  decodeStatusReply,
  type Fmt,
  type SendReply,
  type StatusRecord,
} from "smsc/protocol";
import { type Sandbox, startSandbox } from "smsc-sandbox";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callSys, DEMO, type Transport } from "./sandbox-helpers.js";

const FMTS: Fmt[] = [0, 1, 2, 3];
const NOW = Date.UTC(2026, 0, 15, 9, 0, 0);

let sandbox: Sandbox;
let counter = 0;
/** A distinct text per send, so no two sends are identical. */
const text = (s = "hello") => `${s} ${++counter}`;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, clock: () => NOW, rateLimits: false });
});
afterAll(() => sandbox.close());

describe("send.php, every fmt × cost", () => {
  it.each(FMTS.flatMap((fmt) => [0, 2, 3].map((cost) => [fmt, cost] as const)))(
    "fmt=%i cost=%i sends and replies in the documented shape",
    async (fmt, cost) => {
      const before: BalanceReply = { ...sandbox.store.accountByLogin("demo")! };
      const r = await callSys(sandbox.url, "send", [
        ...DEMO,
        ["phones", "+77011234567"],
        ["mes", text()],
        ["fmt", String(fmt)],
        ["cost", String(cost)],
      ]);
      expect(r.status).toBe(200);
      const reply = decodeSendReply(r.text, fmt) as SendReply;
      expect(typeof reply.id).toBe("number");
      expect(reply.cnt).toBe(1);
      if (cost >= 2) expect(reply.cost).toBe(10);
      else expect(reply.cost).toBeUndefined();
      if (cost === 3) expect(reply.balance).toBe(before.balance - 10);
      else expect(reply.balance).toBeUndefined();
      expect(sandbox.store.findMessage(1, String(reply.id), "77011234567")?.text).toMatch(/^hello /);
    },
  );

  it.each(FMTS)("fmt=%i cost=1 prices without storing", async (fmt) => {
    const before = sandbox.control.messages().length;
    const r = await callSys(sandbox.url, "send", [
      ...DEMO,
      ["phones", "+77011234567,+77021234567"],
      ["mes", "x".repeat(161)],
      ["fmt", String(fmt)],
      ["cost", "1"],
    ]);
    expect(decodeCostReply(r.text, fmt)).toEqual({ cost: 40, cnt: 4 } satisfies CostReply);
    expect(sandbox.control.messages()).toHaveLength(before);
  });

  it("writes the documented byte shapes", async () => {
    const send = (fmt: string, cost: string) =>
      callSys(sandbox.url, "send", [
        ...DEMO,
        ["phones", "77011234567"],
        ["mes", text()],
        ["fmt", fmt],
        ["cost", cost],
      ]);
    expect((await send("0", "0")).text).toMatch(/^OK - 1 SMS, ID - \d+$/);
    expect((await send("0", "3")).text).toMatch(/^OK - 1 SMS, ID - \d+, COST - 10\.00, BALANCE - \d+\.\d\d$/);
    expect((await send("1", "3")).text).toMatch(/^\d+,1,10\.00,\d+\.\d\d$/);
    expect((await send("2", "2")).text).toMatch(
      /^<result>\n<id>\d+<\/id>\n<cnt>1<\/cnt>\n<cost>10\.00<\/cost>\n<\/result>$/,
    );
    expect((await send("3", "3")).text).toMatch(/^\{"id":\d+,"cnt":1,"cost":"10","balance":"\d+(\.\d+)?"\}$/);
  });

  it("labels each fmt with its media type and the request charset", async () => {
    const types: string[] = [];
    for (const fmt of FMTS) {
      const r = await callSys(sandbox.url, "balance", [...DEMO, ["fmt", String(fmt)], ["charset", "utf-8"]]);
      types.push(r.contentType);
    }
    expect(types).toEqual([
      "text/plain; charset=utf-8",
      "text/plain; charset=utf-8",
      "application/xml; charset=utf-8",
      "application/json; charset=utf-8",
    ]);
    const plain = await callSys(sandbox.url, "balance", DEMO);
    expect(plain.contentType).toBe("text/plain; charset=windows-1251");
  });
});

describe("status.php, every fmt × all", () => {
  let id: number;
  beforeAll(async () => {
    const r = await callSys(sandbox.url, "send", [
      ...DEMO,
      ["phones", "+77011234567"],
      ["mes", "status me"],
      ["fmt", "3"],
    ]);
    id = (decodeSendReply(r.text, 3) as SendReply).id as number;
  });

  it.each(FMTS.flatMap((fmt) => [0, 1, 2].map((all) => [fmt, all] as const)))(
    "fmt=%i all=%i",
    async (fmt, all) => {
      const r = await callSys(sandbox.url, "status", [
        ...DEMO,
        ["phone", "+77011234567"],
        ["id", String(id)],
        ["fmt", String(fmt)],
        ["all", String(all)],
      ]);
      const [rec] = decodeStatusReply(r.text, fmt, { all: all as 0 | 1 | 2, multi: false }) as StatusRecord[];
      expect(rec!.status).toBe(-1);
      expect(rec!.err).toBe(0);
      if (fmt !== 1) expect(rec!.lastDate).toBe("15.01.2026 12:00:00");
      if (fmt !== 0) expect(rec!.lastTimestamp).toBe(NOW / 1000);
      if (all > 0) {
        expect(rec!.phone).toBe("77011234567");
        expect(rec!.message).toBe("status me");
        expect(rec!.cost).toBe(10);
        expect(rec!.statusName).toBe("Ожидает отправки");
        expect(rec!.senderId).toBe("SMSC.KZ");
      }
      if (all === 2) expect(rec!.country).toBe("Казахстан");
    },
  );

  it("writes the documented single shapes", async () => {
    const status = async (fmt: string, all = "0") =>
      (
        await callSys(sandbox.url, "status", [
          ...DEMO,
          ["phone", "77011234567"],
          ["id", String(id)],
          ["fmt", fmt],
          ["all", all],
        ])
      ).text;
    expect(await status("0")).toBe("Status = -1, check_time = 15.01.2026 12:00:00, err = 0");
    expect(await status("1")).toBe(`-1,${NOW / 1000},0`);
    expect(await status("3")).toBe(
      `{"status":-1,"last_date":"15.01.2026 12:00:00","last_timestamp":${NOW / 1000},"flag":0,"err":0}`,
    );
    expect(await status("1", "1")).toBe(
      `-1,${NOW / 1000},0,${NOW / 1000},77011234567,10.00,SMSC.KZ,Ожидает отправки,status me,,0`,
    );
  });
});

describe("balance.php, every fmt", () => {
  it.each(FMTS)("fmt=%i with and without cur", async (fmt) => {
    const expected = sandbox.store.accountByLogin("demo")!.balance;
    const plain = await callSys(sandbox.url, "balance", [...DEMO, ["fmt", String(fmt)]]);
    expect(decodeBalanceReply(plain.text, fmt)).toEqual({ balance: expected });
    const cur = await callSys(sandbox.url, "balance", [...DEMO, ["fmt", String(fmt)], ["cur", "1"]]);
    expect(decodeBalanceReply(cur.text, fmt)).toEqual({ balance: expected, currency: "KZT" });
  });
});

describe("transports and charsets", () => {
  const TRANSPORTS: Transport[] = ["get", "urlencoded", "multipart"];

  it.each(TRANSPORTS)("%s: send and read back", async (transport) => {
    const mes = text(`via ${transport}`);
    const r = await callSys(
      sandbox.url,
      "send",
      [...DEMO, ["phones", "+77011234567"], ["mes", mes], ["fmt", "1"]],
      transport,
    );
    const id = r.text.split(",")[0]!;
    const s = await callSys(
      sandbox.url,
      "status",
      [...DEMO, ["phone", "+77011234567"], ["id", id], ["fmt", "3"], ["all", "1"]],
      transport,
    );
    expect(JSON.parse(s.text).message).toBe(mes);
  });

  it.each(
    (["windows-1251", "koi8-r", "utf-8"] as const).flatMap((cs) => TRANSPORTS.map((t) => [cs, t] as const)),
  )("%s over %s: Cyrillic survives the round trip", async (charset, transport) => {
    const mes = text("Привет, мир! Ёлка, ёж и ЪЭЮЯ");
    const csField: Array<[string, string]> = charset === "windows-1251" ? [] : [["charset", charset]];
    const r = await callSys(
      sandbox.url,
      "send",
      [...DEMO, ...csField, ["phones", "+77011234567"], ["mes", mes], ["fmt", "1"]],
      transport,
    );
    const id = r.text.split(",")[0]!;
    const s = await callSys(
      sandbox.url,
      "status",
      [...DEMO, ...csField, ["phone", "+77011234567"], ["id", id], ["fmt", "0"], ["all", "1"]],
      transport,
    );
    expect(s.contentType).toBe(`text/plain; charset=${charset}`);
    const [rec] = decodeStatusReply(s.text, 0, { all: 1, multi: false }) as StatusRecord[];
    expect(rec!.message).toBe(mes);
    expect(rec!.statusName).toBe("Ожидает отправки");
  });

  it("reads windows-1251 bytes that arrive unescaped in the body", async () => {
    const body = Buffer.concat([
      Buffer.from("login=demo&psw=demo&fmt=1&phones=%2B77011234567&mes="),
      Buffer.from([0xcf, 0xf0, 0xe8, 0xe2, 0xe5, 0xf2]), // "Привет" in windows-1251
    ]);
    const res = await fetch(`${sandbox.url}/sys/send.php`, { method: "POST", body });
    const id = (await res.text()).split(",")[0]!;
    expect(sandbox.store.findMessage(1, id, "77011234567")?.text).toBe("Привет");
  });

  it("merges the query string and the body, the body winning", async () => {
    const res = await fetch(`${sandbox.url}/sys/balance.php?login=demo&psw=wrong&fmt=3`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: "psw=demo&fmt=1",
    });
    expect(await res.text()).toMatch(/^\d+\.\d\d$/);
  });

  it("ignores files in multipart bodies and unknown parameters everywhere", async () => {
    const { multipartBody } = await import("./sandbox-helpers.js");
    const boundary = "b0undary";
    const res = await fetch(`${sandbox.url}/sys/send.php`, {
      method: "POST",
      headers: { "Content-Type": `multipart/form-data; boundary=${boundary}` },
      body: multipartBody(
        [
          ...DEMO,
          ["phones", "+77011234567"],
          ["mes", text("mms")],
          ["mms", "1"],
          ["fmt", "1"],
          ["whatever", "x"],
        ],
        "windows-1251",
        boundary,
        [{ name: "file0", filename: "a.bin", data: new Uint8Array(200).fill(0xff) }],
      ),
    });
    expect(await res.text()).toMatch(/^\d+,1$/);
  });

  it("answers 404 outside the scripts and 405 for other methods", async () => {
    expect((await fetch(`${sandbox.url}/sys/nope.php`)).status).toBe(404);
    const put = await fetch(`${sandbox.url}/sys/send.php`, { method: "PUT" });
    expect(put.status).toBe(405);
    expect(put.headers.get("allow")).toBe("GET, POST");
  });
});
