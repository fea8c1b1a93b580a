import type { SqliteDatabase } from "./sqlite.js";

/** A rented inbound number (receive_phones.php). */
export interface Rental {
  /** Digits. */
  phone: string;
  accountId: number;
  rentedAt: number;
  /** The end of the paid period, ms. */
  paidUntil: number;
  /** Not renewed at the end of the paid period. */
  noprolong: boolean;
}

/** The rentals' SQL; money moves through the accounts (store/accounts.ts), in the same transaction. */
export interface NumberQueries {
  /** Every rental, by number. */
  all(): Rental[];
  byPhone(phone: string): Rental | undefined;
  /** Records a rental and its charge (inside the caller's transaction). */
  rent(r: Rental, chargeMinor: number): void;
  /** Extends a rental to a new end and records the renewal's charge (inside the caller's transaction). */
  renew(phone: string, paidUntil: number, chargeMinor: number, at: number): void;
  /** Sets a rental's renewal flag; false when the account does not rent the number. */
  setNoprolong(accountId: number, phone: string, noprolong: boolean): boolean;
  /** Ends a rental. */
  release(phone: string): void;
}

interface Row {
  phone: string;
  account_id: number;
  rented_at: number;
  paid_until: number;
  noprolong: number;
}

const toRental = (r: Row): Rental => ({
  phone: r.phone,
  accountId: r.account_id,
  rentedAt: r.rented_at,
  paidUntil: r.paid_until,
  noprolong: r.noprolong === 1,
});

/** Prepares the rentals' statements. */
export function createNumberQueries(db: SqliteDatabase): NumberQueries {
  const q = {
    all: db.prepare("SELECT * FROM rented_numbers ORDER BY phone"),
    one: db.prepare("SELECT * FROM rented_numbers WHERE phone = ?"),
    rent: db.prepare(
      "INSERT INTO rented_numbers (phone, account_id, rented_at, paid_until, noprolong) VALUES (?, ?, ?, ?, ?)",
    ),
    charge: db.prepare(
      "INSERT INTO number_charges (phone, account_id, amount_minor, kind, at) VALUES (?, ?, ?, ?, ?)",
    ),
    extend: db.prepare("UPDATE rented_numbers SET paid_until = ? WHERE phone = ?"),
    noprolong: db.prepare("UPDATE rented_numbers SET noprolong = ? WHERE phone = ? AND account_id = ?"),
    release: db.prepare("DELETE FROM rented_numbers WHERE phone = ?"),
  };
  return {
    all: () => (q.all.all() as Row[]).map(toRental),
    byPhone(phone) {
      const r = q.one.get(phone) as Row | undefined;
      return r ? toRental(r) : undefined;
    },
    rent(r, chargeMinor) {
      q.rent.run(r.phone, r.accountId, r.rentedAt, r.paidUntil, r.noprolong ? 1 : 0);
      q.charge.run(r.phone, r.accountId, chargeMinor, "buy", r.rentedAt);
    },
    renew(phone, paidUntil, chargeMinor, at) {
      const r = q.one.get(phone) as Row | undefined;
      if (!r) return;
      q.extend.run(paidUntil, phone);
      q.charge.run(phone, r.account_id, chargeMinor, "renew", at);
    },
    setNoprolong: (accountId, phone, noprolong) =>
      Number(q.noprolong.run(noprolong ? 1 : 0, phone, accountId).changes) > 0,
    release(phone) {
      q.release.run(phone);
    },
  };
}
