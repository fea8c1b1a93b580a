// The proxy recipe of docs/sdk.md (the seed's ЕСТЬ_ПРОКСИ / ПРОКСИ_ЛОГИН / ПРОКСИ_ПАРОЛЬ): a fetch bound to undici's
// ProxyAgent, through a real authenticating proxy on 127.0.0.1, to a real sandbox.
import { createServer, type IncomingMessage, request, type Server } from "node:http";
import { connect, type Socket } from "node:net";
import { Smsc } from "smsc";
import { SMSC } from "smsc/compat";
import { type Sandbox, startSandbox } from "smsc-sandbox";
import { ProxyAgent, fetch as undiciFetch } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const PROXY_USER = "proxy-user";
const PROXY_PASSWORD = "proxy-secret-42";
const expected = `Basic ${Buffer.from(`${PROXY_USER}:${PROXY_PASSWORD}`).toString("base64")}`;

let sb: Sandbox;
let proxy: Server;
let proxyUrl: string;
const seen: Array<{ method: string; target: string }> = [];
const sockets = new Set<Socket>();

/** A forward proxy that demands Basic credentials: CONNECT tunnels and absolute-form requests. */
function startProxy(): Promise<Server> {
  const authorised = (req: IncomingMessage) => req.headers["proxy-authorization"] === expected;
  const server = createServer((req, res) => {
    if (!authorised(req)) {
      res.writeHead(407, { "proxy-authenticate": 'Basic realm="test"' }).end();
      return;
    }
    seen.push({ method: req.method!, target: req.url! });
    const target = new URL(req.url!);
    const headers = { ...req.headers };
    delete headers["proxy-authorization"];
    const upstream = request(
      {
        host: target.hostname,
        port: target.port,
        path: target.pathname + target.search,
        method: req.method,
        headers,
      },
      (up) => {
        res.writeHead(up.statusCode!, up.headers);
        up.pipe(res);
      },
    );
    req.pipe(upstream);
  });
  server.on("connect", (req: IncomingMessage, client: Socket, head: Buffer) => {
    sockets.add(client);
    client.on("close", () => sockets.delete(client));
    if (!authorised(req)) {
      client.end("HTTP/1.1 407 Proxy Authentication Required\r\n\r\n");
      return;
    }
    seen.push({ method: "CONNECT", target: req.url! });
    const [host, port] = req.url!.split(":");
    const upstream = connect(Number(port), host!, () => {
      client.write("HTTP/1.1 200 Connection Established\r\n\r\n");
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    sockets.add(upstream);
    upstream.on("close", () => sockets.delete(upstream));
    upstream.on("error", () => client.destroy());
    client.on("error", () => upstream.destroy());
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

/** The docs/sdk.md recipe: a fetch whose every request goes through the proxy. */
function proxiedFetch(token = expected): typeof fetch {
  const dispatcher = new ProxyAgent({ uri: proxyUrl, token });
  return ((input: string | URL | Request, init?: RequestInit) =>
    undiciFetch(input as string, { ...init, dispatcher } as never)) as unknown as typeof fetch;
}

beforeAll(async () => {
  sb = await startSandbox({ port: 0 });
  proxy = await startProxy();
  const a = proxy.address() as { port: number };
  proxyUrl = `http://127.0.0.1:${a.port}`;
});

afterAll(async () => {
  for (const s of sockets) s.destroy();
  await new Promise((r) => proxy.close(r));
  await sb.close();
});

describe("sending through an authenticating proxy", () => {
  it("sends, reads status and balance through the proxy, and never logs the proxy credentials", async () => {
    const logged: string[] = [];
    const smsc = new Smsc({
      login: "demo",
      password: "demo",
      baseUrl: sb.url,
      fetch: proxiedFetch(),
      logger: { debug: (m, d) => logged.push(`${m} ${JSON.stringify(d)}`) },
    });
    seen.length = 0;
    const sent = await smsc.send({ phones: "+77011230001", message: "через прокси" });
    const st = await smsc.status({ id: sent.id, phone: "+77011230001", all: 1 });
    expect(st.message).toBe("через прокси");
    expect((await smsc.balance()).balance).toBe(990);
    const host = new URL(sb.url).host;
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((s) => s.target.includes(host))).toBe(true);
    expect(sb.control.messages().filter((m) => m.phone === "77011230001")).toHaveLength(1);
    const all = logged.join("\n");
    for (const secret of [PROXY_PASSWORD, expected, "psw=demo"]) expect(all).not.toContain(secret);
  });

  it("compat takes the same fetch", async () => {
    const api = new SMSC({ login: "demo", password: "demo", baseUrl: sb.url, fetch: proxiedFetch() });
    const [id, cnt] = await api.send_sms("77011230002", "Ваш пароль: 123");
    expect(Number(id)).toBeGreaterThan(0);
    expect(cnt).toBe("1");
  });

  it("wrong proxy credentials: a connection error naming no secret, and nothing sent", async () => {
    const wrong = `Basic ${Buffer.from(`${PROXY_USER}:nope`).toString("base64")}`;
    const smsc = new Smsc({
      login: "demo",
      password: "demo",
      baseUrl: sb.url,
      fetch: proxiedFetch(wrong),
      maxRetries: 0,
    });
    const before = sb.control.messages().length;
    const err = await smsc.balance().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect(String((err as Error).message)).not.toContain("nope");
    expect(sb.control.messages()).toHaveLength(before);
  });
});
