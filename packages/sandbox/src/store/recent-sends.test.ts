import { describe, expect, it } from "vitest";
import { type RecentSend, RecentSends } from "./recent-sends.js";

const sent = (wireId: string, firstRow: number): RecentSend => ({
  wireId,
  format: "sms",
  createdAt: 1,
  sendAt: 1,
  firstRow,
  rows: 1,
});

describe("RecentSends", () => {
  it("keeps the latest send of each account and id, and forgets the older half when full", () => {
    const recent = new RecentSends(4);
    recent.add(1, sent("a", 1));
    recent.add(1, sent("b", 2));
    recent.add(1, sent("a", 3));
    expect(recent.get(1, "a")?.firstRow).toBe(3);
    expect(recent.get(2, "a")).toBeUndefined();
    // "a" again in the newer half shadows the older one; a half is forgotten whole, "b" with it
    recent.add(1, sent("c", 4));
    recent.add(1, sent("a", 5));
    expect(recent.get(1, "a")?.firstRow).toBe(5);
    recent.add(1, sent("d", 6));
    recent.add(1, sent("e", 7));
    expect(recent.get(1, "b")).toBeUndefined();
    expect(recent.get(1, "a")?.firstRow).toBe(5);
    expect(recent.get(1, "e")?.firstRow).toBe(7);
  });
});
