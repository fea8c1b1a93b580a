import type { VerifyEvents } from "./types.js";

/** A listener of one event. */
export type Listener<E extends keyof VerifyEvents> = (event: VerifyEvents[E]) => void;

/** A small typed emitter. A listener's throw is swallowed: metrics never change a verification's outcome. */
export class VerifyEmitter {
  readonly #listeners = new Map<keyof VerifyEvents, Set<(e: never) => void>>();

  /** Subscribes; returns the function that unsubscribes. */
  on<E extends keyof VerifyEvents>(name: E, listener: Listener<E>): () => void {
    const set = this.#listeners.get(name) ?? new Set();
    this.#listeners.set(name, set);
    set.add(listener as (e: never) => void);
    return () => set.delete(listener as (e: never) => void);
  }

  /** Calls every listener of the event with it. */
  emit<E extends keyof VerifyEvents>(name: E, event: VerifyEvents[E]): void {
    for (const l of this.#listeners.get(name) ?? []) {
      try {
        (l as Listener<E>)(event);
      } catch {
        // a failing metrics hook must not fail a sign-in
      }
    }
  }
}
