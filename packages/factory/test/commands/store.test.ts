// `factory store serve|contexts|turns|fork|export`, in-process: embedded store files, a running
// server (--url), Ctrl-C, and bad input.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { openStore, STORE_FILE, startServer } from "@darkfactory/cxdb";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { startCli, tempDir, waitFor } from "../helpers/run-io.js";

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ dir, cleanup } = await tempDir());
});
afterEach(() => cleanup());

/** A store in `<dir>/.cxdb` with one typed conversation (3 turns) and a fork. */
async function seed(dataDir = path.join(dir, ".cxdb")): Promise<void> {
  const store = await openStore(path.join(dataDir, STORE_FILE));
  store.putBundle("b1", {
    registry_version: 1,
    bundle_id: "b1",
    types: {
      "demo.Msg": {
        versions: { "1": { fields: { "1": { name: "role", type: "string" }, "2": { name: "text", type: "string" } } } },
      },
    },
  });
  const ctx = store.createContext({ metadata: { clientTag: "cli-test", title: "Demo" } });
  store.append(ctx.contextId, {
    typeId: "demo.Msg",
    typeVersion: 1,
    payload: new Map([
      [1, "user"],
      [2, "hello"],
    ]),
  });
  store.append(ctx.contextId, {
    typeId: "demo.Msg",
    typeVersion: 1,
    payload: new Map([
      [1, "assistant"],
      [2, "hi there"],
    ]),
  });
  store.append(ctx.contextId, { typeId: "other.Type", typeVersion: 2, payload: new Map([[1, 42]]) });
  store.fork(2);
  store.close();
}

describe("factory store contexts / turns / fork / export (embedded)", () => {
  it("lists contexts as lines and as JSON", async () => {
    await seed();
    const text = await runCli(["store", "contexts"], { cwd: dir });
    expect(text.code).toBe(0);
    const lines = text.stdout.trimEnd().split("\n");
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/^1\thead 3\tdepth 2\tcli-test\tDemo\t\d{4}-\d\d-\d\dT/);
    expect(lines[0]).toMatch(/^2\thead 2\tdepth 1\tcli-test\tDemo\t/);
    const json = await runCli(["store", "contexts", "--json", "--limit", "1"], { cwd: dir });
    expect(JSON.parse(json.stdout)).toEqual([
      expect.objectContaining({
        contextId: 2,
        headTurnId: 2,
        headDepth: 1,
        clientTag: "cli-test",
        title: "Demo",
        isLive: false,
      }),
    ]);
    const query = await runCli(["store", "contexts", "--json", "-q", "depth >= 2"], { cwd: dir });
    expect(JSON.parse(query.stdout).map((c: { contextId: number }) => c.contextId)).toEqual([1]);
    const badQuery = await runCli(["store", "contexts", "-q", "depth >="], { cwd: dir });
    expect(badQuery).toMatchObject({ code: 2, stderr: expect.stringMatching(/^factory: Expected value/) });
  });

  it("shows turns with typed data, forks, and exports a whole context", async () => {
    await seed();
    const turns = await runCli(["store", "turns", "1", "--limit", "2"], { cwd: dir });
    expect(turns.stdout).toBe(
      '2\tdepth 1\tdemo.Msg v1\t{"role":"assistant","text":"hi there"}\n3\tdepth 2\tother.Type v2\t{"1":"42"}\n',
    );
    const json = JSON.parse((await runCli(["store", "turns", "1", "--json"], { cwd: dir })).stdout);
    expect(json[0]).toMatchObject({
      turnId: 1,
      depth: 0,
      decodedAs: { typeId: "demo.Msg", typeVersion: 1 },
      data: { role: "user", text: "hello" },
    });
    const fork = await runCli(["store", "fork", "1"], { cwd: dir });
    expect(fork).toEqual({ code: 0, stdout: "context 3 (head turn 1, depth 0)\n", stderr: "" });
    expect(JSON.parse((await runCli(["store", "fork", "3", "--json"], { cwd: dir })).stdout)).toEqual({
      contextId: 4,
      headTurnId: 3,
      headDepth: 2,
    });
    const exported = await runCli(["store", "export", "1", "-o", "ctx1.json"], { cwd: dir });
    expect(exported).toEqual({ code: 0, stdout: "", stderr: "" });
    const doc = JSON.parse(await readFile(path.join(dir, "ctx1.json"), "utf8"));
    expect(doc.context).toMatchObject({ contextId: 1, title: "Demo" });
    expect(doc.turns.map((t: { turnId: number }) => t.turnId)).toEqual([1, 2, 3]);
    expect(doc.turns[0]).toMatchObject({
      parentTurnId: 0,
      typeId: "demo.Msg",
      data: { text: "hello" },
      payloadBase64: expect.any(String),
    });
    expect(Buffer.from(doc.turns[2].payloadBase64, "base64")).toEqual(Buffer.from([0x81, 0x01, 0x2a]));
  });

  it("reports a missing store, unknown ids and bad arguments (exit 2)", async () => {
    const none = await runCli(["store", "contexts"], { cwd: dir });
    expect(none.code).toBe(2);
    expect(none.stderr).toContain(
      `factory: no store in ${path.join(dir, ".cxdb")} (start one with 'factory store serve'`,
    );
    await seed(path.join(dir, "elsewhere"));
    expect((await runCli(["store", "contexts", "--data", "elsewhere"], { cwd: dir })).code).toBe(0);
    const env = await runCli(["store", "turns", "1"], {
      cwd: dir,
      env: { CXDB_DATA_DIR: path.join(dir, "elsewhere") },
    });
    expect(env.code).toBe(0);
    const cases: Array<[string[], RegExp]> = [
      [["store", "turns", "99", "--data", "elsewhere"], /factory: context not found: 99/],
      [["store", "fork", "77", "--data", "elsewhere"], /factory: base turn not found: 77/],
      [["store", "turns", "abc", "--data", "elsewhere"], /context must be a numeric id, got 'abc'/],
      [["store", "turns", "1", "--limit", "many", "--data", "elsewhere"], /--limit needs a number/],
      [["store", "serve", "--http", "70000"], /--http needs a port number \(0-65535\), got '70000'/],
    ];
    for (const [args, message] of cases) {
      const res = await runCli(args, { cwd: dir });
      expect(res.code, args.join(" ")).toBe(2);
      expect(res.stderr).toMatch(message);
    }
  });
});

describe("factory store with --url", () => {
  it("reads, forks and exports through a running server", async () => {
    await seed();
    const server = await startServer({ dataDir: path.join(dir, ".cxdb"), httpPort: 0, binaryPort: 0 });
    try {
      const url = server.http.url;
      const contexts = JSON.parse((await runCli(["store", "contexts", "--json", "--url", url], { cwd: dir })).stdout);
      expect(contexts.map((c: { contextId: number }) => c.contextId)).toEqual([2, 1]);
      const turns = JSON.parse(
        (await runCli(["store", "turns", "1", "--json"], { cwd: dir, env: { CXDB_URL: url } })).stdout,
      );
      expect(turns[1]).toMatchObject({ turnId: 2, data: { role: "assistant" } });
      expect((await runCli(["store", "fork", "2", "--url", url], { cwd: dir })).stdout).toBe(
        "context 3 (head turn 2, depth 1)\n",
      );
      const doc = JSON.parse((await runCli(["store", "export", "1", "--url", url], { cwd: dir })).stdout);
      expect(doc.turns.map((t: { turnId: number }) => t.turnId)).toEqual([1, 2, 3]);
      expect(doc.turns[2].payloadBase64).toBe(Buffer.from([0x81, 0x01, 0x2a]).toString("base64"));
      const missing = await runCli(["store", "turns", "42", "--url", url], { cwd: dir });
      expect(missing).toMatchObject({ code: 2, stderr: expect.stringMatching(/context not found: 42/) });
    } finally {
      await server.close();
    }
    const down = await runCli(["store", "contexts", "--url", "http://127.0.0.1:1"], { cwd: dir });
    expect(down).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/cannot reach the store at http:\/\/127.0.0.1:1/),
    });
  });
});

describe("factory store serve", () => {
  it("serves both protocols, prints where, logs requests with -v, and stops on Ctrl-C", async () => {
    const session = startCli(["store", "serve", "--data", "data", "--http", "0", "--port", "0", "-v"], { cwd: dir });
    await waitFor(() => (session.stdout.text.match(/listening/g) ?? []).length === 2);
    const url = /cxdb http listening on (\S+)/.exec(session.stdout.text)?.[1] ?? "";
    expect(session.stdout.text).toMatch(/cxdb binary protocol listening on 127\.0\.0\.1:\d+/);
    expect(await (await fetch(`${url}/healthz`)).text()).toBe("ok");
    expect(session.stderr.text).toMatch(/GET \/healthz 200/);
    session.interrupt();
    expect(await session.done).toBe(0);
    expect(session.stderr.text).toContain("stopping the store");
    await expect(fetch(`${url}/healthz`)).rejects.toThrow();
    const reopened = await openStore(path.join(dir, "data", STORE_FILE));
    reopened.close();
  });

  it("exits 1 when a port is taken", async () => {
    const first = startCli(["store", "serve", "--data", "a", "--http", "0", "--port", "0"], { cwd: dir });
    await waitFor(() => (first.stdout.text.match(/listening/g) ?? []).length === 2);
    const port = /cxdb http listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(first.stdout.text)?.[1] ?? "0";
    const second = await runCli(["store", "serve", "--data", "b", "--http", port, "--port", "0"], { cwd: dir });
    expect(second.code).toBe(1);
    expect(second.stderr).toMatch(/factory: cannot start the store: .*EADDRINUSE/);
    first.interrupt();
    expect(await first.done).toBe(0);
  });
});
