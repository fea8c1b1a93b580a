// The SDK's address-book resources against a real sandbox: smsc.contacts, smsc.groups, smsc.blacklist,
// smsc.senders, smsc.opTemplates, smsc.documents — round trips, the typed errors of each script's table, options
// checked before any request, and changes that are never sent twice.
import {
  CodeAlreadySentError,
  ConnectionError,
  InvalidOptionError,
  NoSuchSubclientError,
  NotFoundError,
  OperationFailedError,
  ParametersError,
  RateLimitError,
  Smsc,
  WrongCodeError,
} from "smsc";
import { extractCode, type Sandbox, startSandbox } from "smsc-sandbox";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { api } from "./api-helpers.js";
import { addSubclient } from "./sandbox-helpers.js";

const A = "+77011234567";
const B = "+77017654321";
let sb: Sandbox;
let smsc: Smsc;
let calls: string[];

beforeEach(async () => {
  sb = await startSandbox({
    port: 0,
    rateLimits: false,
    delays: { sentMs: 0, deliveredMs: 0 },
    senders: { moderationMs: "manual" },
  });
  await addSubclient(sb.url, "client1", "pw");
  calls = [];
  smsc = new Smsc({ login: "demo", password: "demo", baseUrl: sb.url, fetch: recording(calls) });
});
afterEach(async () => {
  await sb.close();
});

/** The real fetch, recording the script and its command of every call. */
function recording(log: string[], afterwards?: () => Error | undefined): typeof fetch {
  return async (input, init) => {
    const body = new URLSearchParams(String(init?.body));
    const command = [...body.keys()].find((k) => !["login", "psw", "fmt", "charset"].includes(k));
    log.push(`${String(input).replace(/^.*\/sys\//, "")} ${command}`);
    const res = await fetch(input, init);
    const lost = afterwards?.();
    if (lost) throw lost;
    return res;
  };
}

describe("smsc.contacts and smsc.groups", () => {
  it("add, list, change, move and delete contacts and groups", async () => {
    const g1 = await smsc.groups.add({ name: "Clients", num: 10 });
    const g2 = await smsc.groups.add({ name: "VIP" });
    const id = await smsc.contacts.add({
      phones: [A, B],
      name: "Айгерим",
      groups: [g1],
      firstName: "Aigerim",
      birthday: new Date(1990, 1, 1),
      tags: ["vip", "kz"],
      mails: "a@example.kz",
    });
    expect(await smsc.contacts.list()).toEqual([
      expect.objectContaining({
        id,
        phones: ["77011234567", "77017654321"],
        name: "Айгерим",
        groups: [g1],
        firstName: "Aigerim",
        birthday: "01.02.1990",
        tags: ["vip", "kz"],
        mails: ["a@example.kz"],
      }),
    ]);
    await smsc.contacts.addToGroup(A, g2);
    expect((await smsc.contacts.list({ group: g2 })).map((c) => c.id)).toEqual([id]);
    await smsc.contacts.removeFromGroup(A, [g1]);
    await smsc.contacts.change(B, { phones: "+77021234567", comment: "moved" });
    expect(await smsc.contacts.list({ search: "7702" })).toMatchObject([
      { phones: ["77021234567"], groups: [g2], comment: "moved" },
    ]);
    await smsc.contacts.moveToGroup("+77021234567", g1);
    expect(await smsc.groups.list()).toMatchObject([
      { id: g1, name: "Clients", num: 10, type: 0, members: 1 },
      { id: g2, name: "VIP", num: 11, type: 0, members: 0 },
    ]);
    await smsc.groups.change(g2, { name: "Gold", num: 20 });
    await smsc.groups.delete(g1);
    expect(await smsc.groups.list()).toMatchObject([{ id: g2, name: "Gold", num: 20 }]);
    await smsc.contacts.delete("+77021234567");
    expect(await smsc.contacts.list()).toEqual([]);
    expect(await smsc.groups.list()).toHaveLength(1);
  });

  it("sends to a group with send({ phones: 'G<num>' }), each text with its contact's name", async () => {
    const g = await smsc.groups.add({ name: "Clients", num: 7 });
    await smsc.contacts.add({ phones: A, name: "Айгерим", groups: g });
    await smsc.contacts.add({ phones: B, name: "Bob", groups: g });
    const r = await smsc.send({ phones: "G7", message: "Hi %name%" });
    expect(r).toMatchObject({ cnt: 2, cost: 20 });
    expect(
      sb
        .messages()
        .map((m) => m.text)
        .sort(),
    ).toEqual(["Hi Bob", "Hi Айгерим"]);
  });

  it("throws the script's errors as classes, and checks options before any request", async () => {
    await expect(smsc.contacts.delete(A)).rejects.toBeInstanceOf(NotFoundError);
    await smsc.contacts.add({ phones: A });
    const taken = await smsc.contacts.add({ phones: A }).catch((e: unknown) => e);
    expect(taken).toBeInstanceOf(OperationFailedError);
    expect(taken).toMatchObject({ code: 5, endpoint: "phones", description: "operation error" });
    await expect(smsc.contacts.add({ phones: "12" })).rejects.toBeInstanceOf(ParametersError);
    await expect(smsc.groups.change(99, { name: "x" })).rejects.toBeInstanceOf(NotFoundError);
    const before = calls.length;
    await expect(smsc.contacts.add({ phones: A, nickname: "x" } as never)).rejects.toThrow(
      InvalidOptionError,
    );
    await expect(smsc.contacts.add({ phones: A, name: {} as never })).rejects.toThrow(/contacts\.add\.name/);
    await expect(smsc.contacts.add({ phones: A, birthday: new Date(Number.NaN) })).rejects.toThrow(
      InvalidOptionError,
    );
    expect(calls.length).toBe(before);
  });
});

describe("smsc.blacklist", () => {
  it("blocks a number (status 23, err 250) until it is removed; a second remove is NotFoundError", async () => {
    expect(await smsc.blacklist.add(A, { type: 0, comment: "asked to stop" })).toBeGreaterThan(0);
    const blocked = await smsc.send({ phones: A, message: "blocked" });
    expect(blocked).toMatchObject({ cnt: 0, cost: 0 });
    expect(await smsc.status({ id: blocked.id, phone: A })).toMatchObject({ status: 23, err: 250 });
    await smsc.blacklist.remove([A]);
    await expect(smsc.blacklist.remove(A)).rejects.toBeInstanceOf(NotFoundError);
    const open = await smsc.send({ phones: A, message: "open" });
    expect(await smsc.status({ id: open.id, phone: A })).toMatchObject({ status: 1 });
  });
});

describe("smsc.senders", () => {
  it("registers names, lists them with their state, changes and deletes them", async () => {
    const id = await smsc.senders.add({ sender: "Shop", comment: "online", inn: "123" });
    expect(await smsc.senders.list()).toEqual([]);
    expect(await smsc.senders.list({ all: true })).toMatchObject([
      { id, sender: "Shop", state: 0, inn: "123" },
    ]);
    await api(sb.url, "POST", `/senders/${id}/approve`);
    expect(await smsc.senders.list()).toMatchObject([{ id, state: 1 }]);
    await smsc.senders.change(id, { sender: "Shop2", comment: "renamed" });
    expect(await smsc.senders.list({ all: true })).toMatchObject([
      { sender: "Shop2", state: 0, comment: "renamed" },
    ]);
    await expect(smsc.senders.change("Shop2", { sender: "x" })).rejects.toThrow(InvalidOptionError);
    const mail = await smsc.senders.addMail("news@shop.kz", "newsletter");
    expect((await smsc.senders.list({ all: true, cnt: 5 })).find((s) => s.id === mail)).toMatchObject({
      sender: "news@shop.kz",
      comment: "newsletter",
    });
    await smsc.senders.delete("Shop2");
    await expect(smsc.senders.delete(id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(smsc.senders.add({ sender: "news@shop.kz" })).rejects.toBeInstanceOf(ParametersError);
  });

  it("confirms a digital name with the code its SMS carried: WrongCodeError, CodeAlreadySentError", async () => {
    await smsc.senders.add({ sender: A });
    await smsc.senders.sendCode(A, { siteName: "shop.kz" });
    const code = extractCode((await sb.waitForMessage({ phone: A })).text);
    await expect(smsc.senders.sendCode(A)).rejects.toBeInstanceOf(CodeAlreadySentError);
    const wrong = await smsc.senders.checkCode(A, code === "1111" ? "2222" : "1111").catch((e: unknown) => e);
    expect(wrong).toBeInstanceOf(WrongCodeError);
    expect(wrong).toMatchObject({ code: 11, endpoint: "senders" });
    await smsc.senders.checkCode(A, code);
    expect(await smsc.senders.list()).toMatchObject([{ sender: "77011234567", state: 1 }]);
  });
});

describe("smsc.opTemplates and smsc.documents", () => {
  it("register and list operator templates", async () => {
    expect(await smsc.opTemplates.list()).toEqual([]);
    const id = await smsc.opTemplates.add({
      sender: "Shop",
      message: "Код %s",
      mtsService: true,
      tele2Transactional: true,
    });
    expect(await smsc.opTemplates.list()).toMatchObject([
      {
        id,
        sender: "Shop",
        message: "Код %s",
        mtsService: true,
        tele2Transactional: true,
        beelineService: false,
      },
    ]);
  });

  it("issue an invoice to a sub-client and read it and its act; NoSuchSubclientError for a stranger", async () => {
    const id = await smsc.documents.createInvoice({ user: "client1", sum: 1500.5, service: "SMS" });
    expect(await smsc.documents.invoice(id)).toMatchObject({
      id,
      kind: "account",
      user: "client1",
      sum: 1500.5,
    });
    expect(await smsc.documents.act({ num: 1 })).toMatchObject({ id, kind: "act", currency: "KZT" });
    await expect(smsc.documents.createInvoice({ user: "nobody", sum: 1 })).rejects.toBeInstanceOf(
      NoSuchSubclientError,
    );
    await expect(smsc.documents.invoice(999)).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe("changes are never sent twice", () => {
  it("a change whose reply is lost throws ConnectionError after one request, while a read is retried", async () => {
    let lose = true;
    const log: string[] = [];
    const flaky = new Smsc({
      login: "demo",
      password: "demo",
      baseUrl: [sb.url, sb.url],
      maxRetries: 2,
      fetch: recording(log, () =>
        lose ? Object.assign(new Error("other side closed"), { code: "UND_ERR_SOCKET" }) : undefined,
      ),
    });
    const err = await flaky.contacts.add({ phones: A, name: "once" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConnectionError);
    expect((err as ConnectionError).maybeSent).toBe(true);
    expect(log).toEqual(["phones.php add"]);
    // it was made, once: the contact is there and a second add would be refused
    expect(await smsc.contacts.list()).toMatchObject([{ name: "once" }]);
    log.length = 0;
    let failures = 1;
    lose = false;
    const reader = new Smsc({
      login: "demo",
      password: "demo",
      baseUrl: sb.url,
      fetch: recording(log, () =>
        failures-- > 0 ? Object.assign(new Error("reset"), { code: "ECONNRESET" }) : undefined,
      ),
    });
    expect(await reader.contacts.list()).toHaveLength(1);
    expect(log).toEqual(["phones.php get", "phones.php get"]);
  });

  it("error 9 is thrown at once, not retried (the service's windows are a minute long)", async () => {
    await sb.close();
    sb = await startSandbox({ port: 0 });
    const limited = new Smsc({ login: "demo", password: "demo", baseUrl: sb.url });
    for (let i = 0; i < 3; i++) await limited.groups.list();
    await expect(limited.groups.list()).rejects.toBeInstanceOf(RateLimitError);
  });
});
