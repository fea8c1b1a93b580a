/** A running server started by db-servers.mjs. */
export interface RunningServer {
  port: number;
  /** Stops the server and removes its data directory. */
  stop(): Promise<void>;
}
export function freePort(): Promise<number>;
export function startRedis(options?: { persistence?: boolean }): Promise<RunningServer & { url: string }>;
export function startPostgres(options?: {
  durable?: boolean;
}): Promise<RunningServer & { connectionString: string }>;
