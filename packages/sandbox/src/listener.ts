import type { AddressInfo, Server } from "node:net";

/** What every protocol adapter returns (HTTP mirrors, SMTP, SMPP): a listener to start and stop. */
export interface Listener {
  /** Starts listening; resolves with the bound port. */
  listen(): Promise<{ port: number }>;
  /** Stops listening and ends every open session. */
  close(): Promise<void>;
}

/** Starts a TCP server on host:port (0 picks a free port) and resolves with the bound address. */
export function listenOn(server: Server, port = 0, host = "127.0.0.1"): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve(server.address() as AddressInfo);
    });
  });
}

/** Ends every open session, then stops the server; resolves at once when it was not listening. */
export function closeServer(server: Server, sessions: Set<{ destroy(): void }>): Promise<void> {
  for (const s of sessions) s.destroy();
  sessions.clear();
  return new Promise((resolve) => {
    if (!server.listening) return resolve();
    server.close(() => resolve());
  });
}
