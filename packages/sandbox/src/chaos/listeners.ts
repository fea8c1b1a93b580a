import type { Server } from "node:http";
import type { AddressInfo } from "node:net";

/** The state of one HTTP listener: index 0 is the primary, 1… the mirrors (www2…). */
export interface ListenerState {
  index: number;
  url: string;
  port: number;
  up: boolean;
}

/**
 * HTTP listeners of one sandbox that serve the same core: the primary and its mirrors (the service's www2…www5
 * hosts, spec §1.1), each of which can be taken down (closed: connections are refused) and brought back on the
 * same port at run time, so clients' failover can be tested.
 */
export class ListenerSet {
  readonly #servers: Server[];
  readonly #ports: number[] = [];
  readonly #up: boolean[] = [];

  constructor(
    servers: Server[],
    private readonly host: string,
  ) {
    this.#servers = servers;
  }

  /** Starts every listener; `ports[i]` for listener i (0 or missing picks a free port). */
  async listen(ports: ReadonlyArray<number | undefined>): Promise<void> {
    for (const [i, server] of this.#servers.entries()) {
      await listenOn(server, ports[i] ?? 0, this.host);
      this.#ports[i] = (server.address() as AddressInfo).port;
      this.#up[i] = true;
    }
  }

  /** Every listener's URL and state. */
  state(): ListenerState[] {
    const host = this.host.includes(":") ? `[${this.host}]` : this.host;
    return this.#servers.map((_, i) => ({
      index: i,
      url: `http://${host}:${this.#ports[i]}`,
      port: this.#ports[i]!,
      up: this.#up[i]!,
    }));
  }

  /** Closes listener `i` and its open connections: new connections are refused until `up(i)`. */
  async down(i: number): Promise<void> {
    const server = this.#at(i);
    if (!this.#up[i]) return;
    this.#up[i] = false;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }

  /** Listens again on listener `i`'s port. */
  async up(i: number): Promise<void> {
    const server = this.#at(i);
    if (this.#up[i]) return;
    await listenOn(server, this.#ports[i]!, this.host);
    this.#up[i] = true;
  }

  /** Closes every listener that is up. */
  async close(): Promise<void> {
    await Promise.all(this.#servers.map((_, i) => this.down(i)));
  }

  #at(i: number): Server {
    const server = this.#servers[i];
    if (!server) throw new RangeError(`no listener ${i}: there are ${this.#servers.length}`);
    return server;
  }
}

function listenOn(server: Server, port: number, host: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
}
