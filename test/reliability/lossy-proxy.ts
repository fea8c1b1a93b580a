// A reverse proxy on 127.0.0.1 that loses replies after the request did its work: it forwards each request to the
// sandbox, reads the sandbox's whole reply (so a send is stored), and then, with probability `dropRate`, destroys
// the client's connection instead of answering. The client sees a reset after sending, the case where it cannot
// know whether its SMS went out.
import { Agent, createServer, request, type Server } from "node:http";
import type { AddressInfo, Socket } from "node:net";

/** A running lossy proxy. */
export interface LossyProxy {
  url: string;
  /** Replies forwarded and dropped, by script name (`send`, `status`, …). */
  counts: Map<string, { forwarded: number; dropped: number }>;
  close(): Promise<void>;
}

export async function startLossyProxy(
  upstream: string,
  options: { dropRate: number; random: () => number },
): Promise<LossyProxy> {
  const target = new URL(upstream);
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  const counts = new Map<string, { forwarded: number; dropped: number }>();
  const sockets = new Set<Socket>();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const script = /\/sys\/(\w+)\.php/.exec(req.url ?? "")?.[1] ?? "other";
      const count = counts.get(script) ?? { forwarded: 0, dropped: 0 };
      counts.set(script, count);
      const headers = { ...req.headers, host: target.host };
      const up = request(
        { host: target.hostname, port: target.port, path: req.url, method: req.method, headers, agent },
        (reply) => {
          const body: Buffer[] = [];
          reply.on("data", (c: Buffer) => body.push(c));
          reply.on("end", () => {
            count.forwarded++;
            if (options.random() < options.dropRate) {
              count.dropped++;
              req.socket.destroy();
              return;
            }
            res.writeHead(reply.statusCode ?? 502, reply.headers);
            res.end(Buffer.concat(body));
          });
        },
      );
      up.on("error", () => req.socket.destroy());
      up.end(Buffer.concat(chunks));
    });
  });
  server.on("connection", (s: Socket) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    counts,
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise((r) => server.close(r));
      agent.destroy();
    },
  };
}
