// send.php and status.php rules over real HTTP: validation errors that store nothing, error shapes with and
// without id, op/err details, client ids, list, HLR, voice codes, multi status, -3 and deletion.
import {
  decodeError,
  decodeSendReply,
  decodeStatusReply,
  type ErrorReply,
  type SendReply,
  type StatusRecord,
} from "smsc/protocol";
import { type Sandbox, startSandbox } from "smsc-sandbox";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { callSys, DEMO, multipartBody } from "./sandbox-helpers.js";

const NOW = Date.UTC(2026, 0, 15, 9, 0, 0);
let sandbox: Sandbox;

beforeEach(async () => {
  sandbox = await startSandbox({ clock: () => NOW, rateLimits: false });
});
afterEach(() => sandbox.close());

const demoBalance = () => sandbox.store.accountByLogin("demo")!.balance;
const send = (fields: Array<[string, string]>, fmt = "3") =>
  callSys(sandbox.url, "send", [...DEMO, ["fmt", fmt], ...fields]);

describe("bad input gets the documented code and stores nothing", () => {
  const cases: Array<[string, Array<[string, string]>, number, boolean]> = [
    ["no phones", [["mes", "hi"]], 1, false],
    [
      "empty phones",
      [
        ["phones", " , ;"],
        ["mes", "hi"],
      ],
      1,
      false,
    ],
    ["no text", [["phones", "+77011234567"]], 1, false],
    [
      "a bad phone",
      [
        ["phones", "12ab"],
        ["mes", "hi"],
      ],
      7,
      true,
    ],
    [
      "a contact group that does not exist",
      [
        ["phones", "G12"],
        ["mes", "hi"],
      ],
      7,
      true,
    ],
    [
      "a bad date",
      [
        ["phones", "+77011234567"],
        ["mes", "hi"],
        ["time", "31.02.26 10:00"],
      ],
      5,
      false,
    ],
    [
      "a bad tz",
      [
        ["phones", "+77011234567"],
        ["mes", "hi"],
        ["time", "+10"],
        ["tz", "east"],
      ],
      5,
      false,
    ],
    [
      "a text over 1000 characters",
      [
        ["phones", "+77011234567"],
        ["mes", "я".repeat(1001)],
      ],
      1,
      false,
    ],
    [
      "a bad client id",
      [
        ["phones", "+77011234567"],
        ["mes", "hi"],
        ["id", "no spaces allowed"],
      ],
      1,
      false,
    ],
    [
      "a client id over 40 characters",
      [
        ["phones", "+77011234567"],
        ["mes", "hi"],
        ["id", "a".repeat(41)],
      ],
      1,
      false,
    ],
    [
      "bad hex in bin=2",
      [
        ["phones", "+77011234567"],
        ["mes", "0G"],
        ["bin", "2"],
      ],
      1,
      false,
    ],
    ["a list line without a colon", [["list", "+77011234567 hi"]], 1, false],
  ];

  it.each(cases)("%s → error %i", async (_, fields, code, withId) => {
    const before = demoBalance();
    const r = await send(fields);
    const err = decodeError(r.text, 3)!;
    expect(err.code).toBe(code);
    expect("id" in err).toBe(withId);
    expect(sandbox.control.messages()).toHaveLength(0);
    expect(demoBalance()).toBe(before);
  });

  it("a wrong password is error 2 and stores nothing", async () => {
    const r = await callSys(sandbox.url, "send", [
      ["login", "demo"],
      ["psw", "nope"],
      ["phones", "+77011234567"],
      ["mes", "hi"],
    ]);
    expect(r.text).toBe("ERROR = 2 (authorise error)");
    expect(sandbox.control.messages()).toHaveLength(0);
  });

  it("a garbage body is error 2 without credentials, error 1 with them in the query", async () => {
    const garbage = Buffer.from([0x00, 0xff, 0x13, 0x37, 0x26, 0x3d, 0x3d, 0x25, 0x7a, 0x7a, 0x0a]);
    const bare = await fetch(`${sandbox.url}/sys/send.php`, { method: "POST", body: garbage });
    expect(await bare.text()).toBe("ERROR = 2 (authorise error)");
    const withAuth = await fetch(`${sandbox.url}/sys/send.php?login=demo&psw=demo`, {
      method: "POST",
      body: garbage,
    });
    expect(await withAuth.text()).toBe("ERROR = 1 (parameters error)");
    expect(sandbox.control.messages()).toHaveLength(0);
  });

  it("a broken multipart body is error 1, in the fmt of the query string", async () => {
    const res = await fetch(`${sandbox.url}/sys/send.php?fmt=3`, {
      method: "POST",
      headers: { "Content-Type": "multipart/form-data; boundary=xyz" },
      body: "login=demo&psw=demo&phones=77011234567&mes=hi",
    });
    expect(await res.text()).toBe('{"error":"parameters error","error_code":1}');
    expect(sandbox.control.messages()).toHaveLength(0);
  });

  it("writes error 7 with its id in all four shapes", async () => {
    const bad: Array<[string, string]> = [
      ["phones", "bad"],
      ["mes", "hi"],
    ];
    expect((await send(bad, "0")).text).toMatch(/^ERROR = 7 \(invalid number\), ID - \d+$/);
    expect((await send(bad, "1")).text).toMatch(/^\d+,-7$/);
    expect((await send(bad, "2")).text).toMatch(
      /^<result>\n<error>invalid number<\/error>\n<error_code>7<\/error_code>\n<id>\d+<\/id>\n<\/result>$/,
    );
    expect((await send([...bad, ["id", "order-7"]], "3")).text).toBe(
      '{"error":"invalid number","error_code":7,"id":"order-7"}',
    );
  });

  it("accepts every documented parameter the libraries send on every call", async () => {
    const r = await send([
      ["phones", "+77011234567"],
      ["mes", "hi"],
      ["id", "0"],
      ["translit", "0"],
      ["cost", "3"],
      ["charset", "utf-8"],
      ["sender", ""],
      ["time", "0"],
      ["valid", "01:00"],
      ["tinyurl", "1"],
      ["pp", "12345"],
      ["userip", "10.0.0.1"],
      ["no_such_parameter", "ignored"],
    ]);
    expect(decodeSendReply(r.text, 3)).toMatchObject({ cnt: 1, cost: 10 });
    expect(sandbox.control.messages()[0]!.sender).toBe("");
  });
});

describe("send rules", () => {
  it("counts parts with the text engine and applies maxsms and translit", async () => {
    const long = await send([
      ["phones", "+77011234567"],
      ["mes", "Щ".repeat(140)],
    ]);
    expect(decodeSendReply(long.text, 3)).toMatchObject({ cnt: 3 });
    const capped = await send([
      ["phones", "+77011234567"],
      ["mes", "Щ".repeat(140)],
      ["maxsms", "2"],
      ["id", "m"],
    ]);
    expect(decodeSendReply(capped.text, 3)).toMatchObject({ cnt: 2 });
    const translit = await send([
      ["phones", "+77011234567"],
      ["mes", "Привет"],
      ["translit", "1"],
      ["id", "t"],
    ]);
    expect(decodeSendReply(translit.text, 3)).toMatchObject({ cnt: 1 });
    expect(sandbox.store.findMessage(1, "t")!.text).not.toMatch(/[А-я]/);
  });

  it("sends to the valid numbers and reports the bad ones with op=1 and err=1", async () => {
    const op = await send([
      ["phones", "+77011234567,oops,+79161234567"],
      ["mes", "hi"],
      ["op", "1"],
      ["cost", "2"],
    ]);
    const reply = decodeSendReply(op.text, 3) as SendReply;
    expect(reply).toMatchObject({ cnt: 2, cost: 20 });
    expect(reply.phones).toEqual([
      { phone: "77011234567", mccmnc: "40102", cost: 10 },
      { phone: "79161234567", mccmnc: "25001", cost: 10 },
      { phone: "oops", mccmnc: "", cost: 0, status: 22, error: 7 },
    ]);
    const err = await send(
      [
        ["phones", "+77011234567,oops"],
        ["mes", "hi"],
        ["err", "1"],
        ["id", "e"],
      ],
      "2",
    );
    expect(err.text).toContain(
      "<phones><item><phone>oops</phone><mccmnc></mccmnc><cost>0.00</cost><status>22</status><error>7</error></item></phones>",
    );
    expect(sandbox.control.messages()).toHaveLength(3);
  });

  it("uses the client's id, auto-assigns on id=0, and numbers server ids globally", async () => {
    const a = decodeSendReply(
      (
        await send([
          ["phones", "+77011234567"],
          ["mes", "a"],
          ["id", "0"],
        ])
      ).text,
      3,
    );
    const b = decodeSendReply(
      (
        await send([
          ["phones", "+77011234567"],
          ["mes", "b"],
        ])
      ).text,
      3,
    );
    const c = decodeSendReply(
      (
        await send([
          ["phones", "+77011234567"],
          ["mes", "c"],
          ["id", "order-1.A_b"],
        ])
      ).text,
      3,
    );
    expect((b as SendReply).id).toBe(((a as SendReply).id as number) + 1);
    expect((c as SendReply).id).toBe("order-1.A_b");
    const s = await callSys(sandbox.url, "status", [
      ...DEMO,
      ["phone", "77011234567"],
      ["id", "order-1.A_b"],
      ["all", "1"],
      ["fmt", "3"],
    ]);
    expect(JSON.parse(s.text).message).toBe("c");
  });

  it("sends list lines, each with its own text, under one id", async () => {
    const r = await send([["list", "+77011234567:Ваш код: 1\n+77021234567,+77051234567:Ваш код: 2\n"]]);
    const reply = decodeSendReply(r.text, 3) as SendReply;
    expect(reply.cnt).toBe(3);
    const texts = sandbox.control.messages().map((m) => [m.phone, m.text, m.id]);
    expect(texts).toEqual([
      ["77051234567", "Ваш код: 2", reply.id],
      ["77021234567", "Ваш код: 2", reply.id],
      ["77011234567", "Ваш код: 1", reply.id],
    ]);
  });

  it("prices HLR at its fixed price and reports plausible HLR data the 1C layout can read", async () => {
    const r = await send(
      [
        ["phones", "+77011234567"],
        ["mes", ""],
        ["hlr", "1"],
        ["cost", "2"],
      ],
      "1",
    );
    const [id, cnt, cost] = r.text.split(",");
    expect([cnt, cost]).toEqual(["1", "5.00"]);
    const s = await callSys(sandbox.url, "status", [
      ...DEMO,
      ["phone", "+77011234567"],
      ["id", id!],
      ["fmt", "1"],
    ]);
    const fields = s.text.split(",");
    expect(fields).toHaveLength(11);
    const [rec] = decodeStatusReply(s.text, 1, { all: 0, multi: false }) as StatusRecord[];
    expect(rec!.hlr).toEqual({
      imsi: "401027011234567",
      msc: "77019999999",
      mcc: "401",
      mnc: "02",
      cn: "Kazakhstan",
      net: "Kcell",
      rcn: "",
      rnet: "",
    });
    const again = await callSys(sandbox.url, "status", [
      ...DEMO,
      ["phone", "+77011234567"],
      ["id", id!],
      ["fmt", "1"],
    ]);
    expect(again.text).toBe(s.text);
  });

  it("voices a generated code for call=1 with mes=code", async () => {
    const s2 = await startSandbox({ clock: () => NOW, random: () => 0.5 });
    try {
      const r = await callSys(s2.url, "send", [
        ...DEMO,
        ["phones", "+77011234567"],
        ["mes", "code"],
        ["call", "1"],
        ["fmt", "3"],
      ]);
      expect(decodeSendReply(r.text, 3)).toMatchObject({ code: "5500" });
    } finally {
      await s2.close();
    }
  });

  it("keeps e-mail addresses for mail=1 and rejects other recipients", async () => {
    const ok = await send([
      ["phones", "dest@example.com"],
      ["mes", "hi"],
      ["mail", "1"],
      ["subj", "S"],
    ]);
    expect(decodeSendReply(ok.text, 3)).toMatchObject({ cnt: 1 });
    expect(sandbox.control.messages()[0]).toMatchObject({ phone: "dest@example.com", type: 8 });
    const bad = await send([
      ["phones", "+77011234567"],
      ["mes", "hi"],
      ["mail", "1"],
      ["subj", "S"],
    ]);
    expect(decodeError(bad.text, 3)?.code).toBe(7);
  });

  it("takes the multipart form of every parameter, Cyrillic names of nothing included", async () => {
    const boundary = "zz";
    const res = await fetch(`${sandbox.url}/sys/send.php`, {
      method: "POST",
      headers: { "Content-Type": `multipart/form-data; boundary="${boundary}"` },
      body: multipartBody(
        [...DEMO, ["phones", "+77011234567"], ["mes", "Ёж"], ["fmt", "1"]],
        "windows-1251",
        boundary,
      ),
    });
    expect(await res.text()).toMatch(/^\d+,1$/);
    expect(sandbox.control.messages()[0]!.text).toBe("Ёж");
  });
});

describe("status.php", () => {
  it("answers -3 for an unknown id, in every shape", async () => {
    const ask = (fmt: string) =>
      callSys(sandbox.url, "status", [...DEMO, ["phone", "+77011234567"], ["id", "424242"], ["fmt", fmt]]);
    expect((await ask("0")).text).toBe("Status = -3");
    expect((await ask("1")).text).toBe("-3,0,0");
    expect(JSON.parse((await ask("3")).text)).toEqual({ status: -3 });
  });

  it("answers a comma list in order, and a trailing comma keeps the multi shape", async () => {
    const r = await send(
      [
        ["phones", "+77011234567"],
        ["mes", "m"],
      ],
      "1",
    );
    const id = r.text.split(",")[0]!;
    const multi = await callSys(sandbox.url, "status", [
      ...DEMO,
      ["phone", "89161234567,+77011234567"],
      ["id", `999,${id}`],
      ["fmt", "3"],
    ]);
    expect(JSON.parse(multi.text)).toEqual([
      { status: -3, id: 999, phone: "89161234567" },
      {
        status: -1,
        last_date: "15.01.2026 12:00:00",
        last_timestamp: NOW / 1000,
        flag: 0,
        err: 0,
        id: Number(id),
        phone: "+77011234567",
      },
    ]);
    const one = await callSys(sandbox.url, "status", [
      ...DEMO,
      ["phone", "+77011234567,"],
      ["id", `${id},`],
      ["fmt", "1"],
    ]);
    expect(one.text).toBe(`-1,${NOW / 1000},0,${id},+77011234567`);
    const lines = await callSys(sandbox.url, "status", [
      ...DEMO,
      ["phone", "+77011234567,+77011234567"],
      ["id", `${id},1`],
      ["fmt", "0"],
    ]);
    expect(lines.text.split("\n")).toHaveLength(2);
  });

  it("deletes with del=1, and answers error 5 when there is nothing to delete", async () => {
    const r = await send(
      [
        ["phones", "+77011234567"],
        ["mes", "m"],
      ],
      "1",
    );
    const id = r.text.split(",")[0]!;
    const del = await callSys(sandbox.url, "status", [
      ...DEMO,
      ["phone", "+77011234567"],
      ["id", id],
      ["del", "1"],
      ["fmt", "1"],
    ]);
    expect(del.text).toBe(`-1,${NOW / 1000},0`);
    const gone = await callSys(sandbox.url, "status", [
      ...DEMO,
      ["phone", "+77011234567"],
      ["id", id],
      ["fmt", "1"],
    ]);
    expect(gone.text).toBe("-3,0,0");
    const again = await callSys(sandbox.url, "status", [
      ...DEMO,
      ["phone", "+77011234567"],
      ["id", id],
      ["del", "1"],
      ["fmt", "3"],
    ]);
    expect(decodeError(again.text, 3)).toEqual({ error: "delete error", code: 5 } satisfies ErrorReply);
  });

  it("needs an id (error 1) and does not show other accounts' messages", async () => {
    const other = await startSandbox({
      clock: () => NOW,
      accounts: [{ login: "alice", password: "secret" }],
    });
    try {
      const r = await callSys(other.url, "send", [
        ...DEMO,
        ["phones", "+77011234567"],
        ["mes", "m"],
        ["fmt", "1"],
      ]);
      const id = r.text.split(",")[0]!;
      const alice: Array<[string, string]> = [
        ["login", "alice"],
        ["psw", "secret"],
      ];
      expect(
        (await callSys(other.url, "status", [...alice, ["phone", "77011234567"], ["id", id], ["fmt", "1"]]))
          .text,
      ).toBe("-3,0,0");
      expect(
        (await callSys(other.url, "status", [...alice, ["phone", "77011234567"], ["fmt", "1"]])).text,
      ).toBe("0,-1");
    } finally {
      await other.close();
    }
  });
});

describe("authentication", () => {
  it("accepts the password, its lower-case hex MD5, and the API key", async () => {
    const md5 = "fe01ce2a7fbac8fafaed7c982a04e229"; // md5("demo")
    for (const creds of [
      [
        ["login", "demo"],
        ["psw", "demo"],
      ],
      [
        ["login", "demo"],
        ["psw", md5],
      ],
      [["apikey", "demo-apikey"]],
    ] as Array<Array<[string, string]>>) {
      expect((await callSys(sandbox.url, "balance", creds)).text).toBe("1000.00");
    }
    for (const creds of [
      [
        ["login", "demo"],
        ["psw", md5.toUpperCase()],
      ],
      [["login", "demo"]],
      [["apikey", "nope"]],
      [],
    ] as Array<Array<[string, string]>>) {
      expect((await callSys(sandbox.url, "balance", creds)).text).toBe("ERROR = 2 (authorise error)");
    }
  });
});
