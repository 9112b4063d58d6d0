/**
 * The logger the servers write to (the library itself never writes to the console): one `info`
 * line per listening server, one `debug` line per request.
 * @module
 */

/** Where server log lines go. */
export interface CxdbLogger {
  info(message: string): void;
  debug(message: string): void;
}

/** A logger that drops everything (the default). */
export const silentLogger: CxdbLogger = {
  info() {},
  debug() {},
};
