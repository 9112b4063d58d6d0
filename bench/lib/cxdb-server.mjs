/**
 * Child process of the cxdb suite: serves the store in the data directory argv[2] (synchronous
 * FULL) over HTTP and the binary protocol on free ports, prints "ready <http port> <binary port>",
 * and runs until it is killed. argv[3], when given, is the `dist/index.js` to load instead of
 * `@darkfactory/cxdb` (to measure another build).
 * @module
 */
const { startServer } = await import(process.argv[3] || "@darkfactory/cxdb");
const server = await startServer({ dataDir: process.argv[2], httpPort: 0, binaryPort: 0, synchronous: "FULL" });
process.stdout.write(`ready ${server.http.port} ${server.binary.port}\n`);
