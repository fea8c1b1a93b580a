import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FORMAT_BY_INDEX } from "../message-formats.js";
import {
  decodeMailBody,
  encodeMailBody,
  MailBodyError,
  mailBodyToRequest,
  mailHost,
  mailRecipient,
  unwrapTextTags,
} from "./index.js";

describe("addresses", () => {
  it("sends to send@send.<domain>", () => {
    expect(mailRecipient("smsc.kz")).toBe("send@send.smsc.kz");
    expect(mailHost("smscentre.com")).toBe("send.smscentre.com");
  });
});

describe("decodeMailBody", () => {
  it("reads the documented long form", () => {
    expect(
      decodeMailBody("alice:secret:42:0101261200,2:1,1,Shop,1:77011234567,77021234567:Hi: there"),
    ).toEqual({
      login: "alice",
      psw: "secret",
      id: "42",
      time: "0101261200",
      tz: "2",
      translit: "1",
      format: "1",
      sender: "Shop",
      test: "1",
      phones: "77011234567,77021234567",
      mes: "Hi: there",
      list: "",
      form: "long",
    });
  });

  it("reads the libraries' short form (PHP writes 0 for absent id and time)", () => {
    const b = decodeMailBody("alice:secret:0:0:0,0,:77011234567:Привет, мир\r\n");
    expect(b).toMatchObject({ id: "0", time: "0", tz: "", translit: "0", format: "0", sender: "", test: "" });
    expect(b.mes).toBe("Привет, мир");
    expect(b.form).toBe("short");
  });

  it("reads Perl's two-option short form and a Meteor-style letter", () => {
    expect(decodeMailBody("a:b:::0,0:7701:x")).toMatchObject({ translit: "0", format: "0", sender: "" });
    expect(decodeMailBody("a:b:::1,,,:77011234567:hello")).toMatchObject({ translit: "1", form: "long" });
  });

  it("reads the per-number form with a multi-line list", () => {
    const b = decodeMailBody("alice:secret:::0,0,,0::77011234567:one\n77021234567:two: more\n");
    expect(b.phones).toBe("");
    expect(b.mes).toBe("");
    expect(b.list).toBe("77011234567:one\n77021234567:two: more");
  });

  it("keeps a 'DD.MM.YY hh:mm' time whole despite its colon", () => {
    const b = decodeMailBody("a:b:1:24.12.26 18:30,-1:0,0,,0:7701:text");
    expect(b).toMatchObject({ time: "24.12.26 18:30", tz: "-1", phones: "7701", mes: "text", form: "long" });
    expect(decodeMailBody("a:b:1:24.12.2026 9:05:0,0,:7701:t")).toMatchObject({ time: "24.12.2026 9:05" });
  });

  it("reads an empty login as the API-key form", () => {
    const b = decodeMailBody(":KEY123:::0,0,,0:7701:hi");
    expect(mailBodyToRequest(b)).toEqual({
      credentials: { apikey: "KEY123" },
      params: { phones: "7701", mes: "hi", translit: "0" },
      test: false,
    });
  });

  it.each([
    ["", "login"],
    ["just a letter", "login"],
    ["a:b", "password"],
    ["a:b:c", "id"],
    ["a:b:c:d", "time"],
    ["a:b:c:d:e", "options"],
    ["a:b:c:d:0,0,:7701", "phones"],
    ["a:b:1:2,3:0,0,x,1,extra:7701:m", "options field has more"],
  ])("rejects %j naming the missing %s field", (text, field) => {
    expect(() => decodeMailBody(text)).toThrow(MailBodyError);
    expect(() => decodeMailBody(text)).toThrow(new RegExp(`\\b${field}\\b`));
  });

  it("never shows the password in an error", () => {
    expect(() => decodeMailBody("alice:hunter2:1")).toThrow(/^(?!.*hunter2)/);
  });
});

describe("mailBodyToRequest", () => {
  it("maps fields to send.php parameters and the format index to its flag", () => {
    const r = mailBodyToRequest(decodeMailBody("alice:pw:77:0101261200,2:1,5,Shop,0:7701;7702:AB"));
    expect(r).toEqual({
      credentials: { login: "alice", psw: "pw" },
      params: {
        phones: "7701;7702",
        mes: "AB",
        id: "77",
        time: "0101261200",
        tz: "2",
        translit: "1",
        sender: "Shop",
        bin: "2",
      },
      test: false,
    });
  });

  it("covers every library format index", () => {
    FORMAT_BY_INDEX.forEach((name, i) => {
      const r = mailBodyToRequest(decodeMailBody(`a:b:::0,${i},,1:7701:m`));
      if ("code" in r) throw new Error(r.reason);
      expect(r.test).toBe(true);
      const flags = Object.keys(r.params).filter((k) => !["phones", "mes", "translit"].includes(k));
      expect(flags).toEqual(name === "sms" ? [] : [name === "binHex" ? "bin" : name]);
    });
  });

  it("passes the list form as `list`", () => {
    const r = mailBodyToRequest(decodeMailBody("a:b:::0,0,,0::7701:x\n7702:y"));
    expect(r).toMatchObject({ params: { list: "7701:x\n7702:y" } });
    expect("phones" in (r as { params: object }).params).toBe(false);
  });

  it("rejects an unknown format index and a bad test flag with code 1", () => {
    expect(mailBodyToRequest(decodeMailBody("a:b:::0,12,,0:7701:m"))).toMatchObject({ code: 1 });
    expect(mailBodyToRequest(decodeMailBody("a:b:::0,x,,0:7701:m"))).toMatchObject({ code: 1 });
    expect(mailBodyToRequest(decodeMailBody("a:b:::0,0,,2:7701:m"))).toMatchObject({ code: 1 });
  });
});

describe("encodeMailBody", () => {
  it("writes the long form with tz and test", () => {
    expect(
      encodeMailBody({
        login: "alice",
        psw: "pw",
        phones: ["77011234567", "77021234567"],
        mes: "Код: 1234",
        id: 5,
        time: "0101261200",
        tz: 3,
        translit: 1,
        format: "flash",
        sender: "Shop",
        test: true,
      }),
    ).toBe("alice:pw:5:0101261200,3:1,1,Shop,1:77011234567,77021234567:Код: 1234");
  });

  it("writes the libraries' short form", () => {
    expect(encodeMailBody({ login: "a", psw: "b", phones: "7701", mes: "hi", format: 3 }, "short")).toBe(
      "a:b:::0,3,:7701:hi",
    );
    expect(() => encodeMailBody({ login: "a", psw: "b", phones: "7701", mes: "x", tz: 1 }, "short")).toThrow(
      RangeError,
    );
  });

  it("writes the API-key and per-number forms", () => {
    expect(encodeMailBody({ apikey: "K", list: "7701:a\n7702:b" })).toBe(":K::,:0,0,,0::7701:a\n7702:b");
  });

  it("refuses values that would break the layout, without showing them", () => {
    const base = { login: "a", psw: "b", phones: "7701", mes: "m" };
    expect(() => encodeMailBody({ ...base, psw: "se:cret" })).toThrow(/^psw must not contain ':'/);
    expect(() => encodeMailBody({ ...base, psw: "se:cret" })).not.toThrow(/se:cret/);
    expect(() => encodeMailBody({ ...base, sender: "A,B" })).toThrow(/sender/);
    expect(() => encodeMailBody({ ...base, time: "12:00" })).toThrow(/time/);
    expect(() => encodeMailBody({ ...base, format: "tg" })).toThrow(/library index/);
    expect(() => encodeMailBody({ ...base, login: "" })).toThrow(/login/);
    expect(() => encodeMailBody({ login: "a", psw: "b", mes: "m" })).toThrow(/phones/);
    expect(encodeMailBody({ ...base, time: "24.12.26 18:30" })).toBe("a:b::24.12.26 18:30,:0,0,,0:7701:m");
  });

  it("round-trips through decodeMailBody in both forms", () => {
    const safe = fc
      .string({ minLength: 1, maxLength: 12 })
      .filter((s) => !/[:,\r\n]/.test(s) && !/^\s/.test(s));
    fc.assert(
      fc.property(
        safe,
        safe,
        fc.string({ maxLength: 60 }).map((s) => s.replace(/[\r\n]+$/, "")),
        fc.integer({ min: 0, max: 11 }),
        fc.boolean(),
        fc.constantFrom<"long" | "short">("long", "short"),
        (login, psw, mes, format, test, form) => {
          const body = decodeMailBody(
            encodeMailBody(
              { login, psw, phones: "77011234567", mes, format, test: form === "long" && test },
              form,
            ),
          );
          expect(body).toMatchObject({ login: login.trim(), psw, mes, format: String(format), form });
          expect(body.test).toBe(form === "long" ? (test ? "1" : "0") : "");
        },
      ),
    );
  });
});

describe("unwrapTextTags", () => {
  it("takes the letter text out of [text]…[/text]", () => {
    expect(unwrapTextTags("<p>[text]a:b:::0,0,,0:7701:hi[/text]</p>")).toBe("a:b:::0,0,,0:7701:hi");
    expect(unwrapTextTags("a:b:::0,0,,0:7701:[text]multi\nline[/text]\n-- \nsig")).toBe(
      "a:b:::0,0,,0:7701:multi\nline",
    );
    expect(unwrapTextTags("no tags")).toBe("no tags");
  });
});
