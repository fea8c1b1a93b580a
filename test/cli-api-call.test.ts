// The built `smsc` command against a real sandbox: wait-call, voice codes, short links (--tinyurl, tinyurl) and
// sends through REST (--rest).
import { type Sandbox, startSandbox } from "smsc-sandbox";
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { api } from "./api-helpers.js";
import { ensureBuilt, smsc, smscOnTty } from "./cli-helpers.js";

beforeAll(ensureBuilt, 180_000);

let sb: Sandbox;
beforeEach(async () => {
  sb = await startSandbox({ port: 0 });
});
afterEach(async () => {
  await sb.close();
});

const auth = () => ["--base-url", sb.url, "--login", "demo", "--password", "demo"];
const PHONE = "77011234567";
const LINK = "https://shop.example/winter-sale-2026?utm_source=sms&utm_medium=cli";

describe("smsc wait-call", () => {
  it("prints the number to call and all_phones; the simulated call then confirms the request", async () => {
    const r = await smsc(["wait-call", ...auth(), "+7 701 123 45 67"]);
    expect(r).toMatchObject({ code: 0, stderr: "" });
    const out = JSON.parse(r.stdout);
    expect(out).toEqual({ phone: "77009990001", allPhones: ["77009990001", "77009990002", "77009990003"] });
    expect((await smsc(["wait-call", ...auth(), "--phone", "77017654321", "--json", "phone"])).stdout).toBe(
      '{\n  "phone": "77009990002"\n}\n',
    );
    const call = await api(sb.url, "POST", `/wait-calls/${PHONE}/call`, { to: out.phone });
    expect(call.body.calls).toMatchObject([{ state: "confirmed" }]);
  });

  it("reads as a sentence on a terminal", async () => {
    const r = await smscOnTty(["wait-call", ...auth(), PHONE, "--no-color"]);
    expect(r.code).toBe(0);
    expect(r.output).toContain(
      "call: 77009990001 (the call may come to any of 77009990001, 77009990002, 77009990003)",
    );
  });

  it("exits with the service's error: 11 for a bad number, 12 for bad credentials, 2 without a phone", async () => {
    const bad = await smsc(["wait-call", ...auth(), "12"]);
    expect(bad.code).toBe(11);
    expect(bad.stderr).toContain("parameters error");
    const denied = await smsc([
      "wait-call",
      "--base-url",
      sb.url,
      "--login",
      "demo",
      "--password",
      "nope",
      PHONE,
    ]);
    expect(denied.code).toBe(12);
    expect((await smsc(["wait-call", ...auth()])).code).toBe(2);
  });
});

describe("smsc send: voice codes, short links and REST", () => {
  it("sends a voice code with a voice and prints the generated code", async () => {
    const r = await smsc(["send", ...auth(), PHONE, "code", "--format", "call", "--voice", "w"]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.code).toMatch(/^\d{4}$/);
    expect(sb.latest()).toMatchObject({ format: "call", call: { voice: "w", code: out.code } });
    const tty = await smscOnTty(["send", ...auth(), "77017654321", "code", "--format", "call", "--no-color"]);
    expect(tty.output).toMatch(/sent: id \S+, 1 SMS, cost 10, balance 980, code \d{4}/);
  });

  it("shortens links with --tinyurl, prices the shortened text, and reports the clicks with smsc tinyurl", async () => {
    const text = `Winter sale, up to 50% off everything in the shop this week: ${LINK} — see you!`;
    const priced = JSON.parse((await smsc(["cost", ...auth(), PHONE, text, "--tinyurl"])).stdout);
    const sent = JSON.parse((await smsc(["send", ...auth(), PHONE, text, "--tinyurl"])).stdout);
    expect(sent).toMatchObject({ cnt: priced.cnt, cost: priced.cost });
    const short = /http:\/\/127\.0\.0\.1:\d+\/t\/(\w{6})/.exec(sb.latest()!.text)!;
    await fetch(short[0], { redirect: "manual" });
    const byLink = await smsc(["tinyurl", ...auth(), LINK]);
    expect(byLink.code).toBe(0);
    expect(JSON.parse(byLink.stdout)).toMatchObject({
      id: short[1],
      cnt: 1,
      cntDay: 1,
      url: short[0],
      link: LINK,
    });
    const byId = await smsc(["tinyurl", ...auth(), "--id", short[1]!, "--json", "cnt,cntMon"]);
    expect(JSON.parse(byId.stdout)).toEqual({ cnt: 1, cntMon: 1 });
    const tty = await smscOnTty(["tinyurl", ...auth(), "--id", short[1]!, "--no-color"]);
    expect(tty.output).toContain("1 clicks: 1 this month, 1 today, 0 yesterday");
    expect(tty.output).toContain(`goes to: ${LINK}`);
  });

  it("exits 13 for a link the service does not know, 2 for neither or both of a link and --id", async () => {
    const r = await smsc(["tinyurl", ...auth(), "https://nothing.example/"]);
    expect(r.code).toBe(13);
    expect(r.stderr).toContain("link not found");
    expect((await smsc(["tinyurl", ...auth()])).code).toBe(2);
    expect((await smsc(["tinyurl", ...auth(), LINK, "--id", "abc"])).code).toBe(2);
  });

  it("sends and prices through REST with --rest", async () => {
    const priced = await smsc(["cost", ...auth(), PHONE, "over REST", "--rest"]);
    expect(JSON.parse(priced.stdout)).toEqual({ cost: 10, cnt: 1 });
    const sent = await smsc(["send", ...auth(), PHONE, "over REST", "--rest", "--verbose"]);
    expect(sent.code).toBe(0);
    expect(JSON.parse(sent.stdout)).toMatchObject({ cnt: 1, recovered: false });
    expect(sent.stderr).toContain("/rest/send/");
    expect(sent.stderr).toMatch(/"psw":"\*+"/);
    expect(sent.stderr).not.toContain('"psw":"demo"');
    expect(sb.latest()).toMatchObject({ origin: "rest", text: "over REST" });
  });

  it("recovers a lost reply through REST without sending twice", async () => {
    const r = await smsc([
      "send",
      "--base-url",
      `${sb.url},${sb.url}`,
      "--login",
      "demo",
      "--password",
      "demo",
      "77000000099",
      "lost",
      "--rest",
    ]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ recovered: true, cnt: 1 });
    expect(sb.messages()).toHaveLength(1);
  });
});
