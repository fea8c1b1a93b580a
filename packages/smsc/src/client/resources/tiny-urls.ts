import { decodeTinyUrlStats, type TinyUrlStats } from "../../protocol/index.js";
import { InvalidOptionError } from "../errors.js";
import type { RequestOptions } from "../options.js";
import type { Transport } from "../transport.js";

/** Which short link: by the original link, or by its id (the code at the end of the short URL). */
export type TinyUrlQuery = { link: string; id?: never } | { id: string; link?: never };

/** Short links made by sends with `tinyUrl: true` (tinyurls.php, api-surface §8). */
export class TinyUrls {
  readonly #t: Transport;

  /** @internal — reached as `smsc.tinyUrls`. */
  constructor(transport: Transport) {
    this.#t = transport;
  }

  /** Click counters of one short link: all, this month, today, yesterday. Throws NotFoundError (code 3) for none. */
  async stats(query: TinyUrlQuery, options: RequestOptions = {}): Promise<TinyUrlStats> {
    const [name, value] = query?.link !== undefined ? ["link", query.link] : ["id", query?.id];
    if (typeof value !== "string" || value.trim() === "")
      throw new InvalidOptionError(`tinyUrls.stats.${name}`, "must be a non-empty string");
    return this.#t.read(
      "tinyUrls",
      [
        ["get", "1"],
        [name, value],
      ],
      (b) => decodeTinyUrlStats(b, 3),
      options,
    );
  }
}
