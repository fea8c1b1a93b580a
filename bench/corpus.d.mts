/** One corpus text and the language mix it was built from. */
export interface CorpusText {
  kind: string;
  text: string;
}

/** The fixed-seed text corpus shared by the estimate benchmark and the billing agreement test. */
export function corpus(): CorpusText[];
