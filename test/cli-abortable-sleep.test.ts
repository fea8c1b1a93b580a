// The CLI's sleep on the run's AbortSignal (send --csv --rate waits between requests): it must not leave an abort
// listener behind per sleep. Before the fix, a mailing with --rate printed MaxListenersExceededWarning ("11 abort
// listeners added to [AbortSignal]") into its progress bar.
import { getEventListeners } from "node:events";
import { describe, expect, it } from "vitest";
import { abortableSleep } from "../packages/smsc/src/cli/abortable-sleep.js";

describe("abortableSleep", () => {
  it("removes its abort listener when the time is up: none left after many sleeps, and no warning", async () => {
    const warnings: Error[] = [];
    const onWarning = (w: Error) => warnings.push(w);
    process.on("warning", onWarning);
    try {
      const controller = new AbortController();
      for (let i = 0; i < 25; i++) await abortableSleep(1, controller.signal);
      // three at once, as concurrent workers do
      await Promise.all([1, 2, 3].map(() => abortableSleep(1, controller.signal)));
      expect(getEventListeners(controller.signal, "abort")).toHaveLength(0);
      // warnings are emitted on the next tick
      await new Promise((r) => setImmediate(r));
      expect(warnings.map((w) => w.name)).not.toContain("MaxListenersExceededWarning");
    } finally {
      process.off("warning", onWarning);
    }
  });

  it("still ends early on abort, and at once when already aborted", async () => {
    const controller = new AbortController();
    const long = abortableSleep(60_000, controller.signal);
    expect(getEventListeners(controller.signal, "abort")).toHaveLength(1);
    controller.abort();
    await long;
    expect(getEventListeners(controller.signal, "abort")).toHaveLength(0);
    await abortableSleep(60_000, controller.signal);
  });
});
