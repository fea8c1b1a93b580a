// REST (api-surface §13): POST /rest/send/ with send.php's parameters as a JSON body, JSON back by default, over the
// same core as send.php; and the SDK's `transport: "rest"`, with send's guarantees (an id on every send, a lost reply
// recovered through status.php, never sent twice).
import { SendOutcomeUnknownError, Smsc } from "smsc";
import { decodeText, encodeText } from "smsc/protocol";
import { type Sandbox, startSandbox } from "smsc-sandbox";
import { afterEach, describe, expect, it } from "vitest";
import { api } from "./api-helpers.js";

const PHONE = "77011234567";
const LOST_REPLY = "77000000099";

let sb: Sandbox | undefined;
afterEach(async () => {
  await sb?.close();
  sb = undefined;
});

async function rest(
  base: string,
  body: unknown,
  opts: { query?: string; type?: string; path?: string } = {},
) {
  const res = await fetch(`${base}${opts.path ?? "/rest/send/"}${opts.query ? `?${opts.query}` : ""}`, {
    method: "POST",
    headers: { "Content-Type": opts.type ?? "application/json" },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  const bytes = new Uint8Array(await res.arrayBuffer());
  return {
    status: res.status,
    type: res.headers.get("content-type") ?? "",
    bytes,
    text: decodeText(bytes, "utf-8"),
  };
}

const AUTH = { login: "demo", psw: "demo" };

describe("POST /rest/send/ on the wire", () => {
  it("answers JSON without fmt, as observed: {id, cnt} and with cost=3 the cost and balance as strings", async () => {
    sb = await startSandbox();
    const plain = await rest(sb.url, { ...AUTH, phones: PHONE, mes: "Hello" });
    expect(plain.status).toBe(200);
    expect(plain.type).toBe("application/json; charset=utf-8");
    expect(JSON.parse(plain.text)).toEqual({ id: expect.any(Number), cnt: 1 });
    const priced = await rest(sb.url, {
      ...AUTH,
      phones: PHONE,
      mes: "Hello again",
      cost: 3,
      valid: "01:00",
    });
    expect(JSON.parse(priced.text)).toEqual({ id: expect.any(Number), cnt: 1, cost: "10", balance: "980" });
    expect(sb.messages().map((m) => m.origin)).toEqual(["rest", "rest"]);
    expect((await api(sb.url, "GET", "/messages?origin=rest")).body.messages).toHaveLength(2);
  });

  it("honours fmt 0, 1, 2 and 3, and cost=1 prices without sending", async () => {
    sb = await startSandbox({ rateLimits: false });
    const send = (fmt: number) =>
      rest(sb!.url, { ...AUTH, phones: PHONE, mes: `fmt ${fmt}`, fmt, cost: "2" });
    expect((await send(0)).text).toMatch(/^OK - 1 SMS, ID - \d+, COST - 10\.00$/);
    expect((await send(1)).text).toMatch(/^\d+,1,10\.00$/);
    const xml = await send(2);
    expect(xml.text).toMatch(/^<result>\n<id>\d+<\/id>\n<cnt>1<\/cnt>\n<cost>10\.00<\/cost>\n<\/result>$/);
    expect(xml.type).toMatch(/^application\/xml/);
    expect((await send(3)).text).toMatch(/^\{"id":\d+,"cnt":1,"cost":"10"\}$/);
    const cost = await rest(sb.url, { ...AUTH, phones: `${PHONE},77017654321`, mes: "price", cost: 1 });
    expect(JSON.parse(cost.text)).toEqual({ cost: "20", cnt: 2 });
    expect(sb.messages()).toHaveLength(4);
  });

  it("reads UTF-8 JSON whatever the charset parameter, and answers in that charset", async () => {
    sb = await startSandbox();
    const r = await rest(sb.url, {
      ...AUTH,
      phones: [PHONE],
      mes: "Сәлем, әлем",
      charset: "windows-1251",
      fmt: 0,
    });
    expect(r.type).toBe("text/plain; charset=windows-1251");
    expect(decodeText(r.bytes, "windows-1251")).toMatch(/^OK - 1 SMS, ID - \d+$/);
    expect(sb.latest()!.text).toBe("Сәлем, әлем");
  });

  it("takes parameters from the query too (the body wins), and the path without its slash", async () => {
    sb = await startSandbox();
    const r = await rest(
      sb.url,
      { phones: PHONE, mes: "q", psw: "demo" },
      { query: "login=demo&psw=wrong", path: "/rest/send" },
    );
    expect(JSON.parse(r.text)).toMatchObject({ cnt: 1 });
  });

  it("answers the service's errors as JSON: 1 for a body that is not a JSON object, 2, 7 with an id, 9", async () => {
    sb = await startSandbox();
    for (const body of ["not json", "[1]", '{"phones":{"a":1}}'])
      expect(JSON.parse((await rest(sb.url, body)).text)).toEqual({
        error: "parameters error",
        error_code: 1,
      });
    expect(JSON.parse((await rest(sb.url, { phones: PHONE, mes: "x" })).text)).toEqual({
      error: "authorise error",
      error_code: 2,
    });
    expect(JSON.parse((await rest(sb.url, { ...AUTH, phones: "123", mes: "x" })).text)).toEqual({
      error: "invalid number",
      error_code: 7,
      id: expect.any(Number),
    });
    expect(JSON.parse((await rest(sb.url, { ...AUTH, phones: PHONE })).text)).toMatchObject({
      error_code: 1,
    });
    expect((await rest(sb.url, { ...AUTH, phones: "123", mes: "x", fmt: 1 })).text).toMatch(/^\d+,-7$/);
    await rest(sb.url, { ...AUTH, phones: PHONE, mes: "twice" });
    expect(JSON.parse((await rest(sb.url, { ...AUTH, phones: PHONE, mes: "twice" })).text)).toEqual({
      error: "duplicate request, wait a minute",
      error_code: 9,
    });
    // a form body is no JSON object
    const form = await rest(sb.url, "login=demo&psw=demo&phones=77011234567&mes=x", {
      type: "application/x-www-form-urlencoded",
    });
    expect(JSON.parse(form.text)).toMatchObject({ error_code: 1 });
    expect(sb.messages()).toHaveLength(1);
    const get = await fetch(`${sb.url}/rest/send/`);
    expect(get.status).toBe(405);
    expect(get.headers.get("allow")).toBe("POST");
  });

  it("drops the connection for the lost-reply number after storing the send, as send.php does", async () => {
    sb = await startSandbox();
    await expect(rest(sb.url, { ...AUTH, phones: LOST_REPLY, mes: "lost" })).rejects.toThrow();
    expect(sb.messages()).toHaveLength(1);
    expect(sb.latest()!.origin).toBe("rest");
  });

  it("answers a body over the size limit with error 1", async () => {
    sb = await startSandbox();
    const big = encodeText(
      JSON.stringify({ ...AUTH, phones: PHONE, mes: "x".repeat(17 * 1024 * 1024) }),
      "utf-8",
    );
    const r = await rest(sb.url, new TextDecoder().decode(big));
    expect(JSON.parse(r.text)).toMatchObject({ error_code: 1 });
  });
});

/** Wraps the real fetch, recording "<path> <port>" for every call; `rewrite` may change or fail a request. */
function recording(log: string[], rewrite?: (url: string, body: string) => string | Error): typeof fetch {
  return async (input, init) => {
    const url = new URL(String(input));
    log.push(`${url.pathname.replace(/^\/sys\//, "")} ${url.port}`);
    const body = rewrite ? rewrite(url.pathname, String(init?.body)) : String(init?.body);
    if (body instanceof Error) throw body;
    return fetch(input, { ...init, body });
  };
}

describe('the SDK with transport: "rest"', () => {
  it("sends and prices through /rest/send/ with a JSON body carrying a generated id", async () => {
    sb = await startSandbox();
    const bodies: Array<{ type: string; body: string }> = [];
    const log: string[] = [];
    const smsc = new Smsc({
      login: "demo",
      password: "demo",
      baseUrl: sb.url,
      transport: "rest",
      fetch: (input, init) => {
        bodies.push({
          type: String(new Headers(init?.headers).get("content-type")),
          body: String(init?.body),
        });
        return recording(log)(input, init);
      },
    });
    const sent = await smsc.send({ phones: PHONE, message: "Привет через REST" });
    expect(sent).toMatchObject({ cnt: 1, cost: 10, balance: 990, recovered: false });
    expect(typeof sent.id).toBe("string");
    const priced = await smsc.cost({ phones: PHONE, message: "price" });
    expect(priced).toEqual({ cost: 10, cnt: 1 });
    expect((await smsc.balance()).balance).toBe(990);
    expect(log.map((l) => l.split(" ")[0])).toEqual(["/rest/send/", "/rest/send/", "balance.php"]);
    expect(bodies[0]!.type).toBe("application/json; charset=utf-8");
    expect(JSON.parse(bodies[0]!.body)).toMatchObject({
      login: "demo",
      phones: PHONE,
      id: sent.id,
      cost: "3",
      fmt: "3",
    });
    expect(sb.latest()).toMatchObject({ origin: "rest", text: "Привет через REST", messageId: sent.id });
  });

  it("recovers a lost reply through status.php on the mirror: one message, recovered: true", async () => {
    sb = await startSandbox({ mirrors: 1 });
    const log: string[] = [];
    const smsc = new Smsc({
      login: "demo",
      password: "demo",
      baseUrl: [sb.url, sb.mirrorUrls[0]!],
      transport: "rest",
      fetch: recording(log),
    });
    const r = await smsc.send({ phones: LOST_REPLY, message: "lost reply" });
    expect(r).toMatchObject({ recovered: true, cnt: 1, cost: 10 });
    expect(sb.messages()).toHaveLength(1);
    expect(log).toEqual([`/rest/send/ ${sb.port}`, `status.php ${new URL(sb.mirrorUrls[0]!).port}`]);
  });

  it("takes error 9 to the resend as proof the first send went through", async () => {
    sb = await startSandbox();
    const log: string[] = [];
    let lookups = 0;
    const hide = (path: string, body: string) =>
      path.endsWith("status.php") && lookups++ === 0 ? body.replace(/&id=[^&]+/, "&id=hidden") : body;
    const smsc = new Smsc({
      login: "demo",
      password: "demo",
      baseUrl: [sb.url, sb.url],
      transport: "rest",
      fetch: recording(log, hide),
    });
    const r = await smsc.send({ phones: LOST_REPLY, message: "duplicate" });
    expect(r.recovered).toBe(true);
    expect(log.map((l) => l.split(" ")[0])).toEqual([
      "/rest/send/",
      "status.php",
      "/rest/send/",
      "status.php",
    ]);
    expect(sb.messages()).toHaveLength(1);
  });

  it("never resends when nothing proves the outcome", async () => {
    sb = await startSandbox();
    const log: string[] = [];
    const blind = (path: string, body: string) =>
      path.endsWith("status.php") ? new TypeError("Failed to fetch") : body;
    const smsc = new Smsc({
      login: "demo",
      password: "demo",
      baseUrl: [sb.url, sb.url, sb.url],
      transport: "rest",
      fetch: recording(log, blind),
    });
    const err = await smsc.send({ phones: LOST_REPLY, message: "unknown", id: "rest-check" }).catch((e) => e);
    expect(err).toBeInstanceOf(SendOutcomeUnknownError);
    expect(log.filter((l) => l.startsWith("/rest/send/"))).toHaveLength(1);
    expect(sb.messages()).toHaveLength(1);
  });

  it("reads the service's errors through REST into the same classes, and refuses an unknown transport", async () => {
    sb = await startSandbox();
    const smsc = new Smsc({ login: "demo", password: "demo", baseUrl: sb.url, transport: "rest" });
    await expect(smsc.send({ phones: "123", message: "x" })).rejects.toMatchObject({
      name: "InvalidPhoneError",
      code: 7,
      endpoint: "send",
    });
    // @ts-expect-error only "http" and "rest"
    expect(() => new Smsc({ login: "a", password: "b", transport: "soap" })).toThrow(/transport/);
  });
});
