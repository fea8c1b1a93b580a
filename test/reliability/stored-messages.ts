// What a running sandbox has stored, read over its inspection API (black-box: works for an in-process sandbox and
// for the bin alike).

/** The fields of a stored message the reliability checks use (docs/inspection-api.md). */
export interface StoredMessage {
  id: number;
  /** The id status.php knows: the client's own id, or the send's server id. */
  messageId: string | number;
  phone: string;
  text: string;
  origin: string;
}

/** Every stored message, newest first, paging through `GET /api/v1/messages` 1000 at a time. */
export async function allMessages(base: string): Promise<StoredMessage[]> {
  const out: StoredMessage[] = [];
  let before: number | undefined;
  for (;;) {
    const q = new URLSearchParams({ limit: "1000" });
    if (before !== undefined) q.set("before", String(before));
    const res = await fetch(`${base}/api/v1/messages?${q}`);
    if (!res.ok) throw new Error(`GET /api/v1/messages answered ${res.status}`);
    const page = ((await res.json()) as { messages: StoredMessage[] }).messages;
    if (page.length === 0) return out;
    out.push(...page);
    before = page.at(-1)!.id;
  }
}

/** The key a send is looked up by: the id status.php knows and the number. */
export const sendKey = (messageId: string | number, phone: string) => `${messageId}|${phone}`;

/** How many stored messages each key has. */
export function countByKey(messages: StoredMessage[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const m of messages) {
    const k = sendKey(m.messageId, m.phone);
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  return counts;
}
