import { describe, expect, it } from "vitest";
import { createTurnBudget } from "./turn-budget.js";

/** A clock the test moves by hand. */
function manualClock() {
  let t = 1000;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

describe("createTurnBudget", () => {
  it("never holds up a task inside its grace, however spent the turn is", () => {
    const clock = manualClock();
    const budget = createTurnBudget({ budgetMs: 10, graceMs: 1, now: clock.now });
    const long = budget.task();
    clock.advance(2);
    expect(long()).toBeUndefined(); // starts the turn
    clock.advance(50);
    expect(long()).toBeInstanceOf(Promise);
    const small = budget.task();
    clock.advance(0.5);
    expect(small()).toBeUndefined();
  });

  it("lets a long task run until the turn has used its budget, then resumes it on a later turn", async () => {
    const clock = manualClock();
    const budget = createTurnBudget({ budgetMs: 10, graceMs: 1, now: clock.now });
    const pause = budget.task();
    clock.advance(5);
    expect(pause()).toBeUndefined(); // past its grace: the turn starts here
    clock.advance(9);
    expect(pause()).toBeUndefined();
    clock.advance(2);
    const waiting = pause();
    expect(waiting).toBeInstanceOf(Promise);
    let resumed = false;
    void waiting!.then(() => {
      resumed = true;
    });
    await nextTurn();
    await nextTurn();
    expect(resumed).toBe(true);
    // the resumed task has a fresh grace and a fresh turn
    clock.advance(0.5);
    expect(pause()).toBeUndefined();
  });

  it("resumes waiting tasks only while the new turn has time left", async () => {
    const clock = manualClock();
    const budget = createTurnBudget({ budgetMs: 10, graceMs: 0, now: clock.now });
    const order: number[] = [];
    const tasks = [0, 1, 2].map(() => budget.task());
    clock.advance(1);
    expect(tasks[0]!()).toBeUndefined();
    clock.advance(20);
    const waits = tasks.map((p, i) =>
      p()!.then(() => {
        order.push(i);
        // each resumed task works 6 ms: after two, the turn of 10 ms is spent
        clock.advance(6);
      }),
    );
    await nextTurn();
    expect(order).toEqual([0, 1]);
    await nextTurn();
    expect(order).toEqual([0, 1, 2]);
    await Promise.all(waits);
  });

  it("counts a transaction that does not pause (begin) against the turn", () => {
    const clock = manualClock();
    const budget = createTurnBudget({ budgetMs: 10, graceMs: 1, now: clock.now });
    const pause = budget.task();
    budget.begin();
    clock.advance(30); // the batch
    expect(pause()).toBeInstanceOf(Promise);
  });

  it("runs `later` work on a turn with time left", async () => {
    const clock = manualClock();
    const budget = createTurnBudget({ budgetMs: 10, now: clock.now });
    let ran = 0;
    budget.later(() => ran++);
    expect(ran).toBe(0);
    await nextTurn();
    expect(ran).toBe(1);
  });
});
