import { describe, expect, it } from "vitest";
import type { Fmt } from "../types.js";
import { encodeError } from "./error.js";
import { decodeWaitCallReply, encodeWaitCallReply, textPairs } from "./wait-call.js";

const FMTS: Fmt[] = [0, 1, 2, 3];
const reply = { phone: "77009990002", allPhones: ["77009990001", "77009990002", "77009990003"] };

describe("wait_call.php codec", () => {
  it("writes the observed JSON shape and our text, number and XML layouts", () => {
    expect(encodeWaitCallReply(reply, 3)).toBe(
      '{"phone":"77009990002","all_phones":["77009990001","77009990002","77009990003"]}',
    );
    expect(encodeWaitCallReply(reply, 0)).toBe(
      "phone = 77009990002, all_phones = 77009990001,77009990002,77009990003",
    );
    expect(encodeWaitCallReply(reply, 1)).toBe("77009990002,77009990001,77009990002,77009990003");
    expect(encodeWaitCallReply(reply, 2)).toBe(
      "<result>\n<phone>77009990002</phone>\n<all_phones><item>77009990001</item><item>77009990002</item>" +
        "<item>77009990003</item></all_phones>\n</result>",
    );
  });

  it("reads back every format, and errors in every format", () => {
    for (const fmt of FMTS) {
      expect(decodeWaitCallReply(encodeWaitCallReply(reply, fmt), fmt)).toEqual(reply);
      expect(
        decodeWaitCallReply(encodeError({ error: "parameters error", code: 1 }, fmt), fmt),
      ).toMatchObject({
        code: 1,
      });
    }
  });

  it("keeps fields it does not know, takes numbers as JSON numbers, and a reply without all_phones", () => {
    expect(decodeWaitCallReply('{"phone":79001234567,"all_phones":[79001234567],"ttl":600}', 3)).toEqual({
      phone: "79001234567",
      allPhones: ["79001234567"],
      extra: { ttl: 600 },
    });
    expect(decodeWaitCallReply('{"phone":"79001234567"}', 3)).toEqual({
      phone: "79001234567",
      allPhones: ["79001234567"],
    });
    expect(decodeWaitCallReply("<result>\n<phone>7900</phone>\n<ttl>600</ttl>\n</result>", 2)).toEqual({
      phone: "7900",
      allPhones: ["7900"],
      extra: { ttl: "600" },
    });
  });

  it("reports a body that is neither a reply nor an error as code 0", () => {
    for (const fmt of FMTS) expect(decodeWaitCallReply("<html>oops</html>", fmt)).toMatchObject({ code: 0 });
  });

  it("reads key = value lines, with a last field that may hold commas", () => {
    expect([...textPairs("id = a, cnt = 2, link = http://x/?a=1, b = 2")]).toEqual([
      ["id", "a"],
      ["cnt", "2"],
      ["link", "http://x/?a=1"],
      ["b", "2"],
    ]);
    expect(Object.fromEntries(textPairs("id = a, cnt = 2, link = http://x/?a=1, b = 2", "link"))).toEqual({
      link: "http://x/?a=1, b = 2",
      id: "a",
      cnt: "2",
    });
  });
});
