// Mirror listeners (www2… stand-ins): the same sandbox on more ports, each of which can be taken down at run time.
import { Smsc } from "smsc";
import { type Sandbox, startSandbox } from "smsc-sandbox";
import { afterEach, describe, expect, it } from "vitest";
import { parseCliArgs } from "../packages/sandbox/src/cli-args.js";

let sb: Sandbox | undefined;
afterEach(async () => {
  await sb?.close();
  sb = undefined;
});

const balance = (base: string) => fetch(`${base}/sys/balance.php?login=demo&psw=demo`).then((r) => r.text());
const mirrorAction = (base: string, n: number, action: "down" | "up") =>
  fetch(`${base}/api/v1/mirrors/${n}/${action}`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
  });

describe("mirrors", () => {
  it("serve the same core on their own ports", async () => {
    sb = await startSandbox({ mirrors: 4 });
    expect(sb.mirrorUrls).toHaveLength(4);
    expect(new Set([sb.url, ...sb.mirrorUrls]).size).toBe(5);
    await fetch(`${sb.mirrorUrls[2]}/sys/send.php?login=demo&psw=demo&phones=77011234567&mes=via+mirror`);
    for (const u of [sb.url, ...sb.mirrorUrls]) expect(await balance(u)).toBe("990.00");
    const list = (await (await fetch(`${sb.url}/api/v1/mirrors`)).json()) as {
      listeners: Array<{ up: boolean }>;
    };
    expect(list.listeners.map((l) => l.up)).toEqual([true, true, true, true, true]);
  });

  it("let the SDK fail over when the primary is down, storing exactly one message", async () => {
    sb = await startSandbox({ mirrors: 2 });
    const down = await mirrorAction(sb.mirrorUrls[0]!, 0, "down");
    expect(down.status).toBe(200);
    await expect(balance(sb.url)).rejects.toThrow();
    const smsc = new Smsc({ login: "demo", password: "demo", baseUrl: [sb.url, ...sb.mirrorUrls] });
    const r = await smsc.send({ phones: "77011234567", message: "failover to www2" });
    expect(r.recovered).toBe(false);
    expect(sb.control.messages()).toHaveLength(1);
    expect((await smsc.status({ id: r.id, phone: "77011234567" })).status).not.toBe(-3);
    // and back up on the same port
    expect((await mirrorAction(sb.mirrorUrls[1]!, 0, "up")).status).toBe(200);
    expect(await balance(sb.url)).toBe("990.00");
  });

  it("can take down the listener that serves the request itself, and refuse unknown ones", async () => {
    sb = await startSandbox({ mirrors: 1 });
    const r = await mirrorAction(sb.mirrorUrls[0]!, 1, "down");
    expect(r.status).toBe(200);
    expect(((await r.json()) as { listeners: Array<{ up: boolean }> }).listeners[1]!.up).toBe(false);
    await expect
      .poll(() =>
        balance(sb!.mirrorUrls[0]!).then(
          () => "up",
          () => "down",
        ),
      )
      .toBe("down");
    expect((await mirrorAction(sb.url, 5, "down")).status).toBe(404);
    expect((await fetch(`${sb.url}/api/v1/mirrors/1/down`)).status).toBe(405);
  });

  it("use the given ports, from --mirror-ports or --mirrors", () => {
    expect(parseCliArgs(["--mirror-ports", "0,0,0"])).toMatchObject({ options: { mirrorPorts: [0, 0, 0] } });
    expect(parseCliArgs(["--mirrors", "4"])).toMatchObject({ options: { mirrors: 4 } });
    expect(() => parseCliArgs(["--mirrors", "x"])).toThrow(/--mirrors/);
  });
});
