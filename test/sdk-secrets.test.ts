// No secret in any output, even when a peer echoes the request back (issue "Sandbox security and robustness", items
// 7 and 8). Real peers on 127.0.0.1: an HTTP server that echoes the request URL, headers and body into its reply (as
// text, as a JSON error, with 200 and with 500), a reverse proxy whose error page quotes the request, an SMTP relay
// that quotes AUTH and the letter in its refusals, and an SMPP server that echoes the bind password. Every output is
// searched for every encoding of the secrets: error messages, stacks, causes, util.inspect and JSON.stringify of
// errors and SDK objects, the debug log, the compat debug messages and the CLI's -v output.
import { createServer, type IncomingMessage, request, type Server, type ServerResponse } from "node:http";
import net from "node:net";
import { inspect } from "node:util";
import { resolveOptions, Smsc, Transport } from "smsc";
import { SMSC } from "smsc/compat";
import { sendMail } from "smsc/mail";
import { decodePdu, encodeForm, encodePdu, SmppFrameReader } from "smsc/protocol";
import { SmppClient } from "smsc/smpp";
import { type Sandbox, startSandbox } from "smsc-sandbox";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt, smsc as runCli } from "./cli-helpers.js";

const PASSWORD = "Pw-S3cret &=+/é";
const API_KEY = "key-9f8e7d6c5b4a";
const MAIL_PASSWORD = "mailPw-7x&=+";
const RELAY_USER = "relay-user";
const RELAY_PASS = "relay-Pass-42";
const SMPP_PASSWORD = "SmPw8!x7";

const b64 = (s: string) => Buffer.from(s, "utf8").toString("base64");

/** Every form in which a secret could reach an output: raw, percent-encoded both ways, base64, JSON-escaped. */
function forms(secret: string): string[] {
  return [
    secret,
    encodeURIComponent(secret),
    encodeURIComponent(secret).replace(/%20/g, "+"),
    encodeForm([["x", secret]], "utf-8").slice(2),
    b64(secret),
    JSON.stringify(secret).slice(1, -1),
  ];
}
const NEEDLES = [
  ...[PASSWORD, API_KEY, MAIL_PASSWORD, RELAY_PASS, SMPP_PASSWORD].flatMap(forms),
  b64(`\0${RELAY_USER}\0${RELAY_PASS}`),
];

/** The secrets (in any form) that occur in a text. */
function leaks(text: string): string[] {
  return [...new Set(NEEDLES.filter((n) => text.includes(n)))];
}

/** Every output an error can produce, its cause chain included. */
function errorOutputs(e: unknown): string {
  const out: string[] = [];
  let cur: unknown = e;
  for (let depth = 0; cur !== undefined && depth < 10; depth++) {
    const err = cur as Error & { cause?: unknown };
    out.push(String(err), err?.message ?? "", err?.stack ?? "", JSON.stringify(err) ?? "");
    cur = err?.cause;
  }
  out.push(inspect(e, { depth: Number.POSITIVE_INFINITY }));
  out.push(inspect(e, { depth: Number.POSITIVE_INFINITY, showHidden: true }));
  return out.join("\n");
}

/** Every output of an SDK object: util.inspect (console.log uses it), with hidden properties too, and JSON. */
function objectOutputs(o: unknown): string {
  return [
    inspect(o, { depth: Number.POSITIVE_INFINITY }),
    inspect(o, { depth: 4, showHidden: true }),
    String(JSON.stringify(o) ?? ""),
  ].join("\n");
}

/** A debug logger that keeps every line the way a console logger would show it. */
function captureLogger() {
  const lines: string[] = [];
  return {
    lines,
    logger: {
      debug: (message: string, details?: Record<string, unknown>) =>
        lines.push(`${message} ${JSON.stringify(details ?? {})} ${inspect(details, { depth: 8 })}`),
    },
  };
}

async function listen(server: Server | net.Server): Promise<number> {
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  return (server.address() as net.AddressInfo).port;
}

async function readAll(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/**
 * Echoes each request back; the first path segment picks how: `text200`/`text500` the request as plain text,
 * `json-error` a fmt=3 error whose description is the request, `fmt1` a fmt=1 reply made of the request.
 */
async function startEcho(): Promise<{ server: Server; url: string }> {
  const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    const body = await readAll(req);
    const echo = `${req.method} ${req.url}\n${JSON.stringify(req.headers)}\n${body}`;
    const mode = req.url!.split("/")[1];
    if (mode === "json-error") {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: echo, error_code: 2 }));
    } else if (mode === "fmt1") {
      res.writeHead(200, { "content-type": "text/plain" });
      res.end(`${body},-2`);
    } else {
      res.writeHead(mode === "text500" ? 500 : 200, { "content-type": "text/plain; charset=utf-8" });
      res.end(echo);
    }
  });
  return { server, url: `http://127.0.0.1:${await listen(server)}` };
}

/** A reverse proxy to the sandbox whose send.php errors are a 502 page quoting the request, like a debug proxy. */
async function startQuotingProxy(upstream: string): Promise<{ server: Server; url: string }> {
  const server = createServer(async (req, res) => {
    const body = await readAll(req);
    if (req.url!.includes("send.php")) {
      res.writeHead(502, { "content-type": "text/html" });
      res.end(`<h1>502 Bad Gateway</h1><pre>${req.method} ${req.url}\n${body}</pre>`);
      return;
    }
    const target = new URL(req.url!, upstream);
    const up = request(target, { method: req.method, headers: req.headers }, (u) => {
      res.writeHead(u.statusCode!, u.headers);
      u.pipe(res);
    });
    up.end(body);
  });
  return { server, url: `http://127.0.0.1:${await listen(server)}` };
}

/** An SMTP relay that quotes what it was sent: AUTH in its 535, the letter in its 554. */
async function startQuotingSmtp(): Promise<{ server: net.Server; port: number }> {
  const server = net.createServer((socket) => {
    let buf = "";
    let data = false;
    let letter = "";
    socket.write("220 quoting.test ESMTP\r\n");
    socket.on("data", (d: Buffer) => {
      buf += d.toString("latin1");
      for (let nl = buf.indexOf("\r\n"); nl >= 0; nl = buf.indexOf("\r\n")) {
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 2);
        if (data) {
          if (line === ".") {
            data = false;
            socket.write(`554-rejected letter:\r\n554 ${letter.replace(/\r?\n/g, " | ").slice(0, 400)}\r\n`);
          } else letter += `${line}\n`;
          continue;
        }
        const verb = line.split(" ")[0]!.toUpperCase();
        if (verb === "EHLO") socket.write("250-quoting.test\r\n250 AUTH PLAIN LOGIN\r\n");
        else if (verb === "AUTH") {
          if (line === `AUTH PLAIN ${b64(`\0${RELAY_USER}\0${RELAY_PASS}`)}`) socket.write("235 ok\r\n");
          else socket.write(`535 5.7.8 not accepted: ${line}\r\n`);
        } else if (verb === "MAIL" || verb === "RCPT") socket.write("250 ok\r\n");
        else if (verb === "DATA") {
          data = true;
          socket.write("354 go on\r\n");
        } else if (verb === "QUIT") socket.end("221 bye\r\n");
        else socket.write(`500 unknown command: ${line}\r\n`);
      }
    });
    socket.on("error", () => undefined);
  });
  return { server, port: await listen(server) };
}

/** An SMPP server that refuses every bind with ESME_RINVPASWD, echoing the password as its system_id. */
async function startEchoSmpp(): Promise<{ server: net.Server; port: number }> {
  const server = net.createServer((socket) => {
    const reader = new SmppFrameReader();
    socket.on("data", (chunk: Buffer) => {
      for (const frame of reader.push(chunk)) {
        const pdu = decodePdu(frame);
        if (pdu.command === "bind_transceiver")
          socket.write(
            encodePdu({
              command: "bind_transceiver_resp",
              command_status: 0x0e,
              sequence_number: pdu.sequence_number,
              system_id: pdu.password,
            }),
          );
      }
    });
    socket.on("error", () => undefined);
  });
  return { server, port: await listen(server) };
}

let sb: Sandbox;
let echo: { server: Server; url: string };
let proxy: { server: Server; url: string };
const closers: Array<() => Promise<unknown>> = [];

beforeAll(async () => {
  ensureBuilt();
  sb = await startSandbox({
    rateLimits: false,
    accounts: [{ login: "alice", password: PASSWORD, apikey: API_KEY }],
  });
  echo = await startEcho();
  proxy = await startQuotingProxy(sb.url);
  for (const s of [echo.server, proxy.server]) closers.push(() => new Promise((r) => s.close(r)));
});
afterAll(async () => {
  for (const close of closers) await close();
  await sb.close();
});

const credentials = [{ login: "alice", password: PASSWORD }, { apiKey: API_KEY }] as const;

describe("Smsc against a peer that echoes the request", () => {
  for (const creds of credentials) {
    const label = "apiKey" in creds ? "API key" : "password";
    for (const mode of ["text200", "text500", "json-error"]) {
      it(`keeps the ${label} out of errors and the debug log (${mode})`, async () => {
        const { lines, logger } = captureLogger();
        const client = new Smsc({ ...creds, baseUrl: `${echo.url}/${mode}`, logger, maxRetries: 1 });
        const caught: unknown[] = [];
        for (const call of [
          () => client.send({ phones: "77011234567", message: "hi" }),
          () => client.balance(),
          () => client.status({ id: 1, phone: "77011234567" }),
          () => client.cost({ phones: "77011234567", message: "hi" }),
        ])
          caught.push(await call().catch((e: unknown) => e));
        for (const e of caught) expect(e).toBeInstanceOf(Error);
        const out = [...caught.map(errorOutputs), ...lines, objectOutputs(client)].join("\n");
        expect(leaks(out)).toEqual([]);
        // the debug log still says what was asked, with the secret masked, and what came back
        expect(lines.join("\n")).toContain(`"${"apiKey" in creds ? "apikey" : "psw"}":"***"`);
        expect(lines.some((l) => l.startsWith("smsc response"))).toBe(true);
      });
    }
  }

  it("keeps the password out of a SendOutcomeUnknownError from a proxy whose error page quotes the request", async () => {
    const { lines, logger } = captureLogger();
    const client = new Smsc({ login: "alice", password: PASSWORD, baseUrl: [proxy.url, proxy.url], logger });
    const e = await client
      .send({ phones: "77011234567", message: "via a quoting proxy" })
      .catch((x: unknown) => x);
    expect((e as Error).name).toBe("SendOutcomeUnknownError");
    expect(leaks([errorOutputs(e), ...lines].join("\n"))).toEqual([]);
  });

  it("never shows secrets in util.inspect or JSON of the client, its transport and resolved options", () => {
    for (const creds of credentials) {
      const client = new Smsc({ ...creds, baseUrl: sb.url });
      const options = resolveOptions({ ...creds, baseUrl: sb.url });
      const transport = new Transport(options);
      const out = [client, options, transport, client.withOptions({ timeout: 5 })]
        .map(objectOutputs)
        .join("\n");
      expect(leaks(out)).toEqual([]);
      // and still tells what it is
      expect(inspect(transport)).toContain(sb.url);
    }
    // a URL that carries credentials is refused without repeating them
    const bad = (() => {
      try {
        return new Smsc({
          apiKey: API_KEY,
          baseUrl: `http://alice:${encodeURIComponent(PASSWORD)}@exa mple`,
        });
      } catch (e) {
        return e;
      }
    })();
    expect(leaks(errorOutputs(bad))).toEqual([]);
  });

  it("still works against the real sandbox with the same secrets", async () => {
    const client = new Smsc({ login: "alice", password: PASSWORD, baseUrl: sb.url });
    const r = await client.send({ phones: "77011234567", message: "the real thing" });
    expect(r.cnt).toBe(1);
    expect((await new Smsc({ apiKey: API_KEY, baseUrl: sb.url }).balance()).balance).toBe(990);
  });
});

describe("compat SMSC against an echoing peer", () => {
  it("keeps the password out of the libraries' debug messages and of inspect", async () => {
    const messages: string[] = [];
    const compat = new SMSC({
      login: "alice",
      password: PASSWORD,
      baseUrl: `${echo.url}/fmt1`,
      debug: true,
      logger: (m) => messages.push(m),
      mail: { relay: { host: "127.0.0.1", port: 1, auth: { user: RELAY_USER, pass: RELAY_PASS } } },
    });
    await compat.send_sms("77011234567", "hi");
    await compat.get_sms_cost("77011234567", "hi");
    await compat.get_status(1, "77011234567");
    await compat.get_balance();
    const dead = new SMSC({
      login: "alice",
      password: PASSWORD,
      baseUrl: "http://127.0.0.1:1",
      debug: true,
      logger: (m) => messages.push(m),
    });
    await dead.get_balance();
    expect(messages.length).toBeGreaterThanOrEqual(5);
    expect(leaks([...messages, objectOutputs(compat)].join("\n"))).toEqual([]);
  });
});

describe("the CLI's -v output", () => {
  for (const mode of ["text200", "json-error", "text500"]) {
    it(`shows no secret with an echoing peer (${mode})`, async () => {
      for (const auth of [
        ["--login", "alice", "--password", PASSWORD],
        ["--api-key", API_KEY],
      ]) {
        const r = await runCli([
          "send",
          "77011234567",
          "hi",
          "-v",
          "--base-url",
          `${echo.url}/${mode}`,
          ...auth,
        ]);
        expect(r.code).not.toBe(0);
        expect(r.stderr).toContain("smsc request");
        expect(leaks(r.stdout + r.stderr)).toEqual([]);
        const j = await runCli([
          "balance",
          "-v",
          "--json",
          "--max-retries",
          "0",
          "--base-url",
          `${echo.url}/${mode}`,
          ...auth,
        ]);
        expect(leaks(j.stdout + j.stderr)).toEqual([]);
      }
    });
  }
});

describe("sendMail against a relay that quotes what it was sent", () => {
  it("keeps the account and relay passwords out of SmtpError, its cause and the debug log", async () => {
    const relay = await startQuotingSmtp();
    closers.push(() => new Promise((r) => relay.server.close(r)));
    const { lines, logger } = captureLogger();
    const caught: unknown[] = [];
    // a refused AUTH PLAIN quotes the credentials line
    caught.push(
      await sendMail(
        { phones: "77011234567", message: "hi" },
        {
          login: "alice",
          password: MAIL_PASSWORD,
          relay: {
            host: "127.0.0.1",
            port: relay.port,
            starttls: "never",
            auth: { user: RELAY_USER, pass: `${RELAY_PASS}-wrong` },
          },
          logger,
        },
      ).catch((e: unknown) => e),
    );
    // an accepted AUTH, then a refused letter that quotes the letter (which holds the password)
    for (const creds of [{ login: "alice", password: MAIL_PASSWORD }, { apiKey: API_KEY }])
      caught.push(
        await sendMail(
          { phones: "77011234567", message: "hi" },
          {
            ...creds,
            relay: {
              host: "127.0.0.1",
              port: relay.port,
              starttls: "never",
              auth: { user: RELAY_USER, pass: RELAY_PASS },
            },
            logger,
          },
        ).catch((e: unknown) => e),
      );
    for (const e of caught) expect((e as Error).name).toBe("SmtpError");
    expect((caught[1] as { response: string }).response).toContain("rejected letter");
    expect(leaks([...caught.map(errorOutputs), ...lines].join("\n"))).toEqual([]);
    // the relay's own password, wrong or right, is masked too
    expect([...caught.map(errorOutputs), ...lines].join("\n")).not.toContain(RELAY_PASS);
  });
});

describe("SmppClient", () => {
  it("never shows its password in util.inspect, JSON, or a refused bind whose answer echoes it", async () => {
    const peer = await startEchoSmpp();
    closers.push(() => new Promise((r) => peer.server.close(r)));
    const { lines, logger } = captureLogger();
    const client = new SmppClient({
      systemId: "alice",
      password: SMPP_PASSWORD,
      host: "127.0.0.1",
      port: peer.port,
      reconnect: false,
      logger,
    });
    const before = objectOutputs(client) + objectOutputs(client.options);
    const e = await client.connect().catch((x: unknown) => x);
    expect((e as Error).name).toBe("SmppBindError");
    const after = objectOutputs(client) + objectOutputs(client.options);
    await client.close();
    expect(leaks([before, after, errorOutputs(e), ...lines].join("\n"))).toEqual([]);
    expect(inspect(client)).toContain("alice");
  });
});
