import { describe, expect, it } from "vitest";
import { normalizePhone } from "../protocol/index.js";
import { ipGroup, limitsProblem, scopeOf, startCounters } from "./limits.js";

describe("limits", () => {
  it("groups IPv6 by /64 and IPv4-mapped addresses as IPv4", () => {
    expect(ipGroup("2001:db8:1:2::1")).toBe("2001:db8:1:2::/64");
    expect(ipGroup("2001:0DB8:0001:0002:aaaa:bbbb:cccc:dddd")).toBe("2001:db8:1:2::/64");
    expect(ipGroup("[2001:db8::1]")).toBe("2001:db8:0:0::/64");
    expect(ipGroup("fe80::1%eth0")).toBe("fe80:0:0:0::/64");
    expect(ipGroup("::ffff:203.0.113.7")).toBe("203.0.113.7");
    expect(ipGroup("203.0.113.7")).toBe("203.0.113.7");
  });

  it("takes the cooldown, phone, IP, country and range counters of a send", () => {
    const phone = normalizePhone("+77011234567");
    const counters = startCounters(
      phone,
      "10.1.2.3",
      { country: { KZ: { limit: 100, windowMs: 60_000 } } },
      30_000,
    );
    expect(counters).toEqual([
      { key: "cd:77011234567", limit: 1, windowMs: 30_000 },
      { key: "p:3600000:77011234567", limit: 5, windowMs: 3_600_000 },
      { key: "p:86400000:77011234567", limit: 10, windowMs: 86_400_000 },
      { key: "i:3600000:10.1.2.3", limit: 20, windowMs: 3_600_000 },
      { key: "c:60000:KZ", limit: 100, windowMs: 60_000 },
      { key: "x:3600000:7701123", limit: 20, windowMs: 3_600_000 },
    ]);
    expect(counters.map((c) => scopeOf(c.key))).toEqual([
      "cooldown",
      "phone",
      "phone",
      "ip",
      "country",
      "prefix",
    ]);
    expect(startCounters(phone, undefined, { phone: false, prefix: false }, 0)).toEqual([]);
  });

  it("counts numbers of no known country under '?', never under '*'", () => {
    const uk = normalizePhone("+447911123456");
    const c = (country: Record<string, { limit: number; windowMs: number }>) =>
      startCounters(uk, undefined, { phone: false, prefix: false, country }, 0);
    expect(c({ "*": { limit: 1, windowMs: 1 } })).toEqual([]);
    expect(c({ "?": { limit: 1, windowMs: 1 } })).toEqual([{ key: "c:1:?", limit: 1, windowMs: 1 }]);
  });

  it("refuses limits that are not positive integers", () => {
    expect(limitsProblem({ phone: { limit: 0, windowMs: 1 } })?.[0]).toBe("limits.phone");
    expect(limitsProblem({ ip: [{ limit: 1, windowMs: 1.5 }] })?.[0]).toBe("limits.ip");
    expect(limitsProblem({ country: { KZ: { limit: -1, windowMs: 1 } } })?.[0]).toBe("limits.country.KZ");
    expect(limitsProblem({ prefix: { digits: 0, limit: 1, windowMs: 1 } })?.[0]).toBe("limits.prefix");
    expect(limitsProblem({})).toBeUndefined();
  });
});
