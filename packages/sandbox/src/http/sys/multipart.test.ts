import { describe, expect, it } from "vitest";
import { MultipartError, multipartBoundary, parseMultipart } from "./multipart.js";

const body = (s: string) => Buffer.from(s, "latin1");

describe("multipartBoundary", () => {
  it("reads plain and quoted boundaries of multipart/form-data only", () => {
    expect(multipartBoundary("multipart/form-data; boundary=abc")).toBe("abc");
    expect(multipartBoundary('Multipart/Form-Data; charset=utf-8; boundary="a b:c"')).toBe("a b:c");
    expect(multipartBoundary("multipart/form-data")).toBeUndefined();
    expect(multipartBoundary("application/x-www-form-urlencoded")).toBeUndefined();
    expect(multipartBoundary(undefined)).toBeUndefined();
  });
});

describe("parseMultipart", () => {
  it("splits fields and files, keeping value bytes untouched", () => {
    const parts = parseMultipart(
      body(
        'preamble\r\n--XX\r\nContent-Disposition: form-data; name="mes"\r\n\r\n\xcf\xf0\xe8\r\nx\r\n' +
          '--XX\r\nContent-Disposition: form-data; name="file0"; filename="a.png"\r\nContent-Type: image/png\r\n\r\n' +
          "\x89PNG--X\r\n--XX\r\ncontent-disposition: form-data; name=empty\r\n\r\n\r\n--XX--\r\nepilogue",
      ),
      "XX",
    );
    expect(
      parts.map((p) => [p.name.toString("latin1"), p.filename, p.contentType, p.data.toString("latin1")]),
    ).toEqual([
      ["mes", undefined, undefined, "\xcf\xf0\xe8\r\nx"],
      ["file0", "a.png", "image/png", "\x89PNG--X"],
      ["empty", undefined, undefined, ""],
    ]);
  });

  it("keeps a field name that only contains 'name' inside filename apart", () => {
    const [p] = parseMultipart(
      body('--b\r\nContent-Disposition: form-data; filename="x.txt"; name="real"\r\n\r\nv\r\n--b--'),
      "b",
    );
    expect(p!.name.toString()).toBe("real");
    expect(p!.filename).toBe("x.txt");
  });

  it.each([
    ["no boundary at all", "login=demo"],
    ["an unterminated part", '--b\r\nContent-Disposition: form-data; name="a"\r\n\r\nvalue'],
    ["headers that never end", '--b\r\nContent-Disposition: form-data; name="a"'],
    ["a part without a name", "--b\r\nContent-Type: text/plain\r\n\r\nv\r\n--b--"],
    ["garbage after the delimiter", "--bzz\r\n"],
  ])("throws MultipartError on %s", (_, text) => {
    expect(() => parseMultipart(body(text), "b")).toThrow(MultipartError);
  });
});
