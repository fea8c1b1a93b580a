/** What a status read needs of a send besides its message row. */
export interface RecentSend {
  wireId: string;
  format: string;
  createdAt: number;
  sendAt: number;
  /** Its recipients are rows firstRow … firstRow + rows - 1. */
  firstRow: number;
  rows: number;
}

/** Sends remembered at most. */
const CAPACITY = 50_000;

/**
 * The latest committed send of each (account, wire id), for the most recent sends: status.php asks mostly about
 * those, and with the send known its message is one indexed row instead of a join. Only a hint: an entry always is
 * the newest send ever written under its key (each commit replaces it, and ids only grow), so a live message in its
 * rows is the answer; when there is none (deleted, pruned, reset), the caller reads the database as if there were
 * no entry. That is why nothing but a write changes it.
 */
export class RecentSends {
  // two generations, the newer searched first; when it is full the older is forgotten at once (deleting a Map's
  // oldest keys one by one leaves holes that every later look-up of its first key walks over)
  #current = new Map<string, RecentSend>();
  #previous = new Map<string, RecentSend>();

  /** Sends one generation holds. */
  readonly #half: number;

  constructor(capacity = CAPACITY) {
    this.#half = Math.max(1, Math.floor(capacity / 2));
  }

  /** Remembers a send that has just committed. */
  add(accountId: number, send: RecentSend): void {
    if (this.#current.size >= this.#half) {
      this.#previous = this.#current;
      this.#current = new Map();
    }
    this.#current.set(`${accountId}:${send.wireId}`, send);
  }

  /** The latest send of an account under a wire id, if it is remembered. */
  get(accountId: number, wireId: string): RecentSend | undefined {
    const key = `${accountId}:${wireId}`;
    return this.#current.get(key) ?? this.#previous.get(key);
  }
}
