const ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz";

/** Length of a generated id: 20 base-36 characters (~103 bits), well inside the 40 the service allows. */
export const GENERATED_ID_LENGTH = 20;

/**
 * A fresh client-assigned message id (spec §2.1: up to 40 of [A-Za-z0-9._-]) drawn from `random`. The SDK sends
 * one with every send so that a send whose reply was lost can be looked up, and resent under the same id.
 */
export function generateMessageId(random: () => number): string {
  let id = "";
  for (let i = 0; i < GENERATED_ID_LENGTH; i++) id += ALPHABET[Math.floor(random() * ALPHABET.length)] ?? "0";
  return id;
}
