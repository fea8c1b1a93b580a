// The CLI's own errors, in a module that imports nothing, so that any other may import it (no cycles).

/** A bad command line (exit 2). */
export class UsageError extends Error {
  override name = "UsageError";
}

/** An optional package is missing (exit 8). */
export class MissingPackageError extends Error {
  override name = "MissingPackageError";
}

/** Ctrl-C at a password prompt (the terminal is in raw mode there, so no SIGINT comes): exit 130. */
export class InterruptedError extends Error {
  override name = "InterruptedError";
  constructor() {
    super("interrupted");
  }
}
