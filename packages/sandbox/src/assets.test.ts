import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { assetDir, assetNames, readAsset } from "./assets.js";

describe("the sandbox's assets on disk (sources)", () => {
  it("lists the migrations in order and reads them", () => {
    const names = assetNames("migrations");
    expect(names[0]).toBe("0001_init.sql");
    expect(names).toEqual([...names].sort());
    expect(readAsset("migrations", "0001_init.sql")!.toString("utf8")).toMatch(/CREATE TABLE/i);
  });

  it("reads the inbox's files as they are on disk", () => {
    expect(assetDir("inbox")).toMatch(/inbox[\\/]public[\\/]?$/);
    expect(assetNames("inbox")).toEqual(expect.arrayContaining(["index.html", "app.js"]));
    expect(readAsset("inbox", "index.html")).toEqual(readFileSync(join(assetDir("inbox"), "index.html")));
  });

  it("answers undefined for a missing file and for any name that is not a plain file name", () => {
    expect(readAsset("inbox", "missing.js")).toBeUndefined();
    for (const name of ["../store/migrations/0001_init.sql", "..", ".", "/etc/passwd", "a/b.js", ""])
      expect(readAsset("inbox", name), name).toBeUndefined();
  });
});
