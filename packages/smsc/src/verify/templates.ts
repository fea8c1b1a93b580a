/**
 * Default texts of a code SMS. With a 6-character code, the Cyrillic ones (UCS-2, 70 characters a part) stay one
 * part with an app hash and a domain of up to 15 characters, or with a domain of up to 27 and no hash
 * (templates.test.ts). `{code}` is the code, `{minutes}` its time to live.
 */
export const TEMPLATES = {
  ru: "Код: {code}. Никому не сообщайте.",
  kk: "Код: {code}. Ешкімге айтпаңыз.",
  en: "Your code: {code}. Do not share it.",
} as const;

/** A language of the built-in templates. */
export type Locale = keyof typeof TEMPLATES;

/** How the code SMS reads. */
export interface TemplateOptions {
  /** Language of the text. @default "ru" */
  locale?: Locale;
  /** Replacement texts by language; each must contain `{code}`. @default TEMPLATES */
  templates?: Partial<Record<Locale, string>>;
  /**
   * The 11-character hash of an Android app (SMS Retriever API), added on a line of its own so that the app reads
   * the code without asking for SMS permission. @default none
   */
  appHash?: string;
  /**
   * The web origin's host for the `@host #code` last line (origin-bound one-time codes: WebOTP on Android Chrome,
   * autofill in iOS/macOS Safari), e.g. "example.com". @default none
   */
  domain?: string;
}

const APP_HASH = /^[A-Za-z0-9+/]{11}$/;
const HOST = /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/;

/** Why template options are unusable, as [option, problem], or undefined. */
export function templateProblem(o: TemplateOptions): [string, string] | undefined {
  if (o.locale !== undefined && !Object.hasOwn(TEMPLATES, o.locale))
    return ["locale", `must be one of ${Object.keys(TEMPLATES).join(", ")}`];
  for (const [locale, text] of Object.entries(o.templates ?? {})) {
    if (!Object.hasOwn(TEMPLATES, locale)) return [`templates.${locale}`, "is not a known locale"];
    if (typeof text !== "string" || !text.includes("{code}"))
      return [`templates.${locale}`, 'must be a string containing "{code}"'];
  }
  if (o.appHash !== undefined && !APP_HASH.test(o.appHash))
    return ["appHash", "must be the 11 characters [A-Za-z0-9+/] of the app's SMS Retriever hash"];
  if (o.domain !== undefined && !HOST.test(o.domain))
    return ["domain", 'must be a lower-case host name such as "example.com"'];
  return undefined;
}

/**
 * The SMS text: the template with the code, then the app hash line, then `@domain #code` as the very last line
 * (where WebOTP and Safari look for it).
 * @example
 * renderText("123456", { locale: "en", domain: "example.com" }, 10);
 * // "Your code: 123456. Do not share it.\n@example.com #123456"
 */
export function renderText(code: string, o: TemplateOptions, ttlMinutes: number, locale?: Locale): string {
  const lang = locale ?? o.locale ?? "ru";
  const template = o.templates?.[lang] ?? TEMPLATES[lang];
  const lines = [template.replaceAll("{code}", code).replaceAll("{minutes}", String(ttlMinutes))];
  if (o.appHash !== undefined) lines.push(o.appHash);
  if (o.domain !== undefined) lines.push(`@${o.domain} #${code}`);
  return lines.join("\n");
}
