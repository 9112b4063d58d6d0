// startServer: both servers over one store file, log lines, a taken port, close.
import { existsSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CxdbBinaryClient, CxdbHttpClient } from "../src/client/index.js";
import { STORE_FILE, startServer } from "../src/server.js";
import { tempDir } from "./helpers/store.js";

let dir: string;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  ({ dir, cleanup } = await tempDir("cxdb-server-"));
});
afterAll(() => cleanup());

describe("startServer", () => {
  it("serves HTTP and the binary protocol over one store, logging where each listens", async () => {
    const lines: string[] = [];
    const server = await startServer({
      dataDir: path.join(dir, "data"),
      httpPort: 0,
      binaryPort: 0,
      logger: { info: (m) => lines.push(`info ${m}`), debug: (m) => lines.push(`debug ${m}`) },
    });
    try {
      expect(existsSync(path.join(dir, "data", STORE_FILE))).toBe(true);
      expect(lines.filter((l) => l.startsWith("info"))).toEqual([
        `info cxdb http listening on ${server.http.url} (store ${server.store.file})`,
        `info cxdb binary protocol listening on 127.0.0.1:${server.binary.port}`,
      ]);
      const http = new CxdbHttpClient(server.http.url);
      const ctx = await http.createContext();
      const binary = await CxdbBinaryClient.connect({ host: "127.0.0.1", port: server.binary.port });
      const head = await binary.getHead(BigInt(ctx.contextId));
      expect(Number(head.contextId)).toBe(ctx.contextId);
      await binary.close();
      expect(lines.some((l) => /^debug POST \/v1\/contexts 201 \d+\.\dms$/.test(l))).toBe(true);
    } finally {
      await server.close();
      await server.close();
    }
    expect(server.store.isClosed).toBe(true);
  });

  it("fails cleanly when a port is taken, and without a data location", async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      await expect(startServer({ path: ":memory:", httpPort: port, binaryPort: 0 })).rejects.toThrow(/EADDRINUSE/);
      await expect(startServer({ path: ":memory:", httpPort: 0, binaryPort: port })).rejects.toThrow(/EADDRINUSE/);
    } finally {
      blocker.close();
    }
    await expect(startServer({})).rejects.toThrow(/needs dataDir or path/);
  });
});
