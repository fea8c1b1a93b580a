// The SDK side of callbacks: parse, verify, and the ready-made Node and fetch handlers, over real sockets.
import { createHash } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import {
  type Callback,
  CallbackError,
  callbackFetchHandler,
  callbackTarget,
  createCallbackHandler,
  encodeCallback,
  parseCallback,
  verifyCallback,
} from "smsc";
import { CHARSETS, encodeForm } from "smsc/protocol";
import { afterEach, describe, expect, it } from "vitest";

const STATUS = {
  id: 7,
  phone: "77011234567",
  status: 1,
  err: 0,
  type: 0,
  ts: 1_700_000_000,
  cnt: 1,
  cost: "10.00",
};
const INCOMING = {
  id: 55,
  phone: "77017654321",
  mes: "Привет, ёж!",
  to: "77000000000",
  sent: 1_700_000_000,
  ts: 1_700_000_001,
};

describe("parseCallback", () => {
  it("reads a status form body with its types", () => {
    const cb = parseCallback("id=7&phone=77011234567&status=20&err=1&type=0&ts=1700000000&cnt=2&cost=20.00");
    expect(cb).toMatchObject({
      kind: "status",
      id: "7",
      phone: "77011234567",
      status: 20,
      err: 1,
      cnt: 2,
      cost: 20,
    });
  });

  it("decodes windows-1251 by default and koi8-r / utf-8 when asked", () => {
    for (const charset of CHARSETS) {
      const body = encodeForm(
        Object.entries(INCOMING).map(([k, v]) => [k, String(v)] as const),
        charset,
      );
      const cb = parseCallback(body, { charset });
      expect(cb).toMatchObject({ kind: "incoming", mes: INCOMING.mes, to: INCOMING.to, sent: INCOMING.sent });
    }
    const cp1251 = encodeForm(
      [
        ["mes", "Ёж"],
        ["phone", "7"],
        ["to", "1"],
      ],
      "windows-1251",
    );
    expect((parseCallback(cp1251) as { mes: string }).mes).toBe("Ёж");
  });

  it("reads URLSearchParams, objects, JSON and XML", () => {
    expect(parseCallback(new URLSearchParams("id=1&status=0&phone=7")).kind).toBe("status");
    expect(parseCallback({ phone: "7", mes: "hi", to: "8" }).kind).toBe("incoming");
    expect(parseCallback('{"id":3,"phone":"7","status":1,"err":0}')).toMatchObject({ id: "3", status: 1 });
    expect(
      parseCallback(
        '<?xml version="1.0"?>\n<result>\n<phone>7</phone>\n<mes>a &amp; b</mes>\n<to>9</to>\n</result>',
      ),
    ).toMatchObject({ kind: "incoming", mes: "a & b" });
    expect(parseCallback("phone=7&ts=1700000000&waitcall=1")).toMatchObject({
      kind: "waitcall",
      ts: 1_700_000_000,
    });
  });

  it("rejects bodies that are not callbacks with CallbackError", () => {
    expect(() => parseCallback("hello=1")).toThrow(CallbackError);
    expect(() => parseCallback("{not json")).toThrow(CallbackError);
    expect(() => parseCallback("status=x&phone=7")).toThrow(CallbackError);
  });
});

describe("verifyCallback", () => {
  it("checks md5(id:phone:status:secret) as the spec gives it", () => {
    const md5 = createHash("md5").update("7:77011234567:1:s3cret").digest("hex");
    const cb = parseCallback(`id=7&phone=77011234567&status=1&err=0&md5=${md5}`);
    expect(verifyCallback(cb, "s3cret")).toBe(true);
    expect(verifyCallback(cb, "other")).toBe(false);
    expect(verifyCallback(parseCallback("id=7&phone=77011234567&status=1"), "s3cret")).toBe(false);
  });

  it("round-trips every algorithm × charset × fmt through encodeCallback", () => {
    for (const algo of ["md5", "sha1", "crc32"] as const)
      for (const charset of CHARSETS)
        for (const fmt of ["", "&fmt=2", "&fmt=3"]) {
          const target = callbackTarget(`http://h/cb?charset=${charset}${fmt}&${algo}=k%C3%A9y`);
          expect(target.url).not.toContain("k%C3%A9y");
          expect(target.redactedUrl).toContain(`${algo}=***`);
          for (const [kind, values] of [
            ["status", STATUS],
            ["incoming", INCOMING],
          ] as const) {
            const enc = encodeCallback(kind, values, target);
            const cb = parseCallback(enc.body, { charset: target.charset });
            expect(cb.kind).toBe(kind);
            expect(cb.signature?.algorithm).toBe(algo);
            expect(verifyCallback(cb, "kéy")).toBe(true);
            expect(verifyCallback(cb, "key")).toBe(false);
            if (cb.kind === "incoming") expect(cb.mes).toBe(INCOMING.mes);
          }
        }
  });
});

let server: Server | undefined;
afterEach(async () => {
  if (server) await new Promise((r) => server!.close(r));
  server = undefined;
});

async function listen(handler: Parameters<typeof createServer>[1]): Promise<string> {
  server = createServer(handler);
  await new Promise<void>((r) => server!.listen(0, "127.0.0.1", r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/cb`;
}

describe("createCallbackHandler (Node http)", () => {
  it("answers 200 OK and calls the hook of the kind; 403 for a bad signature; 400 for junk; 500 when a hook throws", async () => {
    const seen: Callback[] = [];
    const url = await listen(
      createCallbackHandler({
        secret: "s3cret",
        onStatus: (cb) => {
          if (cb.id === "666") throw new Error("db down");
          seen.push(cb);
        },
        onIncoming: (cb) => {
          seen.push(cb);
        },
      }),
    );
    const target = callbackTarget(`${url}?md5=s3cret`);
    const post = (body: Uint8Array<ArrayBuffer> | string, type = "application/x-www-form-urlencoded") =>
      fetch(target.url, { method: "POST", headers: { "Content-Type": type }, body });
    const ok = await post(encodeCallback("incoming", INCOMING, target).body);
    expect([ok.status, await ok.text()]).toEqual([200, "OK"]);
    expect(seen[0]).toMatchObject({ kind: "incoming", mes: INCOMING.mes });
    const forged = await post(encodeCallback("status", STATUS, callbackTarget(`${url}?md5=guess`)).body);
    expect(forged.status).toBe(403);
    expect((await post("junk=1")).status).toBe(400);
    expect((await post(encodeCallback("status", { ...STATUS, id: 666 }, target).body)).status).toBe(500);
    expect(seen).toHaveLength(1);
  });

  it("works as Express-style middleware with a parsed body", async () => {
    const seen: Callback[] = [];
    const handler = createCallbackHandler({ onStatus: (cb) => void seen.push(cb) });
    const url = await listen((req, res) => {
      (req as unknown as { body: unknown }).body = { id: "9", phone: "7", status: "3", err: "0" };
      handler(req as never, res, (err) => {
        throw err;
      });
    });
    const r = await fetch(url, { method: "POST", body: "" });
    expect(r.status).toBe(200);
    expect(seen[0]).toMatchObject({ id: "9", status: 3 });
  });
});

describe("callbackFetchHandler", () => {
  it("handles a Request, reading the charset from its Content-Type", async () => {
    const seen: Callback[] = [];
    const handle = callbackFetchHandler({ secret: "k", onIncoming: (cb) => void seen.push(cb) });
    const target = callbackTarget("http://x/cb?charset=koi8-r&sha1=k");
    const enc = encodeCallback("incoming", INCOMING, target);
    const res = await handle(
      new Request(target.url, {
        method: "POST",
        headers: { "Content-Type": enc.contentType },
        body: enc.body,
      }),
    );
    expect([res.status, await res.text()]).toEqual([200, "OK"]);
    expect(seen[0]).toMatchObject({ mes: INCOMING.mes });
    expect((await handle(new Request("http://x/cb", { method: "PUT" }))).status).toBe(405);
  });
});
