// info.php?get_operator=1 against a real sandbox: one number and comma lists in the four shapes, the phone-info
// tables of KZ, RU, UZ, KG, TJ, BY and UA, error 3 for an unknown operator, error 1, the two error-9 limits, and
// smsc.operators.lookup.
import { NotFoundError, type OperatorInfo, ParametersError, Smsc } from "smsc";
import { decodeOperators } from "smsc/protocol";
import { type Sandbox, startSandbox } from "smsc-sandbox";
import { afterEach, describe, expect, it } from "vitest";
import { sys } from "./reports-helpers.js";

let now = Date.UTC(2026, 10, 24, 9);
const open: Sandbox[] = [];
afterEach(async () => {
  for (const s of open.splice(0)) await s.close();
});

async function sandbox(rateLimits = false): Promise<Sandbox> {
  const sb = await startSandbox({ port: 0, clock: () => now, rateLimits });
  open.push(sb);
  return sb;
}

const info = (sb: Sandbox, phone: string, fmt: string, more: Array<[string, string]> = []) =>
  sys(sb.url, "info", [["get_operator", "1"], ["phone", phone], ["fmt", fmt], ...more]);

describe("info.php?get_operator=1", () => {
  it("answers one number in the four formats, the fields where real parsers read them", async () => {
    const sb = await sandbox();
    expect(await info(sb, "+7 701 123-45-67", "0")).toBe(
      "phone = 77011234567, country = Казахстан, operator = Kcell, region = Алматы, mcc = 401, mnc = 02, tz = 2",
    );
    expect(await info(sb, "77011234567", "1")).toBe("77011234567,Казахстан,Kcell,Алматы,401,02,2");
    expect(await info(sb, "77011234567", "2")).toBe(
      "<result>\n<phone>77011234567</phone>\n<country>Казахстан</country>\n<operator>Kcell</operator>\n<region>Алматы</region>\n<mcc>401</mcc>\n<mnc>02</mnc>\n<tz>2</tz>\n</result>",
    );
    expect(JSON.parse(await info(sb, "77011234567", "3"))).toEqual({
      phone: "77011234567",
      country: "Казахстан",
      operator: "Kcell",
      region: "Алматы",
      mcc: "401",
      mnc: "02",
      tz: 2,
    });
    // a real fmt=0 parser: split on ", " and " = ", country … mnc at positions 1–5
    const pairs = (await info(sb, "79161234567", "0")).split(", ").map((p) => p.split(" = "));
    expect(pairs.slice(1, 6)).toEqual([
      ["country", "Россия"],
      ["operator", "МТС"],
      ["region", "Москва"],
      ["mcc", "250"],
      ["mnc", "01"],
    ]);
    // without charset the text is windows-1251, as the service writes it (a reader converts CP1251 and finds Билайн)
    const raw = await fetch(`${sb.url}/sys/info.php?login=demo&psw=demo&get_operator=1&phone=79031234567`);
    expect(new TextDecoder("windows-1251").decode(await raw.arrayBuffer())).toContain("operator = Билайн");
  });

  it("knows the operators of Kazakhstan, Russia, Uzbekistan, Kyrgyzstan, Tajikistan, Belarus and Ukraine", async () => {
    const sb = await sandbox();
    const numbers: Array<[string, string, string, string]> = [
      ["77051234567", "Казахстан", "Beeline", "40101"],
      ["77471234567", "Казахстан", "Tele2", "40177"],
      ["79261234567", "Россия", "МегаФон", "25002"],
      ["79991234567", "Россия", "Tele2", "25020"],
      ["998931234567", "Узбекистан", "Ucell", "43405"],
      ["996555123456", "Киргизия", "MegaCom", "43705"],
      ["992931234567", "Таджикистан", "Tcell", "43601"],
      ["375291234567", "Беларусь", "A1", "25701"],
      ["375331234567", "Беларусь", "МТС", "25702"],
      ["380501234567", "Украина", "Vodafone", "25501"],
    ];
    const list = JSON.parse(await info(sb, numbers.map(([p]) => p).join(","), "3")) as Array<
      Record<string, string>
    >;
    expect(list.map((r) => [r.phone, r.country, r.operator, `${r.mcc}${r.mnc}`])).toEqual(numbers);
  });

  it("answers a comma list one record each, in order, an unknown operator with empty fields", async () => {
    const sb = await sandbox();
    const asked = "77011234567,12025550123,79161234567";
    expect((await info(sb, asked, "1")).split("\n")).toEqual([
      "77011234567,Казахстан,Kcell,Алматы,401,02,2",
      "12025550123,,,,,,0",
      "79161234567,Россия,МТС,Москва,250,01,0",
    ]);
    expect(
      (await info(sb, "77011234567,", "2")).startsWith("<result>\n<item>\n<phone>77011234567</phone>"),
    ).toBe(true);
    expect(JSON.parse(await info(sb, "77011234567,", "3"))).toHaveLength(1);
    for (const fmt of [0, 1, 2, 3] as const) {
      const decoded = decodeOperators(await info(sb, asked, String(fmt)), fmt) as OperatorInfo[];
      expect(decoded.map((i) => i.operator)).toEqual(["Kcell", "", "МТС"]);
    }
  });

  it("is error 3 for a number whose operator it does not know, error 1 for a bad or missing number", async () => {
    const sb = await sandbox();
    expect(await info(sb, "12025550123", "0")).toBe("ERROR = 3 (operator not found)");
    expect(await info(sb, "12025550123", "1")).toBe("0,-3");
    expect(await info(sb, "77991234567", "3")).toBe('{"error":"operator not found","error_code":3}');
    expect(await info(sb, "12025550123,4420", "2")).toBe(
      "<result>\n<error>parameters error</error>\n<error_code>1</error_code>\n</result>",
    );
    expect(await info(sb, "", "1")).toBe("0,-1");
    expect(
      await sys(sb.url, "info", [
        ["phone", "77011234567"],
        ["fmt", "1"],
      ]),
    ).toBe("0,-1");
    expect(
      await sys(
        sb.url,
        "info",
        [
          ["get_operator", "1"],
          ["phone", "77011234567"],
          ["fmt", "1"],
        ],
        ["demo", "x"],
      ),
    ).toBe("0,-2");
  });

  it("answers the fourth identical request and the 101st of a minute with error 9", async () => {
    const sb = await sandbox(true);
    for (let i = 0; i < 3; i++) expect(await info(sb, "77011234567", "1")).not.toBe("0,-9");
    expect(await info(sb, "77011234567", "1")).toBe("0,-9");
    for (let i = 0; i < 96; i++) expect(await info(sb, `7701${String(2_000_000 + i)}`, "1")).not.toBe("0,-9");
    expect(await info(sb, "77017654321", "1")).toBe("0,-9");
    now += 61_000;
    expect(await info(sb, "77011234567", "1")).not.toBe("0,-9");
  });
});

describe("smsc.operators.lookup", () => {
  it("returns one record for a number, a list for an array, and throws NotFoundError for an unknown one", async () => {
    const sb = await sandbox();
    const smsc = new Smsc({ login: "demo", password: "demo", baseUrl: sb.url });
    expect(await smsc.operators.lookup("+998 90 123 45 67")).toEqual({
      phone: "998901234567",
      country: "Узбекистан",
      operator: "Beeline",
      region: "Ташкент",
      mcc: "434",
      mnc: "04",
      tz: 2,
    });
    const one = await smsc.operators.lookup(["996701234567"]);
    expect(one).toEqual([expect.objectContaining({ operator: "O!", country: "Киргизия", tz: 3 })]);
    expect((await smsc.operators.lookup(["380671234567", "12025550123"])).map((i) => i.operator)).toEqual([
      "Kyivstar",
      "",
    ]);
    const err = await smsc.operators.lookup("12025550123").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NotFoundError);
    expect(err).toMatchObject({ code: 3, description: "operator not found", endpoint: "info" });
    await expect(smsc.operators.lookup("12")).rejects.toBeInstanceOf(ParametersError);
    await expect(smsc.operators.lookup([])).rejects.toThrow(/operators\.lookup/);
  });
});
