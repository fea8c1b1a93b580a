import { describe, expect, it } from "vitest";
import { createGroupCommit } from "./group-commit.js";

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** A group commit over a write that records each batch. */
function recording(gather?: number) {
  const batches: string[][] = [];
  const commits = createGroupCommit<string, string>({
    write: (batch) => {
      batches.push(batch);
      return batch.map((w) => `${w} done`);
    },
    ...(gather !== undefined ? { gather } : {}),
  });
  return { batches, commits };
}

describe("group commit", () => {
  it("commits the writes of one turn together, on its check phase", async () => {
    const { batches, commits } = recording();
    const done = Promise.all([commits.submit("a"), commits.submit("b")]);
    await nextTurn();
    expect(batches).toEqual([["a", "b"]]);
    expect(await done).toEqual(["a done", "b done"]);
  });

  it("with gather, lets a small batch wait one turn for the next writes, once", async () => {
    const { batches, commits } = recording(3);
    const a = commits.submit("a");
    await nextTurn();
    // "a" alone weighs less than 3: it waited, and "b" of the next turn joins it
    expect(batches).toEqual([]);
    const b = commits.submit("b");
    await nextTurn();
    expect(batches).toEqual([["a", "b"]]);
    expect(await Promise.all([a, b])).toEqual(["a done", "b done"]);
    // it waits one turn only, even when nothing more comes
    const c = commits.submit("c");
    await nextTurn();
    await nextTurn();
    expect(batches).toEqual([["a", "b"], ["c"]]);
    expect(await c).toBe("c done");
  });

  it("with gather, commits a batch heavy enough at once, and flush commits without waiting", async () => {
    const { batches, commits } = recording(2);
    const ab = Promise.all([commits.submit("a"), commits.submit("b")]);
    await nextTurn();
    expect(batches).toEqual([["a", "b"]]);
    await ab;
    const c = commits.submit("c");
    commits.flush();
    expect(batches).toEqual([["a", "b"], ["c"]]);
    expect(commits.pending).toBe(0);
    expect(await c).toBe("c done");
  });
});
