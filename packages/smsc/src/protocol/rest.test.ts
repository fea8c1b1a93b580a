import { describe, expect, it } from "vitest";
import { decodeRestBody, encodeRestBody } from "./rest.js";

describe("REST bodies", () => {
  it("writes the fields as one JSON object of strings", () => {
    expect(
      encodeRestBody([
        ["phones", "77011234567"],
        ["mes", "Привет"],
        ["cost", "3"],
      ]),
    ).toBe('{"phones":"77011234567","mes":"Привет","cost":"3"}');
  });

  it("reads strings, numbers, booleans, lists and nulls the way real clients send them", () => {
    expect(
      decodeRestBody(
        '{"login":"demo","psw":"demo","phones":["77011234567",77017654321],"cost":3,"translit":false,"valid":null}',
      ),
    ).toEqual({ login: "demo", psw: "demo", phones: "77011234567,77017654321", cost: "3", translit: "0" });
  });

  it("refuses what is not an object of plain values", () => {
    for (const body of ["", "not json", "[1,2]", '"text"', '{"a":{"b":1}}', '{"a":[{"b":1}]}', "null"])
      expect(decodeRestBody(body)).toBeUndefined();
  });
});
