/** Where the sandbox writes what it does. Never given credentials or message texts. */
export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string, cause?: unknown): void;
}

/** A logger that drops everything: the default in process, so tests stay quiet. */
export const silentLogger: Logger = { info() {}, warn() {}, error() {} };

/** A logger that writes lines to stderr, leaving stdout to the bin's own output. */
export const stderrLogger: Logger = {
  info: (m) => process.stderr.write(`${m}\n`),
  warn: (m) => process.stderr.write(`warning: ${m}\n`),
  error: (m, cause) =>
    process.stderr.write(`error: ${m}${cause instanceof Error ? `: ${cause.message}` : ""}\n`),
};
