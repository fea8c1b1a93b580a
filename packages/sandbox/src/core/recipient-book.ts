import type { Store } from "../store/store.js";
import type { Contacts } from "./contacts.js";
import type { RecipientBook } from "./plan-send.js";
import type { Senders } from "./senders.js";

/**
 * What send.php learns from phones.php and senders.php: group members, contacts' fields, and the refusals of the
 * black list and of unregistered senders (black list first).
 */
export function createRecipientBook(store: Store, contacts: Contacts, senders: Senders): RecipientBook {
  return {
    group: (accountId, num, kind) => contacts.group(accountId, num, kind),
    contact: (accountId, address) => contacts.contact(accountId, address),
    refusal(accountId, address, send) {
      const account = store.accountById(accountId);
      return (
        contacts.refusal(accountId, address, send) ?? (account ? senders.refusal(account, send) : undefined)
      );
    },
  };
}
