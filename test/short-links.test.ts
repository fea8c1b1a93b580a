// Short links (send.php tinyurl=1, tinyurls.php; api-surface §8): the sandbox replaces the links of a text with links
// on its own port, stores and bills the shortened text, redirects and counts clicks, and reports the counters.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { NotFoundError, RateLimitError, Smsc } from "smsc";
import { encodeForm, estimate, type Fmt } from "smsc/protocol";
import { type Sandbox, startSandbox } from "smsc-sandbox";
import { afterEach, describe, expect, it } from "vitest";
import { api } from "./api-helpers.js";

const FMTS: Fmt[] = [0, 1, 2, 3];
const PHONE = "77011234567";
const LONG =
  "https://shop.example/orders/2026/12/01/track?order=AB-1234567&utm_source=sms&utm_campaign=winter";

let sb: Sandbox | undefined;
const dirs: string[] = [];
afterEach(async () => {
  await sb?.close();
  sb = undefined;
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const demo = (s: Sandbox, login = "demo", password = "demo") => new Smsc({ login, password, baseUrl: s.url });

async function php(base: string, script: string, fields: Array<[string, string]>) {
  const res = await fetch(
    `${base}/sys/${script}.php?${encodeForm([["login", "demo"], ["psw", "demo"], ...fields], "utf-8")}`,
  );
  return res.text();
}

/** Follows nothing: the redirect's own answer. */
const open = (url: string) => fetch(url, { redirect: "manual" });

describe("tinyurl=1", () => {
  it("stores and shows the text with short links on the sandbox's port, and bills the shortened text", async () => {
    sb = await startSandbox();
    const text = `Your order ships today. Track it: ${LONG}. Questions? https://shop.example/help`;
    expect(estimate(text).parts.length).toBe(2);
    const sent = await demo(sb).send({ phones: PHONE, message: text, tinyUrl: true });
    const m = sb.latest(PHONE)!;
    const short = new RegExp(
      `^Your order ships today\\. Track it: ${sb.url}/t/([A-Za-z0-9]{6})\\. Questions\\? ${sb.url}/t/([A-Za-z0-9]{6})$`,
    );
    expect(m.text).toMatch(short);
    const [, a, b] = short.exec(m.text)!;
    expect(a).not.toBe(b);
    // one part on the wire, and one part billed, not the two of the original text
    expect({ cnt: sent.cnt, cost: sent.cost, parts: m.parts }).toEqual({ cnt: 1, cost: 10, parts: 1 });
    // status.php returns the text as sent
    expect((await demo(sb).status({ id: sent.id, phone: PHONE, all: 1 })).message).toBe(m.text);
  });

  it("prices a cost=1 request on the shortened text without storing a link", async () => {
    sb = await startSandbox();
    const text = `Track it: ${LONG} ${LONG}#2 and more words to cross the line of one part of an SMS, yes`;
    const priced = await demo(sb).cost({ phones: PHONE, message: text, tinyUrl: true });
    expect(sb.control.shortLinks.list()).toEqual([]);
    const sent = await demo(sb).send({ phones: PHONE, message: text, tinyUrl: true });
    expect(priced).toMatchObject({ cnt: sent.cnt, cost: sent.cost });
    expect(sb.control.shortLinks.list()).toHaveLength(2);
    const plain = await demo(sb).cost({ phones: PHONE, message: text });
    expect(plain.cnt).toBeGreaterThan(priced.cnt);
  });

  it("gives one account's link one code across sends, other accounts their own, and leaves texts without tinyurl alone", async () => {
    sb = await startSandbox({ accounts: [{ login: "shop", password: "pw" }], rateLimits: false });
    await demo(sb).send({ phones: PHONE, message: `A ${LONG}`, tinyUrl: true });
    await demo(sb).send({ phones: "77017654321", message: `B ${LONG}`, tinyUrl: true });
    await demo(sb, "shop", "pw").send({ phones: PHONE, message: `C ${LONG}`, tinyUrl: true });
    await demo(sb).send({ phones: PHONE, message: `D ${LONG}` });
    const links = sb.control.shortLinks.list();
    expect(links.map((l) => l.login).sort()).toEqual(["demo", "shop"]);
    const [c, b, a] = sb.messages().slice(1);
    expect(a!.text.slice(2)).toBe(b!.text.slice(2));
    expect(c!.text.slice(2)).not.toBe(a!.text.slice(2));
    expect(sb.latest()!.text).toBe(`D ${LONG}`);
  });

  it("shares a new link's code between sends of one turn, and stores none for a send that fails", async () => {
    sb = await startSandbox({ rateLimits: false, accounts: [{ login: "poor", password: "pw", balance: 0 }] });
    const smsc = demo(sb);
    await Promise.all(
      ["77010000001", "77010000002", "77010000003"].map((p) =>
        smsc.send({ phones: p, message: LONG, tinyUrl: true }),
      ),
    );
    expect(new Set(sb.messages().map((m) => m.text)).size).toBe(1);
    expect(sb.control.shortLinks.list()).toHaveLength(1);
    await expect(
      demo(sb, "poor", "pw").send({ phones: PHONE, message: "https://poor.example/x", tinyUrl: true }),
    ).rejects.toMatchObject({ code: 3 });
    await expect(
      smsc.send({ phones: "77000000006", message: "https://denied.example/", tinyUrl: true }),
    ).rejects.toMatchObject({ code: 6 });
    expect(sb.control.shortLinks.list()).toHaveLength(1);
  });

  it("leaves the links of binary, HLR, ping and voice messages as they are", async () => {
    sb = await startSandbox({ rateLimits: false });
    await demo(sb).send({ phones: PHONE, message: `see ${LONG}`, format: "call", tinyUrl: true });
    expect(sb.latest()!.text).toBe(`see ${LONG}`);
    await demo(sb).send({ phones: PHONE, message: `see ${LONG}`, format: "viber", tinyUrl: true });
    expect(sb.latest()!.text).toMatch(/^see http:\/\/127\.0\.0\.1:\d+\/t\/\w{6}$/);
  });
});

describe("the short link", () => {
  it("redirects to the original link and counts every click; an unknown code is 404", async () => {
    sb = await startSandbox();
    await demo(sb).send({ phones: PHONE, message: `Track: ${LONG}`, tinyUrl: true });
    const url = sb.latest()!.text.slice("Track: ".length);
    for (let i = 0; i < 3; i++) {
      const r = await open(url);
      expect(r.status).toBe(302);
      expect(r.headers.get("location")).toBe(LONG);
    }
    expect(sb.control.shortLinks.list()[0]).toMatchObject({ clicks: 3, url: LONG, short: url });
    expect((await open(`${sb.url}/t/nothere`)).status).toBe(404);
    expect((await fetch(url, { method: "POST" })).status).toBe(405);
    expect((await api(sb.url, "GET", "/short-links")).body.shortLinks).toMatchObject([
      { clicks: 3, url: LONG },
    ]);
  });

  it("sends a link with an international domain as ASCII in Location", async () => {
    sb = await startSandbox();
    await demo(sb).send({ phones: PHONE, message: "Сайт: https://пример.рф/путь?q=да", tinyUrl: true });
    const url = /http\S+/.exec(sb.latest()!.text)![0];
    expect((await open(url)).headers.get("location")).toBe(
      "https://xn--e1afmkfd.xn--p1ai/%D0%BF%D1%83%D1%82%D1%8C?q=%D0%B4%D0%B0",
    );
  });
});

describe("tinyurls.php", () => {
  it("reports all, this month's, today's and yesterday's clicks (Moscow days), by link and by id, in four formats", async () => {
    let now = Date.parse("2026-11-30T12:00:00Z");
    sb = await startSandbox({ clock: () => now, rateLimits: false });
    await demo(sb).send({ phones: PHONE, message: LONG, tinyUrl: true });
    const short = sb.latest()!.text;
    const code = short.slice(-6);
    await open(short);
    now = Date.parse("2026-12-01T12:00:00Z");
    await open(short);
    await open(short);
    // 21:30 UTC is already the next day in Moscow
    now = Date.parse("2026-12-01T21:30:00Z");
    await open(short);
    const want = { id: code, cnt: 4, cntMon: 3, cntDay: 1, cntYes: 2, url: short, link: LONG };
    expect(await demo(sb).tinyUrls.stats({ link: LONG })).toEqual(want);
    expect(await demo(sb).tinyUrls.stats({ id: code })).toEqual(want);
    const shapes = [
      `id = ${code}, cnt = 4, cnt_mon = 3, cnt_day = 1, cnt_yes = 2, url = ${short}, link = ${LONG}`,
      `${code},4,3,1,2,${short},${LONG}`,
      `<result>\n<id>${code}</id>\n<cnt>4</cnt>\n<cnt_mon>3</cnt_mon>\n<cnt_day>1</cnt_day>\n<cnt_yes>2</cnt_yes>\n<url>${short}</url>\n<link>${LONG.replaceAll("&", "&amp;")}</link>\n</result>`,
      JSON.stringify({ id: code, cnt: 4, cnt_mon: 3, cnt_day: 1, cnt_yes: 2, url: short, link: LONG }),
    ];
    for (const fmt of FMTS)
      expect(
        await php(sb.url, "tinyurls", [
          ["get", "1"],
          ["id", code],
          ["fmt", String(fmt)],
        ]),
      ).toBe(shapes[fmt]);
  });

  it("answers error 3 for an unknown link (or another account's), 1 without get=1 or a link, 9 past three a minute", async () => {
    sb = await startSandbox({ accounts: [{ login: "shop", password: "pw" }] });
    await demo(sb).send({ phones: PHONE, message: LONG, tinyUrl: true });
    const code = sb.latest()!.text.slice(-6);
    await expect(demo(sb).tinyUrls.stats({ link: "https://nothing.example/" })).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(demo(sb, "shop", "pw").tinyUrls.stats({ id: code })).rejects.toMatchObject({
      code: 3,
      description: "link not found",
      endpoint: "tinyUrls",
    });
    const errors: Record<Fmt, string> = {
      0: "ERROR = 1 (parameters error)",
      1: "0,-1",
      2: "<result>\n<error>parameters error</error>\n<error_code>1</error_code>\n</result>",
      3: '{"error":"parameters error","error_code":1}',
    };
    for (const fmt of FMTS) {
      expect(
        await php(sb.url, "tinyurls", [
          ["link", LONG],
          ["fmt", String(fmt)],
        ]),
      ).toBe(errors[fmt]);
      expect(
        await php(sb.url, "tinyurls", [
          ["get", "1"],
          ["fmt", String(fmt)],
        ]),
      ).toBe(errors[fmt]);
    }
    expect(
      await php(sb.url, "tinyurls", [
        ["get", "1"],
        ["id", "zzzzzz"],
        ["fmt", "0"],
      ]),
    ).toBe("ERROR = 3 (link not found)");
    const smsc = demo(sb);
    for (let i = 0; i < 3; i++) await smsc.tinyUrls.stats({ link: LONG });
    await expect(smsc.tinyUrls.stats({ link: LONG })).rejects.toBeInstanceOf(RateLimitError);
    // @ts-expect-error a link or an id is needed
    await expect(smsc.tinyUrls.stats({})).rejects.toMatchObject({ name: "InvalidOptionError" });
  });

  it("keeps links and clicks across a restart on the same database", async () => {
    const dir = mkdtempSync(join(tmpdir(), "short-links-"));
    dirs.push(dir);
    const db = join(dir, "sandbox.db");
    sb = await startSandbox({ db });
    await demo(sb).send({ phones: PHONE, message: LONG, tinyUrl: true });
    const code = sb.latest()!.text.slice(-6);
    await open(`${sb.url}/t/${code}`);
    await sb.close();
    sb = await startSandbox({ db });
    const r = await open(`${sb.url}/t/${code}`);
    expect(r.headers.get("location")).toBe(LONG);
    expect(await demo(sb).tinyUrls.stats({ id: code })).toMatchObject({ cnt: 2, cntDay: 2 });
  });

  it("forgets links and clicks on reset", async () => {
    sb = await startSandbox();
    await demo(sb).send({ phones: PHONE, message: LONG, tinyUrl: true });
    sb.reset();
    expect(sb.control.shortLinks.list()).toEqual([]);
    expect((await open(`${sb.url}/t/anything`)).status).toBe(404);
  });
});

describe("finding links", () => {
  it("leaves sentence punctuation and an unopened bracket out of the link, and keeps a bracket the link opened", async () => {
    sb = await startSandbox({ rateLimits: false });
    const text = "See (https://a.example/x), https://en.example/wiki/Foo_(bar). Or «https://b.example/y»!";
    await demo(sb).send({ phones: PHONE, message: text, tinyUrl: true });
    const links = sb.control.shortLinks
      .list()
      .map((l) => l.url)
      .sort();
    expect(links).toEqual([
      "https://a.example/x",
      "https://b.example/y",
      "https://en.example/wiki/Foo_(bar)",
    ]);
    expect(sb.latest()!.text).toMatch(
      /^See \(http:\/\/\S+\/t\/\w{6}\), http:\/\/\S+\/t\/\w{6}\. Or «http:\/\/\S+\/t\/\w{6}»!$/,
    );
  });
});
