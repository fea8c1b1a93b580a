// Property-based fuzzing of every pure parser in process (fast-check): the sandbox's form, multipart, MIME, REST and SOAP
// readers and its core, the protocol's charsets, letter text, SMPP frames and PDUs, and the SDK's reply codecs, SMTP
// reply reader, callback parser, CSV reader and receipt parser. Each may only return a value or throw its own
// documented error class; anything else (a TypeError, a RangeError, an endless loop) is a defect.
import fc from "fast-check";
import { CallbackError, parseCallback } from "smsc";
import {
  CHARSETS,
  decodeAnswers,
  decodeBalanceReply,
  decodeContacts,
  decodeCostReply,
  decodeDocument,
  decodeError,
  decodeForm,
  decodeGroups,
  decodeHistory,
  decodeMailBody,
  decodeMailing,
  decodeMailings,
  decodeNotifyReply,
  decodeOperators,
  decodeOpTemplates,
  decodePdu,
  decodeRentedNumbers,
  decodeRestBody,
  decodeSenders,
  decodeSendReply,
  decodeStats,
  decodeStatusReply,
  decodeSubclientStats,
  decodeTariffs,
  decodeTemplates,
  decodeText,
  decodeTinyUrlStats,
  decodeWaitCallReply,
  MailBodyError,
  mailBodyToRequest,
  parseHlrReceipt,
  parsePhone,
  parseReceipt,
  percentDecode,
  SmppDecodeError,
  SmppFrameReader,
  splitPhones,
} from "smsc/protocol";
import { type Sandbox, startSandbox } from "smsc-sandbox";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MultipartError, parseMultipart } from "../../packages/sandbox/src/http/sys/multipart.js";
import { BadBodyError, parseParams } from "../../packages/sandbox/src/http/sys/read-params.js";
import { LetterError, letterText } from "../../packages/sandbox/src/smtp/mime.js";
import { parseXml, XmlError } from "../../packages/sandbox/src/soap/xml.js";
import { CsvError, parseCsv } from "../../packages/smsc/src/cli/bulk/csv.js";
import { SmtpReplyReader } from "../../packages/smsc/src/mail/smtp-reply-reader.js";
import {
  badLengthFrame,
  formBody,
  letter,
  letterText as letterTextArb,
  multipartBody,
  nastyString,
  paramSet,
  smppFrame,
} from "./arbitraries.js";
import { report, SCALE, SEED, timeLimit } from "./scale.js";

/** Runs `f`; an exception must be one of `allowed`. */
function only(allowed: Array<abstract new (...args: never[]) => Error>, f: () => unknown): unknown {
  try {
    return f();
  } catch (e) {
    if (allowed.some((C) => e instanceof C)) return e;
    throw e;
  }
}

const contentTypes = fc.constantFrom(
  undefined,
  "application/x-www-form-urlencoded",
  "application/x-www-form-urlencoded; charset=UTF-8",
  "multipart/form-data",
  "multipart/form-data; boundary=",
  'multipart/form-data; boundary="unterminated',
  "text/plain",
  "application/json",
  "\u00ff/\u0000",
);

let sb: Sandbox;
beforeAll(async () => {
  sb = await startSandbox({ rateLimits: false, delays: { sentMs: 3_600_000, deliveredMs: 3_600_000 } });
});
afterAll(async () => {
  await sb.close();
});

/** Runs a property for a number of cases from a seed. */
type Run = (numRuns: number, seed: number) => void | Promise<void>;
type Case = [name: string, run: Run];

const check =
  <T>(property: fc.IProperty<T> | fc.IAsyncProperty<T>): Run =>
  (numRuns, seed) =>
    fc.assert(property as fc.IAsyncProperty<T>, { numRuns, seed, endOnFailure: true });

const cases = (): Case[] => {
  const account = sb.core.authenticate({ login: "demo", psw: "demo" });
  if ("code" in account) throw new Error("demo account missing");
  return [
    [
      "sandbox parseParams: query and body in every shape",
      check(
        fc.property(
          formBody,
          fc.oneof(
            formBody.map((f) => ({
              ct: "application/x-www-form-urlencoded",
              body: Buffer.from(f.text, "latin1"),
            })),
            multipartBody.map((m) => ({ ct: `multipart/form-data; boundary=${m.boundary}`, body: m.body })),
            fc
              .tuple(contentTypes, fc.uint8Array({ maxLength: 400 }))
              .map(([ct, b]) => ({ ct, body: Buffer.from(b) })),
          ),
          (query, { ct, body }) => {
            const r = only([BadBodyError], () => parseParams(query.text, ct, body));
            if (r instanceof Error) return;
            const { params, charset } = r as ReturnType<typeof parseParams>;
            expect(CHARSETS).toContain(charset);
            for (const v of Object.values(params)) expect(typeof v).toBe("string");
          },
        ),
      ),
    ],
    [
      "sandbox parseMultipart",
      check(
        fc.property(
          fc.oneof(
            multipartBody.map((m) => ({ body: m.body, boundary: m.boundary })),
            fc
              .tuple(fc.uint8Array({ maxLength: 300 }), fc.string({ minLength: 1, maxLength: 70 }))
              .map(([b, s]) => ({
                body: Buffer.from(b),
                boundary: s,
              })),
          ),
          ({ body, boundary }) => {
            only([MultipartError], () => parseMultipart(body, boundary));
          },
        ),
      ),
    ],
    [
      "protocol decodeText, percentDecode, decodeForm in every charset",
      check(
        fc.property(
          fc.uint8Array({ maxLength: 200 }),
          nastyString,
          fc.constantFrom(...CHARSETS),
          (bytes, s, cs) => {
            expect(typeof decodeText(bytes, cs)).toBe("string");
            expect(typeof percentDecode(s, cs)).toBe("string");
            expect(Array.isArray(decodeForm(s, cs))).toBe(true);
          },
        ),
      ),
    ],
    [
      "protocol decodeMailBody and mailBodyToRequest",
      check(
        fc.property(letterTextArb, (text) => {
          const body = only([MailBodyError], () => decodeMailBody(text));
          if (body instanceof Error) return;
          const r = mailBodyToRequest(body as ReturnType<typeof decodeMailBody>);
          expect(typeof r).toBe("object");
        }),
      ),
    ],
    [
      "sandbox MIME letterText",
      check(
        fc.property(
          fc.oneof(
            letter.map((l) => Buffer.from(l, "utf8")),
            fc.uint8Array({ maxLength: 400 }).map(Buffer.from),
          ),
          (raw) => {
            const t = only([LetterError], () => letterText(raw));
            if (!(t instanceof Error)) expect(typeof t).toBe("string");
          },
        ),
      ),
    ],
    [
      "protocol decodePdu",
      check(
        fc.property(fc.oneof(smppFrame, badLengthFrame, fc.uint8Array({ maxLength: 100 })), (frame) => {
          only([SmppDecodeError], () => decodePdu(frame));
        }),
      ),
    ],
    [
      "protocol SmppFrameReader over arbitrary chunking",
      check(
        fc.property(
          fc.array(fc.oneof(smppFrame, badLengthFrame, fc.uint8Array({ maxLength: 40 })), { maxLength: 8 }),
          (chunks) => {
            const reader = new SmppFrameReader();
            for (const c of chunks) {
              const frames = only([SmppDecodeError], () => reader.push(c));
              if (frames instanceof Error) break;
              for (const f of frames as Uint8Array[]) only([SmppDecodeError], () => decodePdu(f));
            }
          },
        ),
      ),
    ],
    [
      "SDK reply codecs for every fmt",
      check(
        fc.property(
          nastyString,
          fc.constantFrom(0, 1, 2, 3) as fc.Arbitrary<0 | 1 | 2 | 3>,
          fc.boolean(),
          fc.constantFrom(0, 1, 2) as fc.Arbitrary<0 | 1 | 2>,
          (body, fmt, multi, all) => {
            for (const r of [
              decodeSendReply(body, fmt),
              decodeCostReply(body, fmt),
              decodeBalanceReply(body, fmt),
              decodeStatusReply(body, fmt, { all, multi }),
            ])
              expect(typeof r).toBe("object");
            decodeError(body, fmt);
          },
        ),
      ),
    ],
    [
      "SDK reply codecs of the other scripts (get, info, ping, wait_call, tinyurls, phones, senders, …) for every fmt",
      check(
        fc.property(
          fc.oneof(
            nastyString,
            fc.constantFrom(
              '{"error":"x","error_code":3}',
              "[{}]",
              "<result><item/></result>",
              "a = b, c = d",
            ),
          ),
          fc.constantFrom(0, 1, 2, 3) as fc.Arbitrary<0 | 1 | 2 | 3>,
          (body, fmt) => {
            for (const decode of [
              decodeHistory,
              decodeAnswers,
              decodeStats,
              decodeTariffs,
              decodeOperators,
              decodeNotifyReply,
              decodeWaitCallReply,
              decodeTinyUrlStats,
              decodeContacts,
              decodeGroups,
              decodeSenders,
              decodeOpTemplates,
              decodeDocument,
              decodeTemplates,
              decodeMailings,
              decodeMailing,
              decodeSubclientStats,
              decodeRentedNumbers,
            ])
              expect(typeof decode(body, fmt)).toBe("object");
          },
        ),
      ),
    ],
    [
      "sandbox REST body and SOAP XML reader",
      check(
        fc.property(
          fc.oneof(
            nastyString,
            fc.json(),
            fc.constantFrom(
              "<a><b>x</b></a>",
              '<?xml version="1.0"?><e:Envelope xmlns:e="u"/>',
              "<a><![CDATA[x]]></a>",
            ),
            nastyString.map((t) => `<a b="${t}">${t}</a>`),
          ),
          (text) => {
            const rest = decodeRestBody(text);
            expect(rest === undefined || typeof rest === "object").toBe(true);
            only([XmlError], () => parseXml(text));
          },
        ),
      ),
    ],
    [
      "SDK SmtpReplyReader",
      check(
        fc.property(
          fc.array(fc.oneof(nastyString, fc.constantFrom("250-a\r\n", "250 b\r\n", "55", "0 x\r\n")), {
            maxLength: 10,
          }),
          (chunks) => {
            const reader = new SmtpReplyReader();
            for (const c of chunks) reader.push(Buffer.from(c, "latin1"));
            reader.fail(new Error("end"));
            void reader.next().catch(() => undefined);
          },
        ),
      ),
    ],
    [
      "SDK parseCallback",
      check(
        fc.property(
          fc.oneof(
            formBody.map((f) => f.text),
            fc.uint8Array({ maxLength: 200 }),
            fc.dictionary(
              fc.constantFrom("id", "phone", "status", "err", "mes", "to", "sms_id", "sent", "md5", "type"),
              nastyString,
            ),
          ),
          (input) => {
            only([CallbackError], () => parseCallback(input as never));
          },
        ),
      ),
    ],
    [
      "CLI parseCsv",
      check(
        fc.property(
          fc.oneof(
            nastyString,
            fc.array(nastyString, { maxLength: 6 }).map((a) => a.join(',\n;\t"')),
          ),
          (text) => {
            only([CsvError], () => parseCsv(text));
          },
        ),
      ),
    ],
    [
      "protocol receipts and phone numbers",
      check(
        fc.property(nastyString, (s) => {
          parseReceipt(s);
          parseHlrReceipt(s);
          parsePhone(s);
          expect(Array.isArray(splitPhones(s))).toBe(true);
        }),
      ),
    ],
    [
      "sandbox core: send, price, status, answers",
      check(
        fc.asyncProperty(paramSet, fc.array(nastyString, { maxLength: 3 }), async (fields, ids) => {
          const params = Object.fromEntries(fields);
          for (const r of [
            await sb.core.send({ account, params, origin: "http" }),
            await sb.core.send({ account, params: { ...params, cost: "1" }, origin: "http" }),
            sb.core.status({ account, ids, phones: ids, all: 2, del: false }),
          ])
            expect(["answer", "error", "lose-reply", "lose-request"]).toContain(r.kind);
          sb.core.answers({ account, cnt: 5 });
        }),
      ),
    ],
  ];
};

describe(`in-process fuzzing of every parser (${SCALE.fuzz.parsers} cases)`, () => {
  it("returns a value or the parser's own error, never anything else", {
    timeout: timeLimit(120_000),
  }, async () => {
    const list = cases();
    const started = Date.now();
    let total = 0;
    const perCase: Record<string, number> = {};
    for (const [i, [name, run]] of list.entries()) {
      // the runs add up to exactly the target
      const runs =
        Math.floor(SCALE.fuzz.parsers / list.length) + (i < SCALE.fuzz.parsers % list.length ? 1 : 0);
      await run(runs, SEED + i);
      perCase[name] = runs;
      total += runs;
    }
    report("fuzz-parsers", { cases: total, parsers: list.length, elapsedMs: Date.now() - started, perCase });
    expect(total).toBe(SCALE.fuzz.parsers);
  });
});
