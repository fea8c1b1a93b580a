// The text corpus the estimate benchmark counts: Russian, Kazakh, English, emoji-heavy and mixed texts of
// 20–900 characters, built from word lists with a fixed seed (so every run counts the same texts), plus
// hand-made texts at the boundaries where counters disagree.

const WORDS = {
  russian:
    "Ваш код подтверждения заказ доставлен курьер приедет завтра оплата принята спасибо что выбрали нас скидка на все товары до конца недели баланс пополнен записаться к врачу напоминаем о встрече в пятницу пароль никому не сообщайте".split(
      " ",
    ),
  kazakh:
    "Сіздің растау кодыңыз тапсырыс жеткізілді курьер ертең келеді төлем қабылданды рахмет бізді таңдағаныңыз үшін барлық тауарларға жеңілдік апта соңына дейін теңгерім толықтырылды дәрігерге жазылу жұма күні кездесу туралы еске саламыз құпиясөзді ешкімге айтпаңыз".split(
      " ",
    ),
  english:
    "Your verification code is order delivered courier arrives tomorrow payment received thank you for choosing us discount on all items until the end of the week balance topped up book a doctor reminder about the meeting on Friday never share your password".split(
      " ",
    ),
  emoji: "🎉 👍 😀 🚚 ✅ ❤️ 🔥 👨‍👩‍👧 🇰🇿 🙏 ⭐ 💳 📦 ⏰ 👍🏽".split(" "),
  gsmSigns: "€ [ ] { } ~ ^ | \\ @ £ $ ¥ è é ù ì ò Ç Ø ø Å å Δ _ Φ Γ Λ Ω".split(" "),
  other: "« » — № ’ “ ” … ç ő ş".split(" "),
};

function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function build(kind, length, random) {
  const pick = (list) => list[Math.floor(random() * list.length)];
  let out = "";
  while (out.length < length) {
    let word;
    if (kind === "emoji") word = random() < 0.5 ? pick(WORDS.emoji) : pick(WORDS.english);
    else if (kind === "mixed") {
      const r = random();
      word =
        r < 0.3
          ? pick(WORDS.russian)
          : r < 0.5
            ? pick(WORDS.english)
            : r < 0.65
              ? pick(WORDS.kazakh)
              : r < 0.8
                ? pick(WORDS.gsmSigns)
                : r < 0.9
                  ? pick(WORDS.other)
                  : pick(WORDS.emoji);
    } else if (kind === "english" && random() < 0.12) word = pick(WORDS.gsmSigns);
    else word = pick(WORDS[kind]);
    out += (out ? " " : "") + word;
    if (random() < 0.08) out += random() < 0.5 ? ".\r\n" : ".";
  }
  return out;
}

/** Texts by language; each entry `{ kind, text }`. */
export function corpus() {
  const random = rng(20261124);
  const lengths = [24, 60, 69, 70, 71, 120, 150, 158, 160, 161, 200, 306, 460, 700, 900];
  const texts = [];
  for (const kind of ["russian", "kazakh", "english", "emoji", "mixed"])
    for (const n of lengths) texts.push({ kind, text: build(kind, n, random) });
  // Boundaries where counters disagree: extension characters after the switch to UCS-2, an escape pair or a
  // surrogate pair across the 153/67 boundary, the form feed, CRLF, the 160/70 single-part limits, and grapheme
  // clusters that a part boundary falls inside.
  const boundary = [
    `Код: ${"[x]".repeat(20)}`,
    `Итого ${"€".repeat(40)} ж`,
    `${"a".repeat(152)}€ tail`,
    `${"a".repeat(152)}{}${"b".repeat(150)}`,
    `${"ж".repeat(66)}😀 хвост`,
    `${"ж".repeat(133)}🎉${"ж".repeat(10)}`,
    `page 1\fpage 2 ${"x".repeat(150)}`,
    `Привет\fмир`,
    `${"line\r\n".repeat(26)}ok`,
    "€".repeat(80),
    "€".repeat(81),
    "😀".repeat(35),
    "😀".repeat(36),
    `${"Ә".repeat(69)}|`,
    `${"a".repeat(159)}^`,
    `ж${"€".repeat(69)}`,
    `${"{".repeat(80)}`,
  ];
  // Grapheme clusters (ZWJ family, flag, skin tone, keycap, combining accent, emoji presentation) placed so the
  // 67-unit boundary falls inside them and the text is exactly 134 units: 2 parts when split between code points.
  for (const cluster of ["👨‍👩‍👧", "🇰🇿", "👍🏽", "1️⃣", "е\u0301", "❤️"]) {
    const first = String.fromCodePoint(cluster.codePointAt(0)).length;
    const before = 67 - first;
    boundary.push(`${"ж".repeat(before)}${cluster}${"ж".repeat(134 - before - cluster.length)}`);
  }
  for (const text of boundary) texts.push({ kind: "boundary", text });
  return texts;
}
