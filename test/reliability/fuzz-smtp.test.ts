// Property-based fuzzing of the sandbox's SMTP listener over real sockets (fast-check): any sequence of commands
// (real verbs with hostile arguments, garbage, over-long lines, bare line breaks, 8-bit bytes), with or without a
// DATA section holding any MIME letter. Every byte the server writes must be well-formed single-line replies
// (RFC 5321 §4.2), and the listener must still take a valid letter afterwards.
import fc from "fast-check";
import { type Sandbox, startSandbox } from "smsc-sandbox";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rawExchange, SMTP_REPLY_LINE, smtpLines } from "../raw-wire.js";
import { letter, smtpCommand } from "./arbitraries.js";
import { report, SCALE, SEED, timeLimit } from "./scale.js";

let sb: Sandbox;
beforeAll(async () => {
  sb = await startSandbox({
    smtpPort: 0,
    rateLimits: false,
    delays: { sentMs: 3_600_000, deliveredMs: 3_600_000 },
  });
});
afterAll(async () => {
  await sb.close();
});

const session = fc.record({
  before: fc.array(smtpCommand, { maxLength: 8 }),
  data: fc.option(
    fc.record({
      envelope: fc.boolean(),
      letter,
      stuffed: fc.boolean(),
    }),
    { nil: undefined },
  ),
  after: fc.array(smtpCommand, { maxLength: 3 }),
  eol: fc.constantFrom("\r\n", "\r\n", "\n"),
  quit: fc.boolean(),
});

describe(`fuzzing the SMTP listener over sockets (${SCALE.fuzz.smtp} sessions)`, () => {
  it("writes only well-formed single-line replies, whatever the client sends", {
    timeout: timeLimit(120_000),
  }, async () => {
    const started = Date.now();
    let letters = 0;
    await fc.assert(
      fc.asyncProperty(session, async (s) => {
        const lines = [...s.before];
        if (s.data) {
          letters++;
          if (s.data.envelope) lines.push("EHLO fuzz", "MAIL FROM:<a@b.c>", "RCPT TO:<send@send.smsc.kz>");
          lines.push("DATA");
          const body = s.data.stuffed ? s.data.letter.replace(/^\./gm, "..") : s.data.letter;
          lines.push(body, ".");
        }
        lines.push(...s.after);
        if (s.quit) lines.push("QUIT");
        const raw = await rawExchange(sb.smtpPort!, Buffer.from(lines.join(s.eol) + s.eol, "latin1"));
        expect(raw.endsWith("\r\n")).toBe(true);
        // no line break other than CRLF, and no stray CR, anywhere in what the server wrote
        expect(/[^\r]\n|\r(?!\n)/.test(raw)).toBe(false);
        const replies = smtpLines(raw);
        expect(replies[0]).toMatch(/^220 /);
        for (const line of replies) expect(line).toMatch(SMTP_REPLY_LINE);
      }),
      { numRuns: SCALE.fuzz.smtp, seed: SEED, endOnFailure: true },
    );
    const ok = await rawExchange(
      sb.smtpPort!,
      "EHLO ok\r\nMAIL FROM:<a@b.c>\r\nRCPT TO:<send@send.smsc.kz>\r\nDATA\r\n\r\ndemo:demo::0:0:77011234567:still alive\r\n.\r\nQUIT\r\n",
    );
    expect(ok).toMatch(/\r\n250 OK - 1 SMS, ID - \d+\r\n221 /);
    report("fuzz-smtp", { cases: SCALE.fuzz.smtp, withLetter: letters, elapsedMs: Date.now() - started });
  });
});
