import { describe, expect, it } from "vitest";
import { estimate } from "../protocol/index.js";
import { renderText, TEMPLATES, templateProblem } from "./templates.js";

describe("renderText", () => {
  it("puts the app hash on its own line and @domain #code last", () => {
    expect(renderText("123456", { locale: "en", appHash: "FA+9qCX9VSu", domain: "example.com" }, 10)).toBe(
      "Your code: 123456. Do not share it.\nFA+9qCX9VSu\n@example.com #123456",
    );
    expect(renderText("1234", {}, 10)).toBe("Код: 1234. Никому не сообщайте.");
    expect(renderText("1234", { locale: "en" }, 10, "kk")).toBe("Код: 1234. Ешкімге айтпаңыз.");
  });

  it("takes replacement texts with {code} and {minutes}", () => {
    const o = { locale: "en" as const, templates: { en: "{code} is your MyApp code, valid {minutes} min" } };
    expect(renderText("9876", o, 5)).toBe("9876 is your MyApp code, valid 5 min");
  });

  it("keeps every built-in text one SMS part with a 6-digit code at the documented limits", () => {
    for (const locale of Object.keys(TEMPLATES) as Array<keyof typeof TEMPLATES>) {
      const withHash = renderText(
        "123456",
        { locale, appHash: "FA+9qCX9VSu", domain: "a".repeat(11) + ".com" },
        10,
      );
      expect(estimate(withHash).parts, withHash).toHaveLength(1);
      const noHash = renderText("123456", { locale, domain: "a".repeat(23) + ".com" }, 10);
      expect(estimate(noHash).parts, noHash).toHaveLength(1);
    }
  });

  it("refuses templates without {code}, bad app hashes and bad domains", () => {
    expect(templateProblem({ templates: { ru: "no code here" } })?.[0]).toBe("templates.ru");
    expect(templateProblem({ templates: { de: "{code}" } as never })?.[0]).toBe("templates.de");
    expect(templateProblem({ appHash: "short" })?.[0]).toBe("appHash");
    expect(templateProblem({ domain: "Example.com/path" })?.[0]).toBe("domain");
    expect(templateProblem({ locale: "fr" as never })?.[0]).toBe("locale");
    expect(templateProblem({ appHash: "FA+9qCX9VSu", domain: "login.example.kz" })).toBeUndefined();
  });
});
