import type { Logger } from "./logger.js";

/**
 * A small typed event hub whose `on` returns the unsubscribe function. Payloads are built lazily: `emit` takes a
 * function and calls it only when the event has listeners, so nobody pays for an event nobody listens to.
 * Listener errors are logged, not thrown.
 */
export class EventHub<Events extends object> {
  readonly #listeners = new Map<keyof Events, Set<(payload: never) => void>>();
  readonly #watchers = new Map<keyof Events, (active: boolean) => void>();

  constructor(private readonly logger: Logger) {}

  /** Calls `fn(true)` when an event gets its first listener and `fn(false)` when it loses its last. */
  watch(event: keyof Events, fn: (active: boolean) => void): void {
    this.#watchers.set(event, fn);
  }

  /** Subscribes to an event; call the returned function to unsubscribe. */
  on<K extends keyof Events>(event: K, fn: (payload: Events[K]) => void): () => void {
    let set = this.#listeners.get(event);
    if (!set) {
      set = new Set();
      this.#listeners.set(event, set);
    }
    const listener = fn as (payload: never) => void;
    const first = set.size === 0 && !set.has(listener);
    set.add(listener);
    if (first) this.#watchers.get(event)?.(true);
    return () => {
      if (set.delete(listener) && set.size === 0) this.#watchers.get(event)?.(false);
    };
  }

  /** Whether an event has listeners. */
  has(event: keyof Events): boolean {
    return (this.#listeners.get(event)?.size ?? 0) > 0;
  }

  /** Calls every listener of an event with the payload `make` builds (not called when nobody listens). */
  emit<K extends keyof Events>(event: K, make: () => Events[K]): void {
    const set = this.#listeners.get(event);
    if (!set || set.size === 0) return;
    const payload = make();
    for (const fn of set) {
      try {
        (fn as (p: Events[K]) => void)(payload);
      } catch (err) {
        this.logger.error(`listener of "${String(event)}" failed`, err);
      }
    }
  }
}
