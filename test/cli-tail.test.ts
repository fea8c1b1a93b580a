// `smsc tail`: the built CLI follows the sandbox's event stream (GET /api/v1/events).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Smsc } from "smsc";
import { type Sandbox, startSandbox } from "smsc-sandbox";
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { readSse, tailLine } from "../packages/smsc/src/cli/commands/tail.js";
import { ensureBuilt, smsc, startSmsc, until } from "./cli-helpers.js";

beforeAll(ensureBuilt, 180_000);

let sb: Sandbox;
beforeEach(async () => {
  sb = await startSandbox({ port: 0, delays: { sentMs: 50, deliveredMs: 50 } });
});
afterEach(async () => {
  await sb.close();
});

const auth = () => ["--base-url", sb.url, "--login", "demo", "--password", "demo"];
describe("smsc tail", () => {
  it("prints one line per message and status change: time, phone, status, text", async () => {
    const tail = startSmsc(["tail", "--base-url", sb.url]);
    // send until the stream shows the message (the child may connect after the first send)
    let n = 0;
    await until(
      () => {
        // tail may connect after a send and see only its status changes: send again until a message event shows
        if (/"event":"message".*"Hello tail"/.test(tail.stdout())) return true;
        if (n++ % 50 === 0) void smsc(["send", ...auth(), "77011234567", `Hello tail`, "--id", `t${n}`]);
        return false;
      },
      20_000,
      "the message in tail's output",
    );
    await until(() => /"event":"status".*"status":1/.test(tail.stdout()), 20_000, "a delivered status");
    tail.child.kill("SIGINT");
    const end = await tail.done;
    expect(end.code).toBe(0);
    // not a terminal: NDJSON, one object per line
    const lines = end.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines.find((l) => l.event === "message")).toMatchObject({
      phone: "77011234567",
      text: "Hello tail",
      status: -1,
    });
    expect(lines.some((l) => l.event === "status" && l.status === 1)).toBe(true);
  });

  it("--no-status and --phone filter the stream", async () => {
    const tail = startSmsc(["tail", "--base-url", sb.url, "--no-status", "--phone", "+7 701 765 43 21"]);
    let n = 0;
    await until(
      () => {
        if (tail.stdout().includes("for me")) return true;
        if (n++ % 50 === 0) {
          void smsc(["send", ...auth(), "77011234567", `not me ${n}`]);
          void smsc(["send", ...auth(), "77017654321", `for me ${n}`]);
        }
        return false;
      },
      20_000,
      "the filtered message",
    );
    // leave time for status events that must not show
    await new Promise((r) => setTimeout(r, 300));
    tail.child.kill("SIGTERM");
    const end = await tail.done;
    const lines = end.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines.every((l) => l.event === "message" && l.phone === "77017654321")).toBe(true);
  });

  it("catches up after the sandbox restarts: messages stored while it was away are printed once", async () => {
    const dir = mkdtempSync(join(tmpdir(), "smsc-tail-"));
    const db = join(dir, "sb.db");
    let first: Sandbox | undefined = await startSandbox({ port: 0, db });
    const port = first.port;
    const url = first.url;
    const tail = startSmsc(["tail", "--base-url", url, "--no-status"]);
    let second: Sandbox | undefined;
    try {
      let n = 0;
      await until(
        () => {
          if (tail.stdout().includes("before restart")) return true;
          if (n++ % 50 === 0)
            void smsc([
              "send",
              "--base-url",
              url,
              "--login",
              "demo",
              "--password",
              "demo",
              "77011234567",
              "before restart",
              "--id",
              `r${n}`,
            ]);
          return false;
        },
        20_000,
        "the first message",
      );
      await first.close();
      first = undefined;
      // once tail has failed to reconnect it waits a second: restart and store a message inside that gap
      await until(() => tail.stderr().includes("retrying"), 20_000, "tail to notice the restart");
      second = await startSandbox({ port, db });
      await new Smsc({ baseUrl: url, login: "demo", password: "demo" }).send({
        phones: "77017654321",
        message: "while away",
      });
      await until(() => tail.stdout().includes("while away"), 20_000, "the missed message");
      tail.child.kill("SIGINT");
      const end = await tail.done;
      expect(end.code).toBe(0);
      const lines = end.stdout
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l));
      expect(lines.filter((l) => l.text === "while away")).toHaveLength(1);
      expect(lines.every((l) => l.event === "message")).toBe(true);
    } finally {
      tail.child.kill("SIGKILL");
      await first?.close();
      await second?.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("reads SSE framing and formats a human line", async () => {
    const chunks = [
      "id: 1\r\nevent: message\r\nda",
      'ta: {"phone":"7701","status":0,"text":"a\\nb"}\r\n\r\n',
      ": ping\n\n",
      "data: x\ndata: y\n\n",
    ];
    const body = (async function* () {
      for (const c of chunks) yield new TextEncoder().encode(c);
    })();
    const events = [];
    for await (const e of readSse(body)) events.push(e);
    expect(events).toEqual([
      { event: "message", id: "1", data: '{"phone":"7701","status":0,"text":"a\\nb"}' },
      { event: "message", id: "1", data: "x\ny" },
    ]);
    expect(
      tailLine("message", {
        phone: "77011234567",
        status: 1,
        text: "Hi\nthere",
        statusAt: "2026-01-02T03:04:05.000Z",
      }),
    ).toBe("03:04:05  77011234567    1 Delivered                  Hi there");
  });
});
