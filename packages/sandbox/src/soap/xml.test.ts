import { describe, expect, it } from "vitest";
import { attribute, escapeXml, parseXml, writeXml, XmlError } from "./xml.js";

describe("parseXml", () => {
  it("resolves prefixed and default namespaces, scoped to where they are declared", () => {
    const doc = parseXml(
      `<?xml version="1.0" encoding="UTF-8"?>
<!-- a comment -->
<s:Envelope xmlns:s="urn:env" xmlns="urn:default">
  <s:Body><op xmlns:x="urn:x" x:attr="1" plain="2"><child/><x:other/></op></s:Body>
  <after/>
</s:Envelope>`,
    );
    expect(doc).toMatchObject({ name: "s:Envelope", local: "Envelope", ns: "urn:env" });
    const op = doc.children[0]!.children[0]!;
    expect(op).toMatchObject({ local: "op", ns: "urn:default" });
    expect(op.children.map((c) => [c.local, c.ns])).toEqual([
      ["child", "urn:default"],
      ["other", "urn:x"],
    ]);
    expect(attribute(op, "attr", "urn:x")).toBe("1");
    expect(attribute(op, "plain", "")).toBe("2");
    expect(doc.children[1]).toMatchObject({ local: "after", ns: "urn:default" });
  });

  it("decodes references and CDATA, normalises line ends and attribute white space", () => {
    const el = parseXml(
      '<m a="x&#9;y\n&quot;z&quot;">a &lt;b&gt; &amp; &#1071;&#x1F600;\r\n<![CDATA[<raw> & ]]>&apos;</m>',
    );
    expect(el.text).toBe("a <b> & Я😀\n<raw> & '");
    expect(attribute(el, "a")).toBe('x\ty "z"');
  });

  it("collects the text around child elements", () => {
    expect(parseXml("<a>one<b>inner</b>two</a>").text).toBe("onetwo");
  });

  const bad: Array<[string, string, RegExp]> = [
    ["a document type declaration", '<!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>', /document type declaration/],
    ["an unknown entity", "<a>&nbsp;</a>", /unknown entity &nbsp;/],
    ["a bare ampersand", "<a>fish & chips</a>", /does not start a reference/],
    ["a reference to a character XML forbids", "<a>&#1;</a>", /not a character XML allows/],
    ["a raw control character", "<a>\u0001</a>", /character U\+0001/],
    ["a mismatched end tag", "<a><b></a></b>", /does not match <b>/],
    ["an unclosed element", "<a><b>", /not closed/],
    ["an undeclared prefix", "<p:a/>", /prefix p is not declared/],
    ["a duplicate attribute", '<a x="1" x="2"/>', /given twice/],
    ["an unquoted attribute", "<a x=1/>", /quoted attribute value/],
    ["content after the root", "<a/><b/>", /after the root/],
    ["no root at all", "just text", /expected the root/],
    ["]]> in text", "<a>]]></a>", /\]\]> in character data/],
  ];
  it.each(bad)("refuses %s with its line and column", (_, src, message) => {
    expect(() => parseXml(src)).toThrow(message);
    expect(() => parseXml(src)).toThrow(XmlError);
  });

  it("says where the problem is", () => {
    try {
      parseXml("<a>\n  <b>\n</a>");
      expect.unreachable();
    } catch (e) {
      expect(e).toMatchObject({ line: 3, column: 1 });
    }
  });

  it("bounds nesting and the number of elements", () => {
    expect(() => parseXml(`${"<a>".repeat(65)}${"</a>".repeat(65)}`)).toThrow(/deeper than 64/);
    expect(parseXml(`${"<a>".repeat(64)}${"</a>".repeat(64)}`).local).toBe("a");
    expect(() => parseXml(`<r>${"<i/>".repeat(20)}</r>`, { maxElements: 10 })).toThrow(
      /more than 10 elements/,
    );
  });
});

describe("writeXml", () => {
  it("escapes text and attributes, and reads back what it wrote", () => {
    const text = `a < b & c > d "q" 'a'\r\nline\ttab 😀`;
    const xml = writeXml({ name: "x:m", attributes: { "xmlns:x": "urn:x", v: text, gone: undefined }, text });
    expect(xml).not.toContain("gone");
    const back = parseXml(xml);
    expect(back.text).toBe(text);
    expect(attribute(back, "v")).toBe(text);
  });

  it("replaces what XML cannot carry with U+FFFD", () => {
    expect(escapeXml("a\u0000b\u001Fc\uD800d\uFFFE", false)).toBe("a\uFFFDb\uFFFDc\uFFFDd\uFFFD");
    expect(parseXml(`<a>${escapeXml("\u0007", false)}</a>`).text).toBe("\uFFFD");
  });

  it("writes empty elements short, drops false children, and indents element-only content on request", () => {
    expect(
      writeXml({ name: "a", children: [{ name: "b" }, false, undefined, { name: "c", text: "" }] }),
    ).toBe("<a><b/><c></c></a>");
    expect(
      writeXml(
        { name: "a", children: [{ name: "b", children: [{ name: "c", text: "t" }] }] },
        { indent: true },
      ),
    ).toBe("<a>\n  <b>\n    <c>t</c>\n  </b>\n</a>\n");
  });
});
