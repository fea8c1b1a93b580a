import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { encodeForm } from "../protocol/index.js";
import { hideSecrets, Redactor } from "./redact.js";

describe("Redactor", () => {
  const secret = "Pa ss/é&=+";
  const r = new Redactor([secret, undefined], ["windows-1251"]);

  it("masks a secret in every form it takes on the way out", () => {
    const forms = [
      secret,
      encodeURIComponent(secret),
      encodeForm([["x", secret]], "utf-8").slice(2),
      encodeForm([["x", secret]], "utf-8")
        .slice(2)
        .replace(/%[0-9A-F]{2}/g, (h) => h.toLowerCase()),
      Buffer.from(secret).toString("base64"),
      JSON.stringify(secret).slice(1, -1),
      "Pa ss/é&amp;=+",
    ];
    for (const f of forms) expect(r.text(`before ${f} after`)).toBe("before *** after");
  });

  it("masks psw= and apikey= fields and JSON keys whatever their value", () => {
    const short = new Redactor(["abc"]);
    expect(short.text("login=me&psw=abc&fmt=3")).toBe("login=me&psw=***&fmt=3");
    expect(short.text('{"apikey":"x\\"y","n":1}')).toBe('{"apikey":"***","n":1}');
    // a short secret is not hunted through free text
    expect(short.text("abc and abc")).toBe("abc and abc");
  });

  it("keeps a clean cause as it is, and copies a leaking one with its name and code", () => {
    const clean = new TypeError("fetch failed", {
      cause: Object.assign(new Error("reset"), { code: "ECONNRESET" }),
    });
    expect(r.error(clean)).toBe(clean);
    const leaking = new TypeError("fetch failed", {
      cause: Object.assign(new Error(`sent psw=${encodeURIComponent(secret)}`), { code: "E_X" }),
    });
    const copy = r.error(leaking) as Error & { cause: Error & { code: string } };
    expect(copy).not.toBe(leaking);
    expect([copy.name, copy.message, copy.cause.code, copy.cause.message]).toEqual([
      "TypeError",
      "fetch failed",
      "E_X",
      "sent psw=***",
    ]);
    expect(inspect(copy, { depth: 5 })).not.toContain(encodeURIComponent(secret));
  });
});

describe("hideSecrets", () => {
  it("shows the named properties as *** to inspect and JSON, and the value to code", () => {
    const o = hideSecrets({ user: "me", password: "hunter22" }, ["password"]);
    expect(o.password).toBe("hunter22");
    expect(JSON.stringify(o)).toBe('{"user":"me","password":"***"}');
    expect(inspect(o)).toBe("{ user: 'me', password: '***' }");
  });
});
