// Child process of test/server-crash.test.ts: serves the store in the data directory argv[2]
// (synchronous FULL) over HTTP and the binary protocol on free ports, prints
// "ready <http port> <binary port>", and runs until it is killed.
import { startServer } from "../../dist/index.js";

const server = await startServer({ dataDir: process.argv[2], httpPort: 0, binaryPort: 0, synchronous: "FULL" });
process.stdout.write(`ready ${server.http.port} ${server.binary.port}\n`);
