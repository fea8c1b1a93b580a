import type { Store } from "../store/store.js";
import type { EventHub } from "./events.js";
import type { CoreEvents, Message } from "./types.js";

/** Default status delays in ms: -1 → 0 after `sentMs` (counted from the delivery time), 0 → final `deliveredMs` later. */
export const DEFAULT_DELAYS = { sentMs: 500, deliveredMs: 1500 } as const;

/** The status lifecycle: -1 → 0 → final on the core's clock, one timer for the earliest change. */
export interface Lifecycle {
  /** The status delays in use. */
  readonly delays: { sentMs: number; deliveredMs: number };
  /** A stored message's first change is due at `at` (ms). */
  scheduled(at: number): void;
  /** Applies every change that is due by the clock; cheap when nothing is (reads call it before they look). */
  tick(): void;
  /** Moves a message to a status now, for good; undefined for an unknown row. */
  setOutcome(rowId: number, status: number, err: number): Message | undefined;
  /** Stops the timer. */
  close(): void;
}

/** Creates the lifecycle over the store; it emits "status" for every change, when someone listens. */
export function createLifecycle(deps: {
  store: Store;
  clock: () => number;
  events: EventHub<CoreEvents>;
  delays?: { sentMs?: number; deliveredMs?: number };
}): Lifecycle {
  const { store, clock, events } = deps;
  const delays = {
    sentMs: deps.delays?.sentMs ?? DEFAULT_DELAYS.sentMs,
    deliveredMs: deps.delays?.deliveredMs ?? DEFAULT_DELAYS.deliveredMs,
  };
  let dueAt = store.nextDueAt() ?? Number.POSITIVE_INFINITY;
  let timer: NodeJS.Timeout | undefined;
  let timerAt = Number.POSITIVE_INFINITY;
  let closed = false;

  function arm(): void {
    if (closed || dueAt >= timerAt) return;
    if (timer) clearTimeout(timer);
    timerAt = dueAt;
    if (!Number.isFinite(dueAt)) return;
    timer = setTimeout(
      () => {
        timer = undefined;
        timerAt = Number.POSITIVE_INFINITY;
        tick();
        arm();
      },
      Math.min(Math.max(0, dueAt - clock()), 2 ** 31 - 1),
    );
    timer.unref();
  }

  function tick(): void {
    if (closed) return;
    const now = clock();
    if (now < dueAt) return;
    const changed = store.advance(now, delays.deliveredMs, events.has("status"));
    for (const m of changed) events.emit("status", () => m);
    dueAt = store.nextDueAt() ?? Number.POSITIVE_INFINITY;
    arm();
  }

  arm();
  return {
    delays,
    scheduled(at) {
      if (at >= dueAt) return;
      dueAt = at;
      arm();
    },
    tick,
    setOutcome(rowId, status, err) {
      const m = store.setOutcome(rowId, status, err, clock());
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
