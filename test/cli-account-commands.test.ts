// The built `smsc` command's account-management commands against a real sandbox: templates, mailings, subclients
// and numbers, their JSON and human output, their errors as exit codes (10 + the service's code).
import { type Sandbox, startSandbox } from "smsc-sandbox";
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ensureBuilt, smsc } from "./cli-helpers.js";

beforeAll(ensureBuilt, 180_000);

let sb: Sandbox;
beforeEach(async () => {
  sb = await startSandbox({ port: 0, rateLimits: false });
});
afterEach(async () => {
  await sb.close();
});

const auth = (login = "demo", password = "demo") => [
  "--base-url",
  sb.url,
  "--login",
  login,
  "--password",
  password,
];
const out = (r: { stdout: string }) => JSON.parse(r.stdout);

describe("smsc templates", () => {
  it("adds, lists, renders, sends, updates and deletes", async () => {
    const add = await smsc([
      "templates",
      "add",
      ...auth(),
      "--name",
      "otp",
      "--text",
      "Code %1",
      "--sender",
      "Shop",
    ]);
    expect(add.code).toBe(0);
    const { id } = out(add);
    expect(out(await smsc(["templates", "list", ...auth(), "--json", "id,name"]))).toEqual([
      { id, name: "otp" },
    ]);
    expect(out(await smsc(["templates", "render", "otp", ...auth(), "--arg", "42"]))).toEqual({
      text: "Code 42",
    });
    const sent = await smsc(["templates", "send", "otp", ...auth(), "--to", "77011234567", "--arg", "7"]);
    expect(out(sent)).toMatchObject({ cnt: 1, cost: 10 });
    expect(sb.latest()).toMatchObject({ text: "Code 7", sender: "Shop" });
    expect((await smsc(["templates", "update", String(id), ...auth(), "--text", "New %1"])).code).toBe(0);
    expect(out(await smsc(["templates", "delete", String(id), ...auth()]))).toEqual({ deleted: true, id });
    const gone = await smsc(["templates", "delete", String(id), ...auth()]);
    expect(gone.code).toBe(13);
    expect(JSON.parse(gone.stderr).error).toMatchObject({ code: 3, name: "NotFoundError" });
    expect((await smsc(["templates", "list", ...auth()])).stdout.trim()).toBe("[]");
  });

  it("explains a missing action and missing flags", async () => {
    const r = await smsc(["templates", ...auth()]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/list, add, update, delete, render, send/);
    expect((await smsc(["templates", "add", ...auth(), "--name", "x"])).stderr).toMatch(/--name and --text/);
  });
});

describe("smsc mailings", () => {
  it("creates, shows, lists, cancels and deletes mailings", async () => {
    const now = await smsc([
      "mailings",
      "create",
      ...auth(),
      "--name",
      "Now",
      "--to",
      "77011234567",
      "-m",
      "Hi all",
    ]);
    expect(now.code).toBe(0);
    const { id } = out(now);
    expect(sb.latest()).toMatchObject({ text: "Hi all" });
    expect(out(await smsc(["mailings", "show", String(id), ...auth()]))).toMatchObject({
      id,
      name: "Now",
      statusName: "done",
      runs: 1,
      cnt: 1,
    });
    const later = out(
      await smsc([
        "mailings",
        "create",
        ...auth(),
        "--name",
        "Later",
        "--to",
        "77011234567",
        "-m",
        "Daily",
        "--time",
        "+60",
        "--repeat",
        "daily",
        "--repeats",
        "3",
        "--fallback",
        "SMS",
      ]),
    );
    expect(
      out(await smsc(["mailings", "list", ...auth(), "--json", "id,statusName,repeat,repeats"])),
    ).toEqual([
      { id: later.id, statusName: "waiting", repeat: 2, repeats: 3 },
      { id, statusName: "done", repeat: 0, repeats: null },
    ]);
    expect(out(await smsc(["mailings", "cancel", String(later.id), ...auth()]))).toEqual({
      cancelled: true,
      id: later.id,
    });
    expect(out(await smsc(["mailings", "delete", String(later.id), ...auth()]))).toEqual({
      deleted: true,
      id: later.id,
    });
    const gone = await smsc(["mailings", "show", String(later.id), ...auth()]);
    expect(gone.code).toBe(13);
    const bad = await smsc([
      "mailings",
      "create",
      ...auth(),
      "--name",
      "x",
      "--to",
      "1",
      "-m",
      "x",
      "--time",
      "99",
    ]);
    expect(bad.code).toBe(15);
    expect(
      (await smsc(["mailings", "create", ...auth(), "--name", "x", "--to", "1", "--repeat", "often"])).code,
    ).toBe(2);
  });
});

describe("smsc subclients and numbers", () => {
  it("adds a sub-client, pays it, and its send through the CLI is paid from its own balance", async () => {
    const add = await smsc([
      "subclients",
      "add",
      "shop",
      ...auth(),
      "--user-password",
      "pw",
      "--email",
      "s@x.kz",
    ]);
    expect(add.code).toBe(0);
    expect(out(add)).toMatchObject({ login: "shop", id: expect.any(Number) });
    expect(out(await smsc(["subclients", "pay", "shop", "30", ...auth()]))).toEqual({
      login: "shop",
      balance: 30,
    });
    const sent = await smsc(["send", ...auth("shop", "pw"), "77011234567", "From", "the", "shop"]);
    expect(out(sent)).toMatchObject({ cost: 10, balance: 20 });
    expect(out(await smsc(["balance", ...auth()]))).toMatchObject({ balance: 970 });
    expect(
      out(await smsc(["subclients", "stats", ...auth(), "--json", "login,sms,credit,debit,balance"])),
    ).toEqual([{ login: "shop", sms: 1, credit: 10, debit: 30, balance: 20 }]);
    expect((await smsc(["subclients", "update", "shop", ...auth(), "--test-mode", "on"])).code).toBe(0);
    expect(out(await smsc(["send", ...auth("shop", "pw"), "77011234567", "virtual"]))).toMatchObject({
      cost: 0,
      balance: 20,
    });
    const nobody = await smsc(["subclients", "pay", "nobody", "1", ...auth()]);
    expect(nobody.code).toBe(16);
    expect(JSON.parse(nobody.stderr).error).toMatchObject({ code: 6, name: "NoSuchSubclientError" });
    const broke = await smsc(["subclients", "pay", "shop", "100000", ...auth()]);
    expect(JSON.parse(broke.stderr).error).toMatchObject({ code: 10, name: "NoMoneyError" });
    expect(broke.code).toBe(3);
  });

  it("lists, buys and sets the renewal of a number, and refuses one already rented (11)", async () => {
    const list = out(await smsc(["numbers", "list", ...auth(), "--json", "phone,status"]));
    expect(list).toHaveLength(10);
    expect(list[0]).toEqual({ phone: "77009000000", status: 0 });
    const bought = await smsc(["numbers", "buy", "77009000003", ...auth(), "--no-renew"]);
    expect(out(bought)).toMatchObject({ phone: "77009000003", status: 1, noprolong: 1 });
    expect(out(await smsc(["numbers", "renew", "77009000003", "on", ...auth()]))).toEqual({
      phone: "77009000003",
      autoRenew: true,
    });
    const again = await smsc(["numbers", "buy", "77009000003", ...auth()]);
    expect(again.code).toBe(11);
  });
});
