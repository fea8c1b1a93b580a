/** What a magic number does to a send. */
export interface MagicBehaviour {
  /** What it is for, for the docs and the inbox. */
  readonly doc: string;
  /** The send is stored and debited, then the adapter loses the reply (HTTP: the socket is destroyed unanswered). */
  readonly dropReply?: boolean;
  /** Status the message ends in instead of 1 (delivered). */
  readonly finalStatus?: number;
  /** Delivery error code that goes with `finalStatus`. */
  readonly finalErr?: number;
}

/**
 * Phone numbers (digits only) with scripted behaviour, for testing clients against failure modes. Every other
 * number is delivered normally. docs/sandbox.md lists them.
 */
export const MAGIC_NUMBERS = {
  "77000000099": {
    doc: "Stored and debited, then the reply is lost: the HTTP adapter closes the connection without answering (failover / retry tests). Status lookups work normally.",
    dropReply: true,
  },
} as const satisfies Record<string, MagicBehaviour>;

/** The behaviour of a number given as digits, if it is magic. */
export function magicNumber(digits: string): MagicBehaviour | undefined {
  return (MAGIC_NUMBERS as Record<string, MagicBehaviour>)[digits];
}
