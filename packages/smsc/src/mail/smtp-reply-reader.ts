/** One SMTP reply: its code and the text of all its lines. */
export interface SmtpReply {
  code: number;
  /** Text after the code of each line (RFC 5321 §4.2: `250-…` continues, `250 …` ends). */
  lines: string[];
}

/** Longest reply we buffer: a real server's replies are a few hundred bytes. */
const MAX_REPLY_BYTES = 64 * 1024;

/** Turns the bytes a server sends into replies, handed out in order to whoever asks next. */
export class SmtpReplyReader {
  #buffer = "";
  #lines: string[] = [];
  #ready: SmtpReply[] = [];
  #waiting: Array<{ resolve: (r: SmtpReply) => void; reject: (e: unknown) => void }> = [];
  #failure: unknown;

  /** Feeds bytes read from the socket. */
  push(chunk: Buffer): void {
    // replies are ASCII (RFC 5321 §2.4); latin1 keeps any stray byte one character
    this.#buffer += chunk.toString("latin1");
    let nl = this.#buffer.indexOf("\n");
    while (nl >= 0) {
      const line = this.#buffer.slice(0, nl).replace(/\r$/, "");
      this.#buffer = this.#buffer.slice(nl + 1);
      this.#line(line);
      nl = this.#buffer.indexOf("\n");
    }
    if (this.#buffer.length > MAX_REPLY_BYTES) this.fail(new Error("SMTP reply line too long"));
  }

  /** The next reply. */
  next(): Promise<SmtpReply> {
    const r = this.#ready.shift();
    if (r) return Promise.resolve(r);
    if (this.#failure !== undefined) return Promise.reject(this.#failure);
    return new Promise((resolve, reject) => this.#waiting.push({ resolve, reject }));
  }

  /** Rejects every pending and future read (the connection failed or closed). */
  fail(error: unknown): void {
    if (this.#failure !== undefined) return;
    this.#failure = error;
    for (const w of this.#waiting.splice(0)) w.reject(error);
  }

  #line(line: string): void {
    const m = /^(\d{3})([ -]?)(.*)$/.exec(line);
    if (!m) {
      this.fail(new Error("malformed SMTP reply"));
      return;
    }
    this.#lines.push(m[3]!);
    if (m[2] === "-") return;
    const reply = { code: Number(m[1]), lines: this.#lines };
    this.#lines = [];
    const w = this.#waiting.shift();
    if (w) w.resolve(reply);
    else this.#ready.push(reply);
  }
}
