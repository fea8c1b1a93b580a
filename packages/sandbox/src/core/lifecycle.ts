import {
  DEFAULT_DELAYS,
  type Delays,
  type LifecycleStep,
  type SendRows,
  type Store,
} from "../store/store.js";
import type { EventHub } from "./events.js";
import { Schedule } from "./schedule.js";
import type { CoreEvents, Message } from "./types.js";

export { DEFAULT_DELAYS };

/**
 * The status lifecycle (-1 → 0 → final on the store's clock). The store derives every message's status when it is
 * read, so nothing is written as messages move; this module only reports the changes as "status" events, from a
 * schedule of sends kept while someone listens, with one timer for the earliest change.
 */
export interface Lifecycle {
  /** The status delays in use. */
  readonly delays: Readonly<Delays>;
  /** A send was stored: its changes go on the schedule (when someone listens). */
  stored(rows: SendRows): void;
  /** Reports every change due by now; cheap when none is (reads call it before they answer). */
  tick(): void;
  /** Sets a message's status now, for good, and reports it; undefined for an unknown row. */
  setOutcome(rowId: number, status: number, err: number): Message | undefined;
  /** Stops the timer. */
  close(): void;
}

/** Creates the lifecycle over the store, on the store's clock and delays. */
export function createLifecycle(deps: { store: Store; events: EventHub<CoreEvents> }): Lifecycle {
  const { store, events } = deps;
  const { clock, delays } = store;
  const schedule = new Schedule<{ rows: SendRows; step: LifecycleStep }>();
  let active = false;
  let timer: NodeJS.Timeout | undefined;
  let closed = false;

  const plan = (rows: SendRows, after: number) => {
    const sentAt = rows.sendAt + delays.sentMs;
    const doneAt = sentAt + delays.deliveredMs;
    if (sentAt > after) schedule.push(sentAt, { rows, step: "sent" });
    if (doneAt > after) schedule.push(doneAt, { rows, step: "done" });
  };

  function arm(): void {
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (closed || !active || schedule.size === 0) return;
    timer = setTimeout(tick, Math.min(Math.max(0, schedule.next - clock()), 2 ** 31 - 1));
    timer.unref();
  }

  function tick(): void {
    if (closed || !active) return;
    const now = clock();
    if (schedule.next <= now) {
      for (const { item } of schedule.due(now))
        for (const m of store.rowsAfter(item.rows, item.step)) events.emit("status", () => m);
    }
    arm();
  }

  // Changes are reported while someone listens: from then on, for the sends still on their way and for every send
  // stored meanwhile (even one whose change is already due when it is stored).
  events.watch("status", (on) => {
    active = on;
    schedule.clear();
    if (on) {
      const now = clock();
      for (const rows of store.inFlight(now)) plan(rows, now);
    }
    arm();
  });

  return {
    delays,
    stored(rows) {
      if (!active) return;
      const before = schedule.next;
      plan(rows, Number.NEGATIVE_INFINITY);
      if (schedule.next < before) arm();
    },
    tick,
    setOutcome(rowId, status, err) {
      const m = store.setOutcome(rowId, status, err);
      if (m) events.emit("status", () => m);
      return m;
    },
    close() {
      closed = true;
      if (timer) clearTimeout(timer);
      timer = undefined;
    },
  };
}
