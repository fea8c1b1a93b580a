import { describe, expect, it } from "vitest";
import { type RecentSend, RecentSends } from "./recent-sends.js";

const sent = (wireId: string, firstRow: number, rows = 1): RecentSend => ({
  wireId,
  format: "sms",
  createdAt: 1,
  sendAt: 1,
  firstRow,
  rows,
});
const to = (...phones: string[]) => phones.map((phone) => ({ phone }));

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

  it("holds the recipients of the newer half's small sends, and answers none of a row changed since", () => {
    const recent = new RecentSends(4, 5);
    recent.add(1, sent("a", 10, 3), to("1", "2", "1"));
    // the latest recipient with the phone, or the latest at all
    expect(recent.row(1, "a", "1")).toEqual({ rowId: 12, recipient: { phone: "1" } });
    expect(recent.row(1, "a", "2")?.rowId).toBe(11);
    expect(recent.row(1, "a")?.rowId).toBe(12);
    expect(recent.row(1, "a", "3")).toBeUndefined();
    expect(recent.row(2, "a")).toBeUndefined();
    // a changed row is the database's to answer; a change below every held row concerns nothing held
    recent.changed(9);
    expect(recent.row(1, "a", "1")?.rowId).toBe(12);
    recent.changed(12);
    expect(recent.row(1, "a", "1")).toBeUndefined();
    expect(recent.row(1, "a", "2")?.rowId).toBe(11);
    // beyond the rows a generation holds, a send is remembered without its recipients
    recent.add(1, sent("b", 13, 3), to("4", "5", "6"));
    expect(recent.get(1, "b")?.firstRow).toBe(13);
    expect(recent.row(1, "b", "4")).toBeUndefined();
    // once the half rotates, the older sends' recipients are no longer read
    recent.add(1, sent("c", 16), to("7"));
    expect(recent.row(1, "c", "7")?.rowId).toBe(16);
    expect(recent.get(1, "a")?.firstRow).toBe(10);
    expect(recent.row(1, "a", "2")).toBeUndefined();
  });

  it("does not hold the recipients of a long send (a look-up scans them)", () => {
    const recent = new RecentSends();
    const phones = Array.from({ length: 300 }, (_, i) => String(i));
    recent.add(1, sent("big", 1, 300), to(...phones));
    expect(recent.get(1, "big")?.rows).toBe(300);
    expect(recent.row(1, "big", "5")).toBeUndefined();
  });
});
