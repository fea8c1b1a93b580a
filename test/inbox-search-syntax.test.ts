// The inbox's search syntax (docs/inbox.md "Search"): the page's own module, run in Node. The browser tests drive
// the same module through the search box.

import { MESSAGE_FORMATS } from "smsc/protocol";
import { describe, expect, it } from "vitest";

interface Parsed {
  filter: Record<string, string>;
  errors: string[];
  outgoingOnly: boolean;
}
interface SyntaxModule {
  parseQuery(text: string, formats: string[]): Parsed;
  setToken(text: string, key: string, value: string): string;
  tokenValue(text: string, key: string): string;
  incomingMatches(m: { login: string; phone: string; text: string }, parsed: Parsed): boolean;
}

const path = "../packages/sandbox/src/inbox/public/search-syntax.js";
const syntax = (await import(path)) as SyntaxModule;
const FORMATS = Object.keys(MESSAGE_FORMATS);
const parse = (q: string) => syntax.parseQuery(q, FORMATS);

describe("parseQuery", () => {
  it("reads every key into the API's filter and keeps the rest as free text", () => {
    expect(parse("status:failed format:flash from:Shop to:7701 origin:smpp login:demo your code")).toEqual({
      filter: {
        status: "3,20,22,23,24,25",
        format: "flash",
        sender: "Shop",
        phoneContains: "7701",
        origin: "smpp",
        login: "demo",
        q: "your code",
      },
      errors: [],
      outgoingOnly: true,
    });
  });

  it("takes quoted values and phrases, comma lists, codes, aliases and any case", () => {
    expect(parse('from:"My Shop" "two  words" STATUS:Delivered,20 Format:VOICE,viber').filter).toEqual({
      sender: "My Shop",
      q: "two  words",
      status: "1,2,4,20",
      format: "call,viber",
    });
    expect(parse("account:shop phone:+77011234567").filter).toEqual({
      login: "shop",
      phoneContains: "+77011234567",
    });
  });

  it("leaves unknown keys and colons in words as text", () => {
    expect(parse("code:4821 12:30").filter).toEqual({ q: "code:4821 12:30" });
    expect(parse("+7 701 765").filter).toEqual({ q: "+7 701 765" });
    expect(parse("").filter).toEqual({});
  });

  it("explains bad values and leaves them out of the filter", () => {
    const p = parse("format:fax status:lost origin:pigeon from: text");
    expect(p.filter).toEqual({ q: "text" });
    expect(p.errors).toEqual([
      `format:fax is not a format (${FORMATS.join(", ")})`,
      "status:lost is not a status (failed, delivered, pending, stopped, sent, read, clicked, expired or a code)",
      "origin:pigeon is not an origin (http, smtp, smpp, rest, soap, oms)",
      "from: needs a value",
    ]);
  });
});

describe("setToken and tokenValue", () => {
  it("replace one key (and its synonyms) and keep the rest as typed", () => {
    expect(syntax.setToken("status:failed hello", "format", "flash")).toBe(
      "status:failed hello format:flash",
    );
    expect(syntax.setToken("account:demo hello login:x", "login", "shop")).toBe("hello login:shop");
    expect(syntax.setToken("status:failed hello", "status", "")).toBe("hello");
    expect(syntax.setToken("", "from", "My Shop")).toBe('from:"My Shop"');
    expect(syntax.tokenValue('x from:"My Shop"', "sender")).toBe("My Shop");
    expect(syntax.tokenValue("status:1 status:failed", "status")).toBe("failed");
    expect(syntax.tokenValue("hello", "status")).toBe("");
  });
});

describe("incomingMatches", () => {
  const sms = { login: "demo", phone: "77011234567", text: "Thanks, STOP" };
  it("matches incoming SMS as the server matches sent ones", () => {
    expect(syntax.incomingMatches(sms, parse(""))).toBe(true);
    expect(syntax.incomingMatches(sms, parse("stop"))).toBe(true);
    expect(syntax.incomingMatches(sms, parse("+7 701 123"))).toBe(true);
    expect(syntax.incomingMatches(sms, parse("to:+7 (701)"))).toBe(true);
    expect(syntax.incomingMatches(sms, parse("to:7702"))).toBe(false);
    expect(syntax.incomingMatches(sms, parse("login:shop"))).toBe(false);
    expect(syntax.incomingMatches(sms, parse("hello"))).toBe(false);
    // keys only sent messages have leave incoming SMS out
    expect(syntax.incomingMatches(sms, parse("status:delivered"))).toBe(false);
    expect(syntax.incomingMatches(sms, parse("from:ACME"))).toBe(false);
  });
});
