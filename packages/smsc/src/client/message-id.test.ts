import { describe, expect, it } from "vitest";
import { GENERATED_ID_LENGTH, generateMessageId } from "./message-id.js";
import { cryptoRandom } from "./runtime.js";
import { checkId } from "./send-fields.js";

describe("generateMessageId", () => {
  it("draws a valid string id from the injected random source", () => {
    expect(generateMessageId(() => 0)).toBe("0".repeat(GENERATED_ID_LENGTH));
    expect(generateMessageId(() => 0.99999)).toBe("z".repeat(GENERATED_ID_LENGTH));
    const id = generateMessageId(cryptoRandom);
    expect(checkId(id)).toBe(id);
    expect(generateMessageId(cryptoRandom)).not.toBe(id);
  });
});
