/** A pause point of one task: undefined to go on now, or a promise to await before going on. */
export type Pause = () => Promise<void> | undefined;

/** The event loop's time, shared by the tasks that slice their work. */
export interface TurnBudget {
  /**
   * The pause point of a new task (a request's parse, a send's plan). It never holds up a task that has run less
   * than `graceMs` since it started or last resumed, so a small request is answered at once however busy the loop
   * is; a longer task yields once the current turn has run `budgetMs`, and resumes on a later turn with time left.
   */
  task(): Pause;
  /** Runs `fn` on a later turn with time left (a reader that waits before it takes in more work). */
  later(fn: () => void): void;
  /** Work that does not pause (a group-commit transaction) starts now: the turn's time runs from here at the latest. */
  begin(): void;
  /** How long one turn of the event loop may run before long tasks yield, ms. */
  readonly budgetMs: number;
  /** Tasks (and `later` callbacks) waiting now for a turn with time left: long work is being sliced. */
  readonly waiting: number;
}

/** Options of createTurnBudget. */
export interface TurnBudgetOptions {
  /** How long a turn may run before long tasks yield, ms. @default 10 */
  budgetMs?: number;
  /** How long a task runs before it yields to anyone, ms. @default 1 */
  graceMs?: number;
  /** A monotonic clock in ms. @default performance.now */
  now?: () => number;
}

/**
 * Cooperative time slicing on the one event loop: the sandbox parses, plans and announces a big request in slices
 * and writes it in bounded transactions (group-commit.ts), so that other clients' requests (a balance.php while a
 * 10,000-recipient send is planned) are answered in between. A turn starts at the first pause point (or `begin`)
 * after the last turn ended; every task in it shares the budget, so two big requests at once do not get two.
 * Yielding is `setImmediate`: the check phase comes after the poll phase, where waiting sockets are read and new
 * requests start.
 */
export function createTurnBudget(options: TurnBudgetOptions = {}): TurnBudget {
  const budgetMs = options.budgetMs ?? 10;
  const graceMs = options.graceMs ?? 1;
  const now = options.now ?? (() => performance.now());
  let started = -1;
  const endTurn = () => {
    started = -1;
  };
  /** Whether the current turn has time left, starting a turn when none is running. */
  const within = (t: number) => {
    if (started < 0) {
      started = t;
      // the turn ends at the next check phase; this runs before any task that yields now resumes
      setImmediate(endTurn);
      return true;
    }
    return t - started < budgetMs;
  };
  // A task resumes only inside a turn with time left: a thousand tasks resumed in one check phase would otherwise
  // each do a slice of work before looking at the clock again.
  const wait = (resolve: () => void) =>
    setImmediate(() => {
      if (within(now())) resolve();
      else wait(resolve);
    });
  let waiting = 0;
  const park = (resolve: () => void) => {
    waiting++;
    wait(() => {
      waiting--;
      resolve();
    });
  };
  return {
    budgetMs,
    get waiting() {
      return waiting;
    },
    later: (fn) => park(fn),
    begin() {
      within(now());
    },
    task() {
      let since = now();
      return () => {
        const t = now();
        if (t - since < graceMs || within(t)) return undefined;
        return new Promise<void>(park).then(() => {
          since = now();
        });
      };
    },
  };
}

/** The sandbox's one budget: every request shares the same event loop. */
export const turnBudget: TurnBudget = createTurnBudget();
