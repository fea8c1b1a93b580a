// smsc.inbox against a real sandbox: get.php?get_answers=1 read through the SDK (page, the after_id iterator, the
// polling helper), the empty inbox as an empty page, and error 9 for the fourth identical request of a minute.
import { type IncomingSms, Smsc } from "smsc";
import { type Sandbox, startSandbox } from "smsc-sandbox";
import { afterEach, describe, expect, it } from "vitest";
import { sys } from "./reports-helpers.js";

let now = Date.UTC(2026, 10, 24, 12, 0, 0);
const open: Sandbox[] = [];
afterEach(async () => {
  for (const s of open.splice(0)) await s.close();
});

async function sandbox(
  rateLimits = false,
): Promise<{ sb: Sandbox; smsc: Smsc; receive(text: string): void }> {
  now = Date.UTC(2026, 10, 24, 12, 0, 0);
  const sb = await startSandbox({ port: 0, clock: () => now, rateLimits });
  open.push(sb);
  const account = sb.store.accountByLogin("demo")!;
  return {
    sb,
    smsc: new Smsc({ login: "demo", password: "demo", baseUrl: sb.url }),
    receive: (text) => {
      sb.control.receive({ account, phone: "77011234567", to: "77001112233", text });
    },
  };
}

describe("smsc.inbox", () => {
  it("reads a page of typed records; an empty inbox is an empty page, not an error", async () => {
    const { smsc, receive } = await sandbox();
    expect(await smsc.inbox.page()).toEqual([]);
    receive("Yes, please");
    const [sms] = await smsc.inbox.page();
    expect(sms).toEqual({
      id: 1,
      received: "24.11.2026 15:00:00",
      phone: "77011234567",
      toPhone: "77001112233",
      sent: "24.11.2026 15:00:00",
      message: "Yes, please",
    });
    expect(await smsc.inbox.page({ after: 1 })).toEqual([]);
    expect(await smsc.inbox.page({ to: "+7 700 111 22 33", hours: 1 })).toHaveLength(1);
    await expect(smsc.inbox.page({ hours: 169 })).rejects.toThrow(/inbox\.hours/);
    await expect(smsc.inbox.page({ after: -1 })).rejects.toThrow(/inbox\.after/);
  });

  it("iterates every SMS oldest first across pages with after_id, no gap and no repeat", async () => {
    const { smsc, receive } = await sandbox();
    for (let i = 1; i <= 7; i++) receive(`sms ${i}`);
    const seen: IncomingSms[] = [];
    for await (const sms of smsc.inbox({ pageSize: 3 })) seen.push(sms);
    expect(seen.map((s) => s.message)).toEqual([1, 2, 3, 4, 5, 6, 7].map((i) => `sms ${i}`));
    const later: number[] = [];
    for await (const sms of smsc.inbox({ after: 5, pageSize: 1 })) later.push(sms.id);
    expect(later).toEqual([6, 7]);
  });

  it("polls: from the newest SMS at its start, then new SMS as they come, until aborted", async () => {
    const { sb, receive } = await sandbox();
    receive("old");
    const replies: string[] = [];
    const watching: typeof fetch = async (url, init) => {
      const res = await fetch(url, init);
      replies.push(await res.clone().text());
      return res;
    };
    const smsc = new Smsc({ login: "demo", password: "demo", baseUrl: sb.url, fetch: watching });
    const ctrl = new AbortController();
    const got: string[] = [];
    const polling = (async () => {
      for await (const sms of smsc.inbox.poll({ intervalMs: 5, signal: ctrl.signal })) {
        got.push(sms.message);
        if (got.length === 1) receive("third");
        if (got.length === 2) ctrl.abort();
      }
    })();
    // once the poll has found its start (the newest SMS) and read past it, what arrives is new
    await until(() => replies.length >= 2);
    receive("second");
    await polling;
    expect(got).toEqual(["second", "third"]);
  });

  it("keeps polling through error 9, which a fourth identical request of a minute gets", async () => {
    const { sb, receive } = await sandbox(true);
    receive("first");
    const get = () =>
      sys(sb.url, "get", [
        ["get_answers", "1"],
        ["fmt", "1"],
        ["after_id", "1"],
      ]);
    for (let i = 0; i < 3; i++) expect(await get()).toBe("0,-3");
    expect(await get()).toBe("0,-9");
    expect(
      await sys(sb.url, "get", [
        ["get_answers", "1"],
        ["fmt", "1"],
        ["after_id", "0"],
      ]),
    ).toMatch(/^1,/);
    const limited: string[] = [];
    const watching: typeof fetch = async (url, init) => {
      const res = await fetch(url, init);
      if ((await res.clone().text()).includes('"error_code":9')) limited.push("9");
      return res;
    };
    const smsc = new Smsc({ login: "demo", password: "demo", baseUrl: sb.url, fetch: watching });
    const ctrl = new AbortController();
    const got: string[] = [];
    const polling = (async () => {
      for await (const sms of smsc.inbox.poll({ after: 1, intervalMs: 5, signal: ctrl.signal })) {
        got.push(sms.message);
        ctrl.abort();
      }
    })();
    // the poll's requests are the same as the four above: error 9, twice at least, and the poll goes on
    await until(() => limited.length >= 2);
    expect(got).toEqual([]);
    now += 61_000;
    receive("after the minute");
    await polling;
    expect(got).toEqual(["after the minute"]);
  });
});

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; !check(); i++) {
    if (i > 2000) throw new Error("condition not met within 10 s");
    await new Promise((r) => setTimeout(r, 5));
  }
}
