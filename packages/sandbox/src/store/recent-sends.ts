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

/** A recipient as its row was written: what a state read needs of it besides its send. */
export interface RecentRecipient {
  phone: string;
  /** The status it ends in, when not 1 (NULL in the row). */
  finalStatus?: number;
  /** The error that goes with finalStatus (NULL in the row when 0). */
  finalErr?: number;
}

/** A recipient row found in memory: its row id and what was written. */
export interface HeldRow {
  rowId: number;
  recipient: RecentRecipient;
}

/** Sends remembered at most. */
const CAPACITY = 50_000;

/**
 * Recipients held in memory per generation, at most (about 40 bytes each: a phone and its place), and per send (a
 * longer list is not scanned).
 */
const HELD_ROWS = 250_000;
const HELD_PER_SEND = 256;

interface Entry {
  send: RecentSend;
  /** Its recipients' phones in row order, when held; valid only in the generation they were added in. */
  phones?: readonly string[];
  /** The few recipients written with a final status or error (magic numbers), by their place. */
  finals?: ReadonlyMap<number, RecentRecipient>;
  generation: number;
}

/**
 * The latest committed send of each (account, wire id), for the most recent sends: status.php asks mostly about
 * those, and with the send known its message is one indexed row instead of a join. Only a hint: an entry always is
 * the newest send ever written under its key (each commit replaces it, and ids only grow), so a live message in its
 * rows is the answer; when there is none (deleted, pruned, reset), the caller reads the database as if there were
 * no entry. That is why nothing but a write changes it.
 *
 * The newer generation's small sends also keep their recipients as written, so that a status read of one of them
 * needs no database at all. A row changed since (an outcome set, a delete, pruning, a reset: the store reports every
 * UPDATE and DELETE of `messages` through `changed`) is no longer answered from memory.
 */
export class RecentSends {
  // two generations, the newer searched first; when it is full the older is forgotten at once (deleting a Map's
  // oldest keys one by one leaves holes that every later look-up of its first key walks over)
  #current = new Map<string, Entry>();
  #previous = new Map<string, Entry>();
  #generation = 0;
  /** Recipients held by the current generation. */
  #held = 0;
  /** The first row the current generation holds; a change below it concerns nothing held. */
  #firstHeld = Number.POSITIVE_INFINITY;
  /** Rows at or above #firstHeld changed since they were written. */
  #changed = new Set<number>();

  /** Sends one generation holds. */
  readonly #half: number;
  readonly #heldRows: number;

  constructor(capacity = CAPACITY, heldRows = HELD_ROWS) {
    this.#half = Math.max(1, Math.floor(capacity / 2));
    this.#heldRows = heldRows;
  }

  /** Remembers a send that has just committed, with its recipients as written (in row order) when given. */
  add(accountId: number, send: RecentSend, recipients?: readonly RecentRecipient[]): void {
    if (this.#current.size >= this.#half) {
      this.#previous = this.#current;
      this.#current = new Map();
      // what the older generation held is no longer read, so the changes to its rows need not be known either
      this.#generation++;
      this.#held = 0;
      this.#firstHeld = Number.POSITIVE_INFINITY;
      this.#changed.clear();
    }
    const entry: Entry = { send, generation: this.#generation };
    const n = recipients?.length ?? 0;
    if (recipients && n <= HELD_PER_SEND && this.#held + n <= this.#heldRows) {
      // the phones only: the recipients' texts and the rest are not kept alive for this
      const phones = new Array<string>(n);
      let finals: Map<number, RecentRecipient> | undefined;
      for (let i = 0; i < n; i++) {
        const r = recipients[i]!;
        phones[i] = r.phone;
        if (r.finalStatus === undefined && !r.finalErr) continue;
        finals ??= new Map();
        finals.set(i, r);
      }
      entry.phones = phones;
      if (finals) entry.finals = finals;
      this.#held += n;
      if (send.firstRow < this.#firstHeld) this.#firstHeld = send.firstRow;
    }
    this.#current.set(`${accountId}:${send.wireId}`, entry);
  }

  /** The latest send of an account under a wire id, if it is remembered. */
  get(accountId: number, wireId: string): RecentSend | undefined {
    return this.#entry(accountId, wireId)?.send;
  }

  /**
   * The row a state read of this send would find, from memory: its latest recipient with `phone` (its latest one
   * without), as written. Undefined when that is not known here (recipients not held, that row changed since, no
   * such phone): the database has the answer then.
   */
  row(accountId: number, wireId: string, phone?: string): HeldRow | undefined {
    const e = this.#entry(accountId, wireId);
    const phones = e?.phones;
    if (!phones || e.generation !== this.#generation) return undefined;
    for (let i = phones.length - 1; i >= 0; i--) {
      if (phone !== undefined && phones[i] !== phone) continue;
      const rowId = e.send.firstRow + i;
      if (this.#changed.has(rowId)) return undefined;
      return { rowId, recipient: e.finals?.get(i) ?? { phone: phones[i]! } };
    }
    return undefined;
  }

  /** A stored message row was updated or deleted. */
  changed(rowId: number): void {
    if (rowId >= this.#firstHeld) this.#changed.add(rowId);
  }

  #entry(accountId: number, wireId: string): Entry | undefined {
    const key = `${accountId}:${wireId}`;
    return this.#current.get(key) ?? this.#previous.get(key);
  }
}
