// Lost replies after storing: SDK sends through a loopback proxy that drops ~20% of replies (status look-ups
// included) after the sandbox handled the request, on one host and with failover across the sandbox's mirrors.
// Every send must end either acknowledged, with an id the sandbox has exactly once, or as an error that says what is
// known (SendOutcomeUnknownError with the id: then the sandbox has it at most once; a failure that proves nothing was
// sent: then it has none). Nothing stored twice, nothing acknowledged and missing.
import { ConnectionError, SendOutcomeUnknownError, Smsc } from "smsc";
import { type Sandbox, startSandbox } from "smsc-sandbox";
import { afterEach, describe, expect, it } from "vitest";
import { type LossyProxy, startLossyProxy } from "./lossy-proxy.js";
import { report, SCALE, SEED, seededRandom, timeLimit } from "./scale.js";
import { allMessages, countByKey, sendKey } from "./stored-messages.js";

const DROP_RATE = 0.2;
const CONCURRENCY = 8;

let sb: Sandbox | undefined;
let proxies: LossyProxy[] = [];
afterEach(async () => {
  for (const p of proxies) await p.close();
  proxies = [];
  await sb?.close();
  sb = undefined;
});

type Outcome =
  | { kind: "acked"; id: string; phone: string; recovered: boolean }
  | { kind: "unknown"; id: string; phone: string }
  | { kind: "not-sent"; id: string; phone: string }
  | { kind: "other"; id: string; phone: string; error: string };

async function run(mirrors: number, seed: number) {
  sb = await startSandbox({
    rateLimits: false,
    mirrors,
    accounts: [{ login: "soak", password: "soak-pw", balance: 100_000_000 }],
    delays: { sentMs: 60_000, deliveredMs: 60_000 },
  });
  const random = seededRandom(seed);
  proxies = await Promise.all(
    [sb.url, ...sb.mirrorUrls].map((u) => startLossyProxy(u, { dropRate: DROP_RATE, random })),
  );
  const client = new Smsc({
    login: "soak",
    password: "soak-pw",
    baseUrl: proxies.map((p) => p.url),
    timeout: 15_000,
    random: seededRandom(seed + 1),
  });
  const outcomes: Outcome[] = [];
  let next = 0;
  const started = Date.now();
  const worker = async () => {
    for (let i = next++; i < SCALE.sends; i = next++) {
      const phone = `7701${String(1_000_000 + i)}`;
      const id = `lr${seed.toString(36)}-${mirrors}-${i}`;
      try {
        const r = await client.send({ phones: phone, message: `lost replies ${i}`, id });
        outcomes.push({ kind: "acked", id: String(r.id), phone, recovered: r.recovered });
      } catch (e) {
        if (e instanceof SendOutcomeUnknownError) outcomes.push({ kind: "unknown", id: String(e.id), phone });
        else if (e instanceof ConnectionError && !e.maybeSent) outcomes.push({ kind: "not-sent", id, phone });
        else
          outcomes.push({ kind: "other", id, phone, error: `${(e as Error).name}: ${(e as Error).message}` });
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const elapsedMs = Date.now() - started;

  const stored = await allMessages(sb.url);
  const counts = countByKey(stored);
  const mine = new Set(outcomes.map((o) => sendKey(o.id, o.phone)));
  const of = (kind: Outcome["kind"]) => outcomes.filter((o) => o.kind === kind);
  const duplicates = [...counts].filter(([, n]) => n > 1);
  const silent = of("acked").filter((o) => counts.get(sendKey(o.id, o.phone)) !== 1);
  const strangers = stored.filter((m) => !mine.has(sendKey(m.messageId, m.phone)));
  const sentAnyway = of("not-sent").filter((o) => counts.has(sendKey(o.id, o.phone)));
  const drops = (script: string) => proxies.reduce((n, p) => n + (p.counts.get(script)?.dropped ?? 0), 0);
  const forwarded = (script: string) =>
    proxies.reduce((n, p) => n + (p.counts.get(script)?.forwarded ?? 0), 0);
  const figures = {
    hosts: proxies.length,
    sends: outcomes.length,
    acked: of("acked").length,
    recovered: of("acked").filter((o) => o.kind === "acked" && o.recovered).length,
    unknown: of("unknown").length,
    unknownStored: of("unknown").filter((o) => counts.has(sendKey(o.id, o.phone))).length,
    notSent: of("not-sent").length,
    other: of("other").length,
    stored: stored.length,
    duplicates: duplicates.length,
    silentLosses: silent.length,
    sendRepliesDropped: `${drops("send")}/${forwarded("send")}`,
    statusRepliesDropped: `${drops("status")}/${forwarded("status")}`,
    elapsedMs,
  };
  report(mirrors ? "lost-replies-failover" : "lost-replies-one-host", figures);

  expect(outcomes).toHaveLength(SCALE.sends);
  expect(of("other").slice(0, 5)).toEqual([]);
  expect(duplicates.slice(0, 5)).toEqual([]);
  expect(silent.slice(0, 5)).toEqual([]);
  expect(strangers.slice(0, 5)).toEqual([]);
  expect(sentAnyway.slice(0, 5)).toEqual([]);
  // the run really lost replies of both kinds, and the SDK really recovered sends from its look-ups
  expect(drops("send")).toBeGreaterThan(0);
  expect(drops("status")).toBeGreaterThan(0);
  expect(figures.recovered).toBeGreaterThan(0);
}

describe(`lost replies after storing (${SCALE.sends} sends, ${DROP_RATE * 100}% of replies dropped)`, () => {
  it("on one host: 0 duplicates, 0 silent losses", { timeout: timeLimit(120_000) }, async () => {
    await run(0, SEED);
  });

  it("with failover across 3 hosts: 0 duplicates, 0 silent losses", {
    timeout: timeLimit(120_000),
  }, async () => {
    await run(2, SEED + 7);
  });
});
