/**
 * A small XML 1.0 reader and writer, enough for SOAP envelopes and the documents OMS carries inside them: elements,
 * attributes, namespaces (prefixed and default), character data, CDATA, comments, processing instructions, the
 * predefined and numeric character references. A document type declaration is refused (SOAP 1.1 §3 forbids it in a
 * message, and it is how entity expansion attacks get in), and so are nesting deeper than `maxDepth` and more than
 * `maxElements` elements.
 */

/** The namespace every `xml:` prefix is bound to (Namespaces in XML §3). */
const XML_NS = "http://www.w3.org/XML/1998/namespace";

/** An attribute as read: its name as written, its local name and namespace (none for unprefixed names). */
export interface XmlAttribute {
  name: string;
  local: string;
  ns: string;
  value: string;
}

/** An element as read. */
export interface XmlElement {
  /** The name as written (`soap:Body`). */
  name: string;
  /** The name without its prefix (`Body`). */
  local: string;
  /** Its namespace URI, "" when it is in none. */
  ns: string;
  attributes: XmlAttribute[];
  /** Child elements, in order. */
  children: XmlElement[];
  /** The character data directly inside it (CDATA included), concatenated. */
  text: string;
}

/** An XML document that cannot be read, with where reading stopped. */
export class XmlError extends Error {
  override name = "XmlError";
  constructor(
    message: string,
    /** 1-based line and column of the problem. */
    readonly line: number,
    readonly column: number,
  ) {
    super(`${message} at line ${line}, column ${column}`);
  }
}

/** Bounds of what a document may hold. */
export interface XmlLimits {
  /** @default 64 */
  maxDepth?: number;
  /** @default 100000 */
  maxElements?: number;
}

const NAME = /[A-Za-z_:\u00C0-\uFFFF][\w.\-:\u00B7\u00C0-\uFFFF]*/y;
const SPACE = /[ \t\n]*/y;
const PREDEFINED: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

/** Whether a code point may appear in an XML 1.0 document (§2.2 Char). */
export function isXmlChar(cp: number): boolean {
  return (
    cp === 0x9 ||
    cp === 0xa ||
    cp === 0xd ||
    (cp >= 0x20 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd) ||
    (cp >= 0x10000 && cp <= 0x10ffff)
  );
}

/** Reads a document and returns its root element; throws XmlError for anything that is not well-formed. */
export function parseXml(source: string, limits: XmlLimits = {}): XmlElement {
  return new Reader(source.replace(/\r\n?/g, "\n"), limits).document();
}

class Reader {
  #pos = 0;
  #elements = 0;
  readonly #src: string;
  readonly #maxDepth: number;
  readonly #maxElements: number;

  constructor(src: string, limits: XmlLimits) {
    this.#src = src.charCodeAt(0) === 0xfeff ? src.slice(1) : src;
    this.#maxDepth = limits.maxDepth ?? 64;
    this.#maxElements = limits.maxElements ?? 100_000;
  }

  document(): XmlElement {
    if (this.#src.startsWith("<?xml")) this.#pi();
    this.#misc();
    if (this.#src.startsWith("<!DOCTYPE", this.#pos))
      this.#fail("a document type declaration is not allowed");
    if (this.#src[this.#pos] !== "<") this.#fail("expected the root element");
    const root = this.#element(new Map([["xml", XML_NS]]), 1);
    this.#misc();
    if (this.#pos < this.#src.length) this.#fail("content after the root element");
    return root;
  }

  /** Comments, processing instructions and white space between the prolog's parts. */
  #misc(): void {
    for (;;) {
      this.#space();
      if (this.#src.startsWith("<!--", this.#pos)) this.#comment();
      else if (this.#src.startsWith("<?", this.#pos)) this.#pi();
      else return;
    }
  }

  #element(scope: Map<string, string>, depth: number): XmlElement {
    if (depth > this.#maxDepth) this.#fail(`elements nested deeper than ${this.#maxDepth}`);
    if (++this.#elements > this.#maxElements) this.#fail(`more than ${this.#maxElements} elements`);
    this.#pos++; // <
    const name = this.#name();
    const raw: Array<{ name: string; value: string }> = [];
    for (;;) {
      const before = this.#pos;
      this.#space();
      const c = this.#src[this.#pos];
      if (c === ">" || c === "/") break;
      if (this.#pos === before) this.#fail("expected white space before an attribute");
      const attr = this.#name();
      this.#space();
      this.#expect("=");
      this.#space();
      const value = this.#attributeValue();
      if (raw.some((a) => a.name === attr)) this.#fail(`attribute ${attr} given twice`);
      raw.push({ name: attr, value });
    }
    let own = scope;
    for (const a of raw) {
      if (a.name === "xmlns" || a.name.startsWith("xmlns:")) {
        if (own === scope) own = new Map(scope);
        own.set(a.name === "xmlns" ? "" : a.name.slice(6), a.value);
      }
    }
    const el: XmlElement = {
      name,
      local: localOf(name),
      ns: this.#resolve(name, own, true),
      attributes: raw
        .filter((a) => a.name !== "xmlns" && !a.name.startsWith("xmlns:"))
        .map((a) => ({ ...a, local: localOf(a.name), ns: this.#resolve(a.name, own, false) })),
      children: [],
      text: "",
    };
    if (this.#src.startsWith("/>", this.#pos)) {
      this.#pos += 2;
      return el;
    }
    this.#expect(">");
    this.#content(el, own, depth);
    const end = this.#pos;
    this.#pos += 2; // </
    if (this.#name() !== name) {
      this.#pos = end;
      this.#fail(`the end tag does not match <${name}>`);
    }
    this.#space();
    this.#expect(">");
    return el;
  }

  #content(el: XmlElement, scope: Map<string, string>, depth: number): void {
    const text: string[] = [];
    for (;;) {
      const lt = this.#src.indexOf("<", this.#pos);
      if (lt < 0) this.#fail(`<${el.name}> is not closed`);
      if (lt > this.#pos) text.push(this.#characters(this.#src.slice(this.#pos, lt)));
      this.#pos = lt;
      if (this.#src.startsWith("</", lt)) break;
      if (this.#src.startsWith("<!--", lt)) this.#comment();
      else if (this.#src.startsWith("<![CDATA[", lt)) {
        const end = this.#src.indexOf("]]>", lt + 9);
        if (end < 0) this.#fail("a CDATA section is not closed");
        text.push(this.#checked(this.#src.slice(lt + 9, end)));
        this.#pos = end + 3;
      } else if (this.#src.startsWith("<?", lt)) this.#pi();
      else if (this.#src.startsWith("<!", lt)) this.#fail("a declaration is not allowed here");
      else el.children.push(this.#element(scope, depth + 1));
    }
    el.text = text.join("");
  }

  /** Character data with its references replaced. */
  #characters(raw: string): string {
    if (raw.includes("]]>")) this.#fail("]]> in character data");
    return this.#references(raw);
  }

  #attributeValue(): string {
    const quote = this.#src[this.#pos];
    if (quote !== '"' && quote !== "'") this.#fail("expected a quoted attribute value");
    const end = this.#src.indexOf(quote, this.#pos + 1);
    if (end < 0) this.#fail("an attribute value is not closed");
    const raw = this.#src.slice(this.#pos + 1, end);
    if (raw.includes("<")) this.#fail("< in an attribute value");
    this.#pos = end + 1;
    // attribute-value normalisation (§3.3.3): white space characters become spaces, references do not
    return this.#references(raw.replace(/[\t\n]/g, " "));
  }

  #references(raw: string): string {
    const s = this.#checked(raw);
    if (!s.includes("&")) return s;
    return s.replace(/&([^;&\s]*);?/g, (m, ref: string) => {
      if (!m.endsWith(";")) this.#fail("& that does not start a reference");
      if (ref in PREDEFINED) return PREDEFINED[ref]!;
      const num = /^#x([0-9a-fA-F]{1,6})$/.exec(ref) ?? /^#([0-9]{1,7})$/.exec(ref);
      if (!num) this.#fail(`unknown entity &${ref};`);
      const cp = Number.parseInt(num[1]!, ref[1] === "x" ? 16 : 10);
      if (!isXmlChar(cp)) this.#fail(`&${ref}; is not a character XML allows`);
      return String.fromCodePoint(cp);
    });
  }

  /** Refuses characters XML 1.0 does not allow (§2.2). */
  #checked(s: string): string {
    for (let i = 0; i < s.length; i++) {
      const cp = s.codePointAt(i)!;
      if (cp > 0xffff) i++;
      else if (!isXmlChar(cp)) this.#fail(`character U+${cp.toString(16).toUpperCase().padStart(4, "0")}`);
    }
    return s;
  }

  #comment(): void {
    const end = this.#src.indexOf("-->", this.#pos + 4);
    if (end < 0) this.#fail("a comment is not closed");
    this.#pos = end + 3;
  }

  #pi(): void {
    const end = this.#src.indexOf("?>", this.#pos + 2);
    if (end < 0) this.#fail("a processing instruction is not closed");
    this.#pos = end + 2;
  }

  #name(): string {
    NAME.lastIndex = this.#pos;
    const m = NAME.exec(this.#src);
    if (!m) this.#fail("expected a name");
    this.#pos += m[0].length;
    return m[0];
  }

  #resolve(name: string, scope: Map<string, string>, element: boolean): string {
    const colon = name.indexOf(":");
    if (colon < 0) return element ? (scope.get("") ?? "") : "";
    const prefix = name.slice(0, colon);
    const ns = scope.get(prefix);
    if (ns === undefined) this.#fail(`prefix ${prefix} is not declared`);
    return ns;
  }

  #space(): void {
    SPACE.lastIndex = this.#pos;
    this.#pos += SPACE.exec(this.#src)![0].length;
  }

  #expect(s: string): void {
    if (!this.#src.startsWith(s, this.#pos)) this.#fail(`expected ${s}`);
    this.#pos += s.length;
  }

  #fail(message: string): never {
    const before = this.#src.slice(0, Math.min(this.#pos, this.#src.length));
    const line = before.split("\n").length;
    throw new XmlError(message, line, this.#pos - before.lastIndexOf("\n"));
  }
}

function localOf(name: string): string {
  const colon = name.indexOf(":");
  return colon < 0 ? name : name.slice(colon + 1);
}

/** The children of an element with a local name (any namespace). */
export function childrenNamed(el: XmlElement, local: string): XmlElement[] {
  return el.children.filter((c) => c.local === local);
}

/** An attribute's value by local name (and namespace, when given). */
export function attribute(el: XmlElement, local: string, ns?: string): string | undefined {
  return el.attributes.find((a) => a.local === local && (ns === undefined || a.ns === ns))?.value;
}

/** An element to write: a name (prefixed as it should appear), attributes, then text or children. */
export interface XmlNode {
  name: string;
  attributes?: Record<string, string | undefined>;
  /** Character data; written before the children. */
  text?: string;
  children?: ReadonlyArray<XmlNode | undefined | false>;
}

/**
 * Writes an element tree; `declaration` puts `<?xml version="1.0" encoding="UTF-8"?>` first, `indent` puts each
 * child of an element without text on its own line (for documents people read, such as a WSDL).
 */
export function writeXml(node: XmlNode, options: { declaration?: boolean; indent?: boolean } = {}): string {
  const out: string[] = options.declaration ? ['<?xml version="1.0" encoding="UTF-8"?>'] : [];
  if (options.declaration && options.indent) out.push("\n");
  write(node, out, options.indent ? "\n" : undefined);
  if (options.indent) out.push("\n");
  return out.join("");
}

function write(node: XmlNode, out: string[], newline: string | undefined): void {
  out.push("<", node.name);
  for (const [k, v] of Object.entries(node.attributes ?? {}))
    if (v !== undefined) out.push(" ", k, '="', escapeXml(v, true), '"');
  const children = (node.children ?? []).filter((c): c is XmlNode => Boolean(c));
  if (node.text === undefined && children.length === 0) {
    out.push("/>");
    return;
  }
  out.push(">");
  if (node.text !== undefined) out.push(escapeXml(node.text, false));
  const inner = newline !== undefined && node.text === undefined ? `${newline}  ` : undefined;
  for (const c of children) {
    if (inner) out.push(inner);
    write(c, out, inner);
  }
  if (inner) out.push(newline!);
  out.push("</", node.name, ">");
}

const SPECIAL = /[&<>"\r\n\t\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;

/**
 * Escapes text for XML; characters XML 1.0 cannot carry at all (control characters, lone surrogates) become U+FFFD,
 * so a message text that holds one still gives a document every parser reads (our choice, https://github.com/smsc-kz/smsc/blob/main/docs/protocol.md).
 */
export function escapeXml(s: string, attribute: boolean): string {
  if (!SPECIAL.test(s)) return s;
  let out = "";
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (ch === "&") out += "&amp;";
    else if (ch === "<") out += "&lt;";
    else if (ch === ">") out += "&gt;";
    else if (attribute && ch === '"') out += "&quot;";
    else if (ch === "\r") out += "&#13;";
    else if (attribute && (ch === "\n" || ch === "\t")) out += `&#${cp};`;
    else out += isXmlChar(cp) ? ch : "\uFFFD";
  }
  return out;
}
