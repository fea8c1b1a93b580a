import { type TurnBudget, turnBudget } from "./turn-budget.js";

/** Options of createGroupCommit. */
export interface GroupCommitOptions<W, R> {
  /** Writes a batch in one transaction and returns one result per write, in order; a throw fails the batch. */
  write(batch: W[]): R[];
  /** The size of one write (e.g. its rows), for `maxWeight`. @default 1 */
  weight?(write: W): number;
  /** A batch closes once its writes weigh this much; the rest go into the next one. @default 2000 */
  maxWeight?: number;
  /** The event loop's share a batch's transaction counts against. @default the sandbox's one turnBudget */
  budget?: TurnBudget;
  /**
   * A batch that weighs less than this when its turn comes waits one more turn for the writes on their way (the
   * next requests of the clients just answered), once. @default 0 (never waits)
   */
  gather?: number;
}

/** Writes queued for one transaction. */
export interface GroupCommit<W, R> {
  /** Queues a write; resolves with its result once the transaction holding it has committed. */
  submit(write: W): Promise<R>;
  /** Writes everything queued now, synchronously (before the database closes). */
  flush(): void;
  /** Writes queued and not committed yet. */
  readonly pending: number;
}

interface Queued<W, R> {
  write: W;
  resolve: (r: R) => void;
  reject: (e: unknown) => void;
}

/**
 * Group commit: writes submitted during one turn of the event loop (HTTP requests, SMTP letters, an SMPP window)
 * are committed together in one transaction on the next check phase (`setImmediate`), and each promise resolves
 * only after that commit. The caller answers its client after the promise resolves, so a kill -9 never loses a
 * write that was acknowledged. With `gather`, a small batch waits one turn more for the writes of the clients
 * answered just before, so that one commit serves more of them. A batch is bounded by `maxWeight`; what is left
 * waits for the next turn, so other clients' I/O gets in between two big batches.
 */
export function createGroupCommit<W, R>(options: GroupCommitOptions<W, R>): GroupCommit<W, R> {
  const weight = options.weight ?? (() => 1);
  const maxWeight = options.maxWeight ?? 2000;
  const budget = options.budget ?? turnBudget;
  const gather = options.gather ?? 0;
  let queue: Array<Queued<W, R>> = [];
  let scheduled: NodeJS.Immediate | undefined;
  /** Whether the batch at the head of the queue already waited a turn. */
  let waited = false;

  function writeOne(): void {
    // what runs after the commit in this turn (the replies) knows the turn is already spent
    budget.begin();
    let n = 0;
    let w = 0;
    while (n < queue.length && (n === 0 || w + weight(queue[n]!.write) <= maxWeight)) {
      w += weight(queue[n]!.write);
      n++;
    }
    const batch = queue.slice(0, n);
    queue = queue.slice(n);
    let results: R[];
    try {
      results = options.write(batch.map((b) => b.write));
    } catch (err) {
      for (const b of batch) b.reject(err);
      return;
    }
    for (const [i, b] of batch.entries()) b.resolve(results[i]!);
  }

  function onTurn(): void {
    scheduled = undefined;
    if (!waited && gather > 0 && queuedWeight() < gather) {
      waited = true;
      scheduled = setImmediate(onTurn);
      return;
    }
    waited = false;
    writeOne();
    if (queue.length > 0) scheduled = setImmediate(onTurn);
  }

  function queuedWeight(): number {
    let w = 0;
    for (let i = 0; i < queue.length && w < gather; i++) w += weight(queue[i]!.write);
    return w;
  }

  return {
    submit(write) {
      return new Promise<R>((resolve, reject) => {
        queue.push({ write, resolve, reject });
        scheduled ??= setImmediate(onTurn);
      });
    },
    flush() {
      if (scheduled) clearImmediate(scheduled);
      scheduled = undefined;
      waited = false;
      while (queue.length > 0) writeOne();
    },
    get pending() {
      return queue.length;
    },
  };
}
