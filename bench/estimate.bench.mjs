// estimate() against two popular counters on one corpus: throughput (texts counted per second) and every text
// where their parts count or encoding differs from ours, with the reason. Imports the built package
// (`npm run build -w smsc` first).
import { createRequire } from "node:module";
import { estimate, gsmSeptets } from "smsc/protocol";
import { corpus } from "./corpus.mjs";
import { opsPerSecond, QUICK, report } from "./lib.mjs";

const require = createRequire(import.meta.url);
const { SegmentedMessage } = require("sms-segments-calculator");
const splitSms = require("split-sms");

const texts = corpus();
const ROUND_MS = QUICK ? 100 : 400;
const counters = {
  "sms-segments-calculator": (t) => {
    const m = new SegmentedMessage(t);
    return { parts: m.segmentsCount, encoding: m.encodingName === "GSM-7" ? "gsm7" : "ucs2" };
  },
  "split-sms": (t) => {
    const r = splitSms.split(t);
    return { parts: r.parts.length, encoding: r.characterSet === "GSM" ? "gsm7" : "ucs2" };
  },
};

// Why a counter disagrees with us on one text: the first feature of the text that explains it.
function why(text, ours, theirs) {
  const chars = [...text];
  const ext = chars.some((c) => gsmSeptets(c) === 2);
  const astral = chars.some((c) => c.length === 2);
  // ZWJ, variation selectors, skin tones, regional indicators, combining marks: they join code points into one
  // grapheme cluster.
  const cluster = /\u200d|\ufe0f|\u20e3|\p{M}|[\u{1f3fb}-\u{1f3ff}]|[\u{1f1e6}-\u{1f1ff}]/u.test(text);
  if (ours.encoding !== theirs.encoding)
    return text.includes("\f") ? "\\f not an extension character" : "encoding choice";
  if (theirs.parts > ours.parts && cluster)
    return "grapheme cluster kept whole in one part (we keep only surrogate pairs whole)";
  if (ours.encoding === "ucs2" && astral) return "surrogate pairs (emoji) counted or split differently";
  if (ours.encoding === "ucs2" && ext) return "extension characters counted twice after the switch to UCS-2";
  if (ours.encoding === "gsm7" && ext) return "escape pairs counted or split differently";
  return "other";
}

console.log(`corpus: ${texts.length} texts (${[...new Set(texts.map((t) => t.kind))].join(", ")})`);
for (const [name, count] of Object.entries(counters)) {
  const reasons = new Map();
  const examples = new Map();
  let disagree = 0;
  for (const { kind, text } of texts) {
    const e = estimate(text);
    const ours = { parts: e.parts.length, encoding: e.encoding };
    const theirs = count(text);
    if (ours.parts === theirs.parts && ours.encoding === theirs.encoding) continue;
    disagree++;
    const r = why(text, ours, theirs);
    reasons.set(r, (reasons.get(r) ?? 0) + 1);
    if (!examples.has(r))
      examples.set(
        r,
        `${kind}, ${text.length} UTF-16 units: ours ${ours.encoding}/${ours.parts}, theirs ${theirs.encoding}/${theirs.parts}`,
      );
  }
  console.log(`\n${name}: disagrees on ${disagree} of ${texts.length} texts`);
  for (const [r, n] of reasons) console.log(`  ${String(n).padStart(3)}  ${r}   (e.g. ${examples.get(r)})`);
}

console.log("");
const all = (fn) => () => {
  for (const { text } of texts) fn(text);
};
// The machine is shared: counters are measured in alternation, five rounds (400 ms each, 100 in quick mode), and
// the median of each is reported.
const runs = { ours: [], ...Object.fromEntries(Object.keys(counters).map((n) => [n, []])) };
for (let round = 0; round < 5; round++) {
  runs.ours.push(
    await opsPerSecond(
      all((t) => estimate(t)),
      { ms: ROUND_MS },
    ),
  );
  for (const [name, count] of Object.entries(counters))
    runs[name].push(await opsPerSecond(all(count), { ms: ROUND_MS }));
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] * texts.length;
for (const name of Object.keys(counters))
  report(`estimate() × ${texts.length} texts`, median(runs.ours), name, median(runs[name]), "texts/s");
