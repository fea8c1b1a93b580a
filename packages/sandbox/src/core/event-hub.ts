import type { Logger } from "./logger.js";

/** A tiny typed event emitter whose `on` returns the unsubscribe function. Listener errors are logged, not thrown. */
export class EventHub<Events extends object> {
  readonly #listeners = new Map<keyof Events, Set<(payload: never) => void>>();

  constructor(private readonly logger: Logger) {}

  /** Subscribes to an event; call the returned function to unsubscribe. */
  on<K extends keyof Events>(event: K, fn: (payload: Events[K]) => void): () => void {
    let set = this.#listeners.get(event);
    if (!set) {
      set = new Set();
      this.#listeners.set(event, set);
    }
    set.add(fn as (payload: never) => void);
    return () => {
      set.delete(fn as (payload: never) => void);
    };
  }

  /** Calls every listener of an event with the payload. */
  emit<K extends keyof Events>(event: K, payload: Events[K]): void {
    for (const fn of this.#listeners.get(event) ?? []) {
      try {
        (fn as (p: Events[K]) => void)(payload);
      } catch (err) {
        this.logger.error(`listener of "${String(event)}" failed`, err);
      }
    }
  }
}
