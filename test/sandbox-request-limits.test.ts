// The limits on the work of one request (protocol REQUEST_LIMITS, docs/protocol.md "Request limits"), each answered
// with the service's error in the script's own format and leaving nothing behind, and every numeric parameter
// validated to the service's error code whatever its value. Real HTTP, SMTP on 127.0.0.1.
import fc from "fast-check";
import { decodeError, encodeForm, REQUEST_LIMITS, SEND_PARAM_RANGES } from "smsc/protocol";
import { type Sandbox, startSandbox } from "smsc-sandbox";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { rawExchange, SMTP_REPLY_LINE, smtpLines } from "./raw-wire.js";

const RICH: Array<[string, string]> = [
  ["login", "rich"],
  ["psw", "rich-pw"],
];
const MAX = REQUEST_LIMITS.maxRecipients;

let sb: Sandbox;
beforeAll(async () => {
  sb = await startSandbox({
    smtpPort: 0,
    rateLimits: false,
    accounts: [{ login: "rich", password: "rich-pw", balance: 100_000_000 }],
  });
});
afterAll(async () => {
  await sb.close();
});
beforeEach(() => sb.reset());

/** POSTs a /sys script (urlencoded, windows-1251 like the service's default). */
async function sys(script: string, fields: Array<[string, string]>): Promise<string> {
  const res = await fetch(`${sb.url}/sys/${script}.php`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: encodeForm(fields, "windows-1251"),
  });
  expect(res.status).toBe(200);
  return res.text();
}

const numbers = (n: number, start = 0) =>
  Array.from({ length: n }, (_, i) => `7701${String(start + i).padStart(7, "0")}`);
const balance = () => sb.store.accountByLogin("rich")!.balance;

describe(`recipients per request: at most ${MAX}`, () => {
  it(`sends to ${MAX} numbers, and refuses ${MAX + 1} with error 1 in every format, storing and debiting nothing`, async () => {
    const ok = JSON.parse(
      await sys("send", [...RICH, ["fmt", "3"], ["phones", numbers(MAX).join(",")], ["mes", "hi"]]),
    );
    expect(ok).toMatchObject({ cnt: MAX });
    // the first and the last number are stored under the send's id
    const rich = sb.store.accountByLogin("rich")!.id;
    for (const phone of [numbers(1)[0]!, numbers(1, MAX - 1)[0]!])
      expect(sb.store.findMessage(rich, String(ok.id), phone)?.phone).toBe(phone);
    const stored = sb.latest()!;
    const before = balance();
    const over: Array<[string, string]> = [...RICH, ["phones", numbers(MAX + 1).join(",")], ["mes", "over"]];
    expect(JSON.parse(await sys("send", [...over, ["fmt", "3"]]))).toEqual({
      error: "parameters error",
      error_code: 1,
    });
    expect(await sys("send", [...over, ["fmt", "0"]])).toBe("ERROR = 1 (parameters error)");
    expect(await sys("send", [...over, ["fmt", "1"]])).toBe("0,-1");
    expect(await sys("send", [...over, ["fmt", "2"]])).toBe(
      "<result>\n<error>parameters error</error>\n<error_code>1</error_code>\n</result>",
    );
    expect(JSON.parse(await sys("send", [...over, ["fmt", "3"], ["cost", "1"]]))).toMatchObject({
      error_code: 1,
    });
    expect(balance()).toBe(before);
    expect(sb.latest()!.id).toBe(stored.id);
  });

  it("counts the numbers as given: repeats, bad numbers and every line of list", async () => {
    const cases: Array<Array<[string, string]>> = [
      [
        [
          "phones",
          Array(MAX + 1)
            .fill("77011234567")
            .join(";"),
        ],
        ["mes", "same"],
      ],
      [
        ["phones", [...numbers(MAX), "not-a-number"].join(",")],
        ["mes", "bad"],
      ],
      [
        [
          "list",
          numbers(MAX + 1)
            .map((p) => `${p}:line`)
            .join("\n"),
        ],
      ],
      [["list", `${numbers(MAX / 2).join(",")}:a\n${numbers(MAX / 2 + 1, MAX).join(",")}:b`]],
      // a line without numbers still counts as one, so no request has more lines than the limit
      [
        [
          "list",
          Array(MAX + 1)
            .fill(":no numbers")
            .join("\n"),
        ],
      ],
    ];
    for (const fields of cases)
      expect(decodeError(await sys("send", [...RICH, ["fmt", "3"], ...fields]), 3)?.code).toBe(1);
    expect(sb.messages()).toHaveLength(0);
    // empty items between separators are not numbers
    const sparse = `${numbers(MAX).join(",,")};;`;
    expect(
      JSON.parse(await sys("send", [...RICH, ["fmt", "3"], ["phones", sparse], ["mes", "x"]])),
    ).toMatchObject({
      cnt: MAX,
    });
  });

  it(`sends ${MAX} list lines, each its own text`, async () => {
    const list = numbers(MAX).map((p, i) => `${p}:code ${i}`);
    const r = JSON.parse(await sys("send", [...RICH, ["fmt", "3"], ["list", list.join("\n")]]));
    expect(r).toMatchObject({ cnt: MAX });
    expect(sb.latest("77010009999")!.text).toBe("code 9999");
  });

  it("answers a letter over the limit with one safe 550 line, and stores nothing", async () => {
    const letter = `rich:rich-pw:0:0,0:0,0,,0:${Array(MAX + 1)
      .fill("1")
      .join(",")}:hi`;
    const raw = await rawExchange(
      sb.smtpPort!,
      `EHLO t\r\nMAIL FROM:<a@b.c>\r\nRCPT TO:<send@send.smsc.kz>\r\nDATA\r\n${letter}\r\n.\r\nQUIT\r\n`,
    );
    const lines = smtpLines(raw);
    for (const line of lines) expect(line).toMatch(SMTP_REPLY_LINE);
    expect(lines).toContain("550 ERROR = 1 (parameters error)");
    expect(sb.messages()).toHaveLength(0);
  });

  it("looks at no e-mail address or number longer than 254 characters (error 7, at once)", async () => {
    // a regular expression on a 100 KB address would take minutes (quadratic backtracking)
    const junk = `a@${"a.".repeat(50_000)} `;
    const r = await sys("send", [
      ...RICH,
      ["fmt", "3"],
      ["mail", "1"],
      ["subj", "s"],
      ["phones", junk],
      ["mes", "m"],
    ]);
    expect(decodeError(r, 3)?.code).toBe(7);
  });
});

describe(`status.php: at most ${REQUEST_LIMITS.maxStatusIds} ids`, () => {
  it("answers that many and refuses one more with error 1", async () => {
    const max = REQUEST_LIMITS.maxStatusIds;
    await sys("send", [...RICH, ["id", "b1"], ["phones", numbers(max).join(",")], ["mes", "hi"]]);
    const ask = (n: number): Array<[string, string]> => [
      ...RICH,
      ["fmt", "3"],
      ["id", Array(n).fill("b1").join(",")],
      ["phone", numbers(n).join(",")],
    ];
    const records = JSON.parse(await sys("status", ask(max))) as Array<{ status: number }>;
    expect(records).toHaveLength(max);
    expect(records.every((r) => r.status >= -1)).toBe(true);
    expect(JSON.parse(await sys("status", ask(max + 1)))).toEqual({
      error: "parameters error",
      error_code: 1,
    });
  });
});

describe(`parameters per request: at most ${REQUEST_LIMITS.maxFields}`, () => {
  it("answers error 1 in the query's format to a request with more, in a body or in the query", async () => {
    const extra = Array.from({ length: REQUEST_LIMITS.maxFields }, (_, i) => `x${i}=${i}`).join("&");
    const body = await fetch(`${sb.url}/sys/send.php?fmt=3`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: `login=rich&psw=rich-pw&phones=77011234567&mes=hi&${extra}`,
    });
    expect(await body.json()).toEqual({ error: "parameters error", error_code: 1 });
    const query = await fetch(`${sb.url}/sys/balance.php?${extra}&login=rich&psw=rich-pw&fmt=3`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: "a=1",
    });
    expect(await query.text()).toBe("ERROR = 1 (parameters error)");
    expect(sb.messages()).toHaveLength(0);
  });
});

describe(`request bodies: at most ${REQUEST_LIMITS.maxBodyBytes / 1024 / 1024} MiB`, () => {
  it("answers error 1 in the query's format to a bigger body, and stays up", async () => {
    const body = Buffer.alloc(REQUEST_LIMITS.maxBodyBytes + 1, 0x61);
    const res = await fetch(`${sb.url}/sys/send.php?fmt=3`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body,
    });
    expect(await res.json()).toEqual({ error: "parameters error", error_code: 1 });
    expect(await sys("balance", [...RICH, ["fmt", "3"]])).toMatch(/^\{"balance":/);
  });
});

describe("numbers in range, else the service's error", () => {
  it("checks valid (hours or hh:mm, 1 minute to 24 hours), period and freq against their documented ranges", async () => {
    const send = async (name: string, value: string) =>
      decodeError(
        await sys("send", [
          ...RICH,
          ["fmt", "3"],
          ["phones", "77011234567"],
          ["mes", `${name}=${value}`],
          [name, value],
        ]),
        3,
      )?.code ?? 0;
    const R = SEND_PARAM_RANGES;
    for (const v of ["1", "24", "00:01", "01:00", "23:59", "24:00", " 5 ", ""])
      expect(await send("valid", v), v).toBe(0);
    for (const v of ["0", "25", "00:00", "24:01", "1:5", "01:60", "-1", "1.5", "1e1", "１", "99:99", "abc"])
      expect(await send("valid", v), v).toBe(1);
    for (const v of [String(R.periodHours.min), "1", "0.5", String(R.periodHours.max)])
      expect(await send("period", v), v).toBe(0);
    for (const v of ["0", "0.05", "721", "-1", "1e2", "1,5", "NaN"])
      expect(await send("period", v), v).toBe(1);
    for (const v of ["1", "60", String(R.freqMinutes.max)]) expect(await send("freq", v), v).toBe(0);
    for (const v of ["0", "1441", "1.5", "-5", "Infinity"]) expect(await send("freq", v), v).toBe(1);
    for (const v of ["", "0", "1", "3"]) expect(await send("maxsms", v), v).toBe(0);
    for (const v of ["-1", "1.5", "abc", "9".repeat(16)]) expect(await send("maxsms", v), v).toBe(1);
  });

  it("answers any value of a numeric parameter with a reply of its format and the documented code", async () => {
    const value = fc.oneof(
      fc.string({ maxLength: 12 }),
      fc.stringMatching(/^[-+]?\d{0,25}([.:,]\d{0,4})?(e[-+]?\d{1,3})?$/),
      fc.constantFrom("%", "%zz", "%ff", "\u0000", "NaN", "Infinity", "-0", "0x10", "٣", "9".repeat(400)),
    );
    const codes: Record<string, { script: string; base: Array<[string, string]>; allowed: number[] }> = {
      time: {
        script: "send",
        base: [
          ["phones", "77011234567"],
          ["mes", "t"],
        ],
        allowed: [0, 5],
      },
      tz: {
        script: "send",
        base: [
          ["phones", "77011234567"],
          ["mes", "t"],
          ["time", "0101301200"],
        ],
        allowed: [0, 5],
      },
      valid: {
        script: "send",
        base: [
          ["phones", "77011234567"],
          ["mes", "t"],
        ],
        allowed: [0, 1],
      },
      period: {
        script: "send",
        base: [
          ["phones", "77011234567"],
          ["mes", "t"],
        ],
        allowed: [0, 1],
      },
      freq: {
        script: "send",
        base: [
          ["phones", "77011234567"],
          ["mes", "t"],
        ],
        allowed: [0, 1],
      },
      maxsms: {
        script: "send",
        base: [
          ["phones", "77011234567"],
          ["mes", "t"],
        ],
        allowed: [0, 1],
      },
      id: {
        script: "send",
        base: [
          ["phones", "77011234567"],
          ["mes", "t"],
        ],
        allowed: [0, 1],
      },
      cnt: { script: "get", base: [["get_answers", "1"]], allowed: [1, 3] },
      hour: { script: "get", base: [["get_answers", "1"]], allowed: [1, 3] },
      after_id: { script: "get", base: [["get_answers", "1"]], allowed: [1, 3] },
    };
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...Object.keys(codes)),
        value,
        fc.constantFrom("0", "1", "2", "3"),
        async (name, v, fmt) => {
          const { script, base, allowed } = codes[name]!;
          const unique: Array<[string, string]> = script === "send" ? [["mes", `t${n++}`]] : [];
          const res = await fetch(`${sb.url}/sys/${script}.php`, {
            method: "POST",
            headers: { "Content-Type": "application/x-www-form-urlencoded" },
            body: `${encodeForm([...RICH, ...base, ...unique, ["fmt", fmt]], "utf-8")}&${name}=${/%/.test(v) ? v : encodeURIComponent(v)}`,
          });
          expect(res.status).toBe(200);
          const text = await res.text();
          if (fmt === "3") JSON.parse(text);
          expect(text).not.toBe("");
          const code = decodeError(text, Number(fmt) as 0 | 1 | 2 | 3)?.code ?? 0;
          expect(allowed, `${name}=${JSON.stringify(v)} fmt=${fmt}: ${text}`).toContain(code);
        },
      ),
      { numRuns: 300 },
    );
  });
});
