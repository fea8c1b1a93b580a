import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

/** A URL on a closed loopback port (listen, note the port, close): connections to it are refused. */
export async function deadUrl(): Promise<string> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", r));
  const { port } = s.address() as AddressInfo;
  await new Promise((r) => s.close(r));
  return `http://127.0.0.1:${port}`;
}
