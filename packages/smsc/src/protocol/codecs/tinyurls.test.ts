import { describe, expect, it } from "vitest";
import type { Fmt } from "../types.js";
import { encodeError } from "./error.js";
import { decodeTinyUrlStats, encodeTinyUrlStats } from "./tinyurls.js";

const FMTS: Fmt[] = [0, 1, 2, 3];
const stats = {
  id: "k3Xa9Q",
  cnt: 7,
  cntMon: 5,
  cntDay: 2,
  cntYes: 1,
  url: "http://127.0.0.1:8080/t/k3Xa9Q",
  link: "https://shop.example/a?x=1,2&y=3, then more",
};

describe("tinyurls.php codec", () => {
  it("writes the documented fields first, in every format", () => {
    expect(encodeTinyUrlStats(stats, 3)).toBe(
      '{"id":"k3Xa9Q","cnt":7,"cnt_mon":5,"cnt_day":2,"cnt_yes":1,"url":"http://127.0.0.1:8080/t/k3Xa9Q",' +
        '"link":"https://shop.example/a?x=1,2&y=3, then more"}',
    );
    expect(encodeTinyUrlStats(stats, 0)).toBe(
      "id = k3Xa9Q, cnt = 7, cnt_mon = 5, cnt_day = 2, cnt_yes = 1, url = http://127.0.0.1:8080/t/k3Xa9Q, " +
        "link = https://shop.example/a?x=1,2&y=3, then more",
    );
    expect(encodeTinyUrlStats(stats, 1)).toBe(
      "k3Xa9Q,7,5,2,1,http://127.0.0.1:8080/t/k3Xa9Q,https://shop.example/a?x=1,2&y=3, then more",
    );
    expect(encodeTinyUrlStats(stats, 2)).toMatch(
      /^<result>\n<id>k3Xa9Q<\/id>\n<cnt>7<\/cnt>\n<cnt_mon>5<\/cnt_mon>/,
    );
  });

  it("reads back every format (commas in the link included), and errors", () => {
    for (const fmt of FMTS) {
      expect(decodeTinyUrlStats(encodeTinyUrlStats(stats, fmt), fmt)).toEqual(stats);
      expect(decodeTinyUrlStats(encodeError({ error: "link not found", code: 3 }, fmt), fmt)).toMatchObject({
        code: 3,
      });
    }
  });

  it("reads a reply with only the documented fields and keeps unknown ones", () => {
    expect(
      decodeTinyUrlStats('{"id":"5","cnt":"3","cnt_mon":"3","cnt_day":"0","cnt_yes":"0","cnt_wk":2}', 3),
    ).toEqual({
      id: "5",
      cnt: 3,
      cntMon: 3,
      cntDay: 0,
      cntYes: 0,
      extra: { cnt_wk: 2 },
    });
    expect(decodeTinyUrlStats("5,3,3,0,0", 1)).toEqual({ id: "5", cnt: 3, cntMon: 3, cntDay: 0, cntYes: 0 });
    for (const fmt of FMTS) expect(decodeTinyUrlStats("nonsense", fmt)).toMatchObject({ code: 0 });
  });
});
