// Chaos controls through the API and the flags: injected errors per endpoint in each fmt's shape, resets,
// latency settings, the rate-limit switch. Randomness is injected, so every outcome is deterministic.
import { ConnectionError, Smsc } from "smsc";
import { type ChaosSettings, type Sandbox, startSandbox } from "smsc-sandbox";
import { afterEach, describe, expect, it } from "vitest";
import { parseCliArgs } from "../packages/sandbox/src/cli-args.js";

let sb: Sandbox | undefined;
afterEach(async () => {
  await sb?.close();
  sb = undefined;
});

async function start(random = () => 0, more: Parameters<typeof startSandbox>[0] = {}) {
  sb = await startSandbox({ random, ...more });
  return sb;
}

const putChaos = async (s: Sandbox, body: unknown) => {
  const r = await fetch(`${s.url}/api/v1/chaos`, {
    method: "PUT",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  return { status: r.status, body: (await r.json()) as ChaosSettings & { error?: string } };
};
const get = (s: Sandbox, script: string, q: string) =>
  fetch(`${s.url}/sys/${script}.php?login=demo&psw=demo&${q}`).then((r) => r.text());

describe("injected errors", () => {
  it("answer the configured code in the shape of the request's fmt, per endpoint", async () => {
    const s = await start();
    const r = await putChaos(s, { errors: [{ endpoint: "balance", code: 9, probability: 0.5 }] });
    expect(r.status).toBe(200);
    expect(r.body.errors).toEqual([{ endpoint: "balance", code: 9, probability: 0.5 }]);
    expect(await get(s, "balance", "fmt=0")).toBe("ERROR = 9 (duplicate request, wait a minute)");
    expect(await get(s, "balance", "fmt=1")).toBe("0,-9");
    expect(JSON.parse(await get(s, "balance", "fmt=3"))).toEqual({
      error: "duplicate request, wait a minute",
      error_code: 9,
    });
    expect(await get(s, "balance", "fmt=2")).toContain("<error_code>9</error_code>");
    // other endpoints are untouched
    expect(JSON.parse(await get(s, "send", "phones=77011234567&mes=a&fmt=3"))).toHaveProperty("id");
  });

  it("carry an id for send errors 3, 6, 7, 8 and store nothing", async () => {
    const s = await start();
    await putChaos(s, { errors: [{ endpoint: "send", code: 8, probability: 1 }] });
    const r = JSON.parse(await get(s, "send", "phones=77011234567&mes=a&fmt=3&id=777"));
    expect(r).toMatchObject({ error_code: 8, id: 777 });
    expect(s.control.messages()).toHaveLength(0);
  });

  it("follow the probability against the injected random", async () => {
    const s = await start(() => 0.5);
    await putChaos(s, { errors: [{ endpoint: "status", code: 4, probability: 0.4 }] });
    expect(await get(s, "status", "id=1&phone=77011234567&fmt=1")).toBe("-3,0,0");
    await putChaos(s, { errors: [{ endpoint: "status", code: 4, probability: 0.6 }] });
    expect(await get(s, "status", "id=1&phone=77011234567&fmt=1")).toBe("0,-4");
  });

  it("reach the SDK as the typed error", async () => {
    const s = await start(() => 0, { chaos: { errors: [{ endpoint: "send", code: 6, probability: 1 }] } });
    const smsc = new Smsc({ login: "demo", password: "demo", baseUrl: s.url });
    await expect(smsc.send({ phones: "77011234567", message: "x" })).rejects.toMatchObject({ code: 6 });
  });

  it("refuse bad settings with 400 and a message, keeping the old ones", async () => {
    const s = await start();
    for (const bad of [
      { errors: [{ endpoint: "send", code: 42, probability: 1 }] },
      { errors: [{ endpoint: "get", code: 1, probability: 1 }] },
      { resetRate: 2 },
      { latency: { min: 10, max: 5 } },
      { rateLimits: "no" },
    ]) {
      const r = await putChaos(s, bad);
      expect(r.status).toBe(400);
      expect(r.body.error).toBeTruthy();
    }
    expect((await (await fetch(`${s.url}/api/v1/chaos`)).json()) as ChaosSettings).toMatchObject({
      errors: [],
      resetRate: 0,
      rateLimits: true,
    });
  });
});

describe("resets", () => {
  it("destroy the socket before the core acts", async () => {
    const s = await start(() => 0.1);
    await putChaos(s, { resetRate: 0.2 });
    await expect(get(s, "send", "phones=77011234567&mes=a")).rejects.toThrow();
    expect(s.control.messages()).toHaveLength(0);
    const smsc = new Smsc({ login: "demo", password: "demo", baseUrl: s.url, maxRetries: 0 });
    await expect(smsc.balance()).rejects.toBeInstanceOf(ConnectionError);
    await expect(smsc.send({ phones: "77011234567", message: "x" })).rejects.toBeInstanceOf(Error);
    await putChaos(s, { resetRate: 0.05 });
    expect(await get(s, "balance", "")).toBe("1000.00");
  });
});

describe("latency", () => {
  it("is a fixed value or a range, and replies still arrive", async () => {
    const s = await start(() => 0.5);
    expect((await putChaos(s, { latency: 5 })).body.latency).toEqual({ min: 5, max: 5 });
    expect((await putChaos(s, { latency: { min: 1, max: 9 } })).body.latency).toEqual({ min: 1, max: 9 });
    expect(await get(s, "balance", "")).toBe("1000.00");
  });
});

describe("rate limits switch", () => {
  it("turns error 9 for an identical send off and on at run time", async () => {
    const s = await start();
    const q = "phones=77011234567&mes=same&fmt=1";
    expect(await get(s, "send", q)).toMatch(/^\d+,1$/);
    expect(await get(s, "send", q)).toBe("0,-9");
    expect((await putChaos(s, { rateLimits: false })).body.rateLimits).toBe(false);
    expect(await get(s, "send", q)).toMatch(/^\d+,1$/);
    await putChaos(s, { rateLimits: true });
    expect(await get(s, "send", q)).toBe("0,-9");
  });
});

describe("flags", () => {
  it("read --chaos-error, --latency, --reset-rate, --slow-reply, --no-rate-limits", () => {
    const c = parseCliArgs([
      "--chaos-error",
      "send:9:0.1",
      "--chaos-error",
      "status:5:1",
      "--latency",
      "10-50",
      "--reset-rate",
      "0.25",
      "--slow-reply",
      "300",
      "--no-rate-limits",
    ]);
    expect(c).toMatchObject({
      help: false,
      options: {
        rateLimits: false,
        chaos: {
          errors: [
            { endpoint: "send", code: 9, probability: 0.1 },
            { endpoint: "status", code: 5, probability: 1 },
          ],
          latency: { min: 10, max: 50 },
          resetRate: 0.25,
          slowReplyMs: 300,
        },
      },
    });
    expect(parseCliArgs(["--latency", "20"])).toMatchObject({
      options: { chaos: { latency: { min: 20, max: 20 } } },
    });
  });

  it("refuse bad values with a usage error", () => {
    for (const argv of [
      ["--chaos-error", "send:9"],
      ["--chaos-error", "send:77:0.5"],
      ["--chaos-error", "smpp:1:0.5"],
      ["--reset-rate", "1.5"],
      ["--latency", "50-10"],
      ["--latency", "soon"],
    ])
      expect(() => parseCliArgs(argv), argv.join(" ")).toThrow(/--/);
  });
});
