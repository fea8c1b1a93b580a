/** What every protocol adapter returns (HTTP mirrors, SMTP, SMPP): a listener to start and stop. */
export interface Listener {
  /** Starts listening; resolves with the bound port. */
  listen(): Promise<{ port: number }>;
  /** Stops listening and ends every open session. */
  close(): Promise<void>;
}
