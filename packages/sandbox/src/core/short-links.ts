import { TINYURL_LIMITS, type TinyUrlStats } from "smsc/protocol";
import type { Account } from "../store/records.js";
import type { NewShortLink, ShortLinkRow } from "../store/short-links.js";
import type { Store } from "../store/store.js";
import { apiError } from "./api-error.js";
import { answer, type Fate, refuse } from "./fate.js";
import type { Limits } from "./limits.js";

/** Path of the sandbox's short links: `<base>/t/<code>`. */
export const SHORT_LINK_PATH = "/t/";

/** Characters of a code, and its length: every short link of a text is as long as any other. */
const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
export const SHORT_CODE_LENGTH = 6;

/** Links in a text: http(s) URLs up to a space or a quote (https://github.com/smsc-kz/smsc/blob/main/docs/protocol.md "Short links"). */
const LINK = /\bhttps?:\/\/[^\s<>"'«»]+/gi;
/** Punctuation that ends a sentence rather than the link. */
const TRAILING = /[.,;:!?'"\]}]+$/;

/** A short link as the inspection API shows it. */
export interface ShortLinkView extends ShortLinkRow {
  /** The short URL, as it went out in the text. */
  short: string;
}

/** tinyurls.php as the adapters see it. */
export interface ShortLinks {
  /** The click counters of one link (`get=1` with `link` or `id`): error 1 without either, 3 when not found. */
  stats(input: { account: Account; params: Record<string, string> }): Fate<TinyUrlStats>;
}

/** The sandbox's side: the redirect that counts clicks, and the links for inspection. */
export interface ShortLinksControl {
  /** Counts a click and returns the original link; undefined for an unknown code. */
  click(code: string): string | undefined;
  list(filter?: { accountId?: number; limit?: number }): ShortLinkView[];
}

/** Replaces the links of one send's texts; `links` are the new ones, to store with the send. */
export interface Shortener {
  shorten(text: string): string;
  readonly links: NewShortLink[];
  /** Call when the send is stored or refused: its new links are no longer pending. */
  release(): void;
}

/** What the module works with. */
export interface ShortLinksDeps {
  store: Store;
  clock: () => number;
  random: () => number;
  limits: Limits;
  /** The sandbox's base URL (known once it listens), e.g. "http://127.0.0.1:8080". */
  base: () => string;
}

/** A found link without the punctuation after it: a closing bracket stays when the link opened one. */
function trimLink(found: string): string {
  let url = found.replace(TRAILING, "");
  while (url.endsWith(")") && url.split("(").length < url.split(")").length)
    url = url.slice(0, -1).replace(TRAILING, "");
  return url;
}

/** The day of a moment in Moscow time (UTC+3), `YYYY-MM-DD`: the service counts its days there. */
export function moscowDay(ms: number): string {
  return new Date(ms + 3 * 3_600_000).toISOString().slice(0, 10);
}

/** Creates the short-link module: the tinyurls.php side, the control side, and the shortener sends use. */
export function createShortLinks(deps: ShortLinksDeps): {
  api: ShortLinks;
  control: ShortLinksControl;
  shortener(accountId: number, keep: boolean): Shortener;
} {
  const { store, clock, limits } = deps;
  const shortUrl = (code: string) => `${deps.base()}${SHORT_LINK_PATH}${code}`;
  // codes handed to sends not committed yet, so that two sends of one turn share a new link's code
  const pending = new Map<string, { code: string; refs: number }>();
  const pendingCodes = new Set<string>();

  function newCode(): string {
    for (;;) {
      let code = "";
      for (let i = 0; i < SHORT_CODE_LENGTH; i++)
        code += ALPHABET[Math.floor(deps.random() * ALPHABET.length)];
      if (!pendingCodes.has(code) && !store.shortLinks.byCode(code)) return code;
    }
  }

  function shortener(accountId: number, keep: boolean): Shortener {
    const links: NewShortLink[] = [];
    const held: string[] = [];
    const codeOf = (url: string): string => {
      const stored = store.shortLinks.byUrl(accountId, url);
      if (stored) return stored.code;
      const key = `${accountId} ${url}`;
      let p = pending.get(key);
      // a price request stores nothing: a placeholder of the same length prices the same text
      if (!keep) return p?.code ?? "0".repeat(SHORT_CODE_LENGTH);
      if (!held.includes(key)) {
        if (p) p.refs++;
        else {
          p = { code: newCode(), refs: 1 };
          pending.set(key, p);
          pendingCodes.add(p.code);
        }
        held.push(key);
        links.push({ code: p.code, url });
      }
      return p!.code;
    };
    return {
      links,
      shorten: (text) =>
        text.replace(LINK, (found) => {
          const url = trimLink(found);
          if (url.startsWith(deps.base() + SHORT_LINK_PATH)) return found;
          return shortUrl(codeOf(url)) + found.slice(url.length);
        }),
      release() {
        for (const key of held.splice(0)) {
          const p = pending.get(key)!;
          if (--p.refs > 0) continue;
          pending.delete(key);
          pendingCodes.delete(p.code);
        }
      },
    };
  }

  const api: ShortLinks = {
    stats({ account, params }) {
      const link = params.link?.trim() || undefined;
      const id = params.id?.trim() || undefined;
      if (params.get !== "1" || (link === undefined && id === undefined))
        return refuse(apiError(1, "tinyUrls"));
      const key = `tinyurls:${account.id}:${link ?? ""}:${id ?? ""}`;
      if (!limits.identical(key, TINYURL_LIMITS.identicalPerMinute)) return refuse(apiError(9, "tinyUrls"));
      const row =
        link !== undefined ? store.shortLinks.byUrl(account.id, link) : store.shortLinks.byCode(id!);
      if (!row || row.accountId !== account.id) return refuse(apiError(3, "tinyUrls"));
      const now = clock();
      const today = moscowDay(now);
      const c = store.shortLinks.counts(row.code, {
        today,
        yesterday: moscowDay(now - 86_400_000),
        month: today.slice(0, 7),
      });
      return answer({
        id: row.code,
        cnt: row.clicks,
        cntMon: c.month,
        cntDay: c.day,
        cntYes: c.yesterday,
        url: shortUrl(row.code),
        link: row.url,
      });
    },
  };

  const control: ShortLinksControl = {
    click: (code) => store.shortLinks.click(code, moscowDay(clock()))?.url,
    list: (f = {}) =>
      store.shortLinks
        .list({ ...(f.accountId !== undefined ? { accountId: f.accountId } : {}), limit: f.limit ?? 100 })
        .map((r) => ({ ...r, short: shortUrl(r.code) })),
  };
  return { api, control, shortener };
}
