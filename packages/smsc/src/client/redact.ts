import { type Charset, encodeText, percentEncode } from "../protocol/index.js";
import { REDACTED } from "./logger.js";

/**
 * Secrets shorter than this are masked only where a field name shows them (`psw=…`): masking every "12" of a text
 * would mangle ids and sums while hiding little.
 */
export const MIN_SECRET_LENGTH = 4;

/** `psw=…`, `apikey=…` in an echoed form, and `"psw":"…"` in echoed JSON. */
const SECRET_PARAMS = /\b(psw|apikey)=[^&\s"'<>]*|("(?:psw|apikey|password)"\s*:\s*)"(?:[^"\\]|\\.)*"/gi;

/** The key Node's util.inspect looks for; a global symbol, so no `node:util` import is needed. */
export const INSPECT = Symbol.for("nodejs.util.inspect.custom");

/** The third argument Node passes to a custom inspect function. */
type Inspect = (value: unknown, options?: unknown) => string;

/**
 * Masks secrets (password, API key, SMTP relay password) in text that came from a peer or is about to be shown:
 * error messages, causes, stacks and the debug log. A peer that echoes the request back (a proxy's error page, a
 * misconfigured server) would otherwise put the secret into all of them. Every form a secret takes on the way out is
 * masked: as given, percent-encoded (utf-8 and the request charset, `+` or `%20` for spaces, either hex case),
 * JSON- and HTML-escaped, base64 (SMTP AUTH), and as its charset's bytes read as latin1 (an SMTP reply).
 */
export class Redactor {
  readonly #needles: string[];

  /** @param extra whole strings to mask too, e.g. the base64 of an AUTH PLAIN exchange */
  constructor(
    secrets: Iterable<string | undefined>,
    charsets: readonly Charset[] = ["utf-8"],
    extra: string[] = [],
  ) {
    const needles = new Set<string>(extra.filter((s) => s.length >= MIN_SECRET_LENGTH));
    for (const s of secrets) {
      if (s === undefined || s.length < MIN_SECRET_LENGTH) continue;
      for (const form of secretForms(s, charsets)) if (form.length >= MIN_SECRET_LENGTH) needles.add(form);
    }
    // longest first, so a form that contains another is masked whole
    this.#needles = [...needles].sort((a, b) => b.length - a.length);
  }

  /** The text with every secret masked as `***`. */
  text(s: string): string {
    let out = s;
    for (const n of this.#needles) if (out.includes(n)) out = out.split(n).join(REDACTED);
    return out.replace(SECRET_PARAMS, (_m, name?: string, jsonKey?: string) =>
      name ? `${name}=${REDACTED}` : `${jsonKey}"${REDACTED}"`,
    );
  }

  /** Whether a text holds a secret (a form of one, or a `psw=` field). */
  has(s: string): boolean {
    return this.text(s) !== s;
  }

  /**
   * A cause safe to keep on an SDK error: the error itself when nothing in its chain holds a secret, otherwise a
   * copy of the chain with the same names, codes and messages, secrets masked, and other properties dropped.
   */
  error(e: unknown): unknown {
    return this.#leaks(e, 0) ? this.#copy(e, 0) : e;
  }

  #leaks(e: unknown, depth: number): boolean {
    if (depth > 8) return false;
    if (typeof e === "string") return this.has(e);
    if (typeof e !== "object" || e === null) return false;
    const o = e as Record<string, unknown>;
    for (const k of ["message", "stack", ...Object.keys(o)]) {
      const v = o[k];
      if (typeof v === "string" && this.has(v)) return true;
      if (typeof v === "object" && v !== null && k !== "cause" && k !== "errors" && depth < 2) {
        if (this.#leaks(v, depth + 1)) return true;
      }
    }
    if (this.#leaks(o.cause, depth + 1)) return true;
    return Array.isArray(o.errors) && o.errors.some((x) => this.#leaks(x, depth + 1));
  }

  #copy(e: unknown, depth: number): unknown {
    if (typeof e === "string") return this.text(e);
    if (typeof e !== "object" || e === null || depth > 8) return e;
    const src = e as { name?: unknown; message?: unknown; stack?: unknown; code?: unknown; cause?: unknown };
    const copy = new Error(this.text(typeof src.message === "string" ? src.message : String(e)));
    if (typeof src.name === "string") copy.name = src.name;
    copy.stack = this.text(typeof src.stack === "string" ? src.stack : `${copy.name}: ${copy.message}`);
    if (typeof src.code === "string" || typeof src.code === "number") Object.assign(copy, { code: src.code });
    if (src.cause !== undefined)
      Object.defineProperty(copy, "cause", {
        value: this.#copy(src.cause, depth + 1),
        configurable: true,
        writable: true,
      });
    const inner = (e as { errors?: unknown }).errors;
    if (Array.isArray(inner)) Object.assign(copy, { errors: inner.map((x) => this.#copy(x, depth + 1)) });
    return copy;
  }
}

function secretForms(s: string, charsets: readonly Charset[]): string[] {
  const uri = encodeURIComponent(s);
  const forms = [
    s,
    uri,
    uri.replace(/%20/g, "+"),
    base64(encodeText(s, "utf-8")),
    JSON.stringify(s).slice(1, -1),
  ];
  forms.push(s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;"));
  forms.push(s.replace(/&/g, "&amp;").replace(/"/g, "&#34;").replace(/'/g, "&#39;"));
  for (const c of new Set<Charset>(["utf-8", ...charsets])) {
    try {
      const form = percentEncode(s, c);
      forms.push(
        form,
        form.replace(/\+/g, "%20"),
        form.replace(/%[0-9A-F]{2}/g, (h) => h.toLowerCase()),
      );
      forms.push(String.fromCharCode(...encodeText(s, c)));
    } catch {
      // a secret the charset cannot write never travels in it
    }
  }
  return forms;
}

/** Base64 of bytes with the web-standard btoa (Node, Bun, Deno, Workers, browsers). */
function base64(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes));
}

/**
 * Makes the named properties of a plain options object invisible to util.inspect, console.log and JSON.stringify
 * (they show as `***`), while code that reads them directly still gets the value.
 */
export function hideSecrets<T extends object>(
  o: T,
  keys: ReadonlyArray<keyof T>,
  masked: Partial<T> = {},
): T {
  const shown = (): Record<string, unknown> => {
    const copy: Record<string, unknown> = { ...(o as Record<string, unknown>) };
    for (const k of keys)
      if (o[k] !== undefined)
        copy[k as string] = (masked as Record<string, unknown>)[k as string] ?? REDACTED;
    return copy;
  };
  Object.defineProperties(o, {
    toJSON: { value: shown, enumerable: false },
    [INSPECT]: {
      value: (_depth: number, options: unknown, inspect?: Inspect) =>
        inspect ? inspect(shown(), options) : shown(),
      enumerable: false,
    },
  });
  return o;
}
