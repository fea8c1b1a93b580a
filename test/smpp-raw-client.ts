// A bare SMPP peer for tests: writes PDUs or raw bytes, and reads PDUs with our codec. No session logic at all,
// so tests can put the server in any state (and send it garbage).
import net from "node:net";
import { decodePdu, encodePdu, type Pdu, type PduInput, SmppFrameReader } from "smsc/protocol";

export interface RawSmpp {
  socket: net.Socket;
  send(input: PduInput): void;
  write(bytes: Uint8Array): void;
  /** The next PDU (optionally the next matching one); rejects after `ms`. */
  next(match?: (p: Pdu) => boolean, ms?: number): Promise<Pdu>;
  /** Resolves when the server closes the connection. */
  closed: Promise<void>;
  close(): void;
}

export async function rawSmpp(port: number): Promise<RawSmpp> {
  const socket = net.connect(port, "127.0.0.1");
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", resolve);
    socket.once("error", reject);
  });
  const reader = new SmppFrameReader();
  const inbox: Pdu[] = [];
  const waiters: Array<{ match: (p: Pdu) => boolean; resolve: (p: Pdu) => void }> = [];
  socket.on("data", (chunk) => {
    for (const f of reader.push(chunk)) {
      const pdu = decodePdu(f);
      const w = waiters.findIndex((x) => x.match(pdu));
      if (w >= 0) waiters.splice(w, 1)[0]?.resolve(pdu);
      else inbox.push(pdu);
    }
  });
  socket.on("error", () => {});
  const closed = new Promise<void>((resolve) => socket.once("close", () => resolve()));
  return {
    socket,
    send: (input) => socket.write(encodePdu(input)),
    write: (bytes) => socket.write(bytes),
    next(match = () => true, ms = 5000) {
      const i = inbox.findIndex(match);
      if (i >= 0) return Promise.resolve(inbox.splice(i, 1)[0] as Pdu);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no matching PDU within ${ms} ms`)), ms);
        waiters.push({
          match,
          resolve: (p) => {
            clearTimeout(timer);
            resolve(p);
          },
        });
      });
    },
    closed,
    close: () => socket.destroy(),
  };
}
