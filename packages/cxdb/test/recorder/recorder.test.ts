// The recorder against both backends (one suite, run for the embedded store file and for a remote
// server over HTTP): sessions, children and their provenance, resume, ordering; then what is
// particular to each (batching, time limits) and how failures are reported without throwing.
import { mkdir } from "node:fs/promises";
import { createServer, type Server, type Socket } from "node:net";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { CONVERSATION_ITEM_BUNDLE_ID } from "../../src/recorder/conversation-bundle.js";
import { processProvenance } from "../../src/recorder/provenance.js";
import { openRecorder, recordToStore } from "../../src/recorder/recorder.js";
import type { RecorderOptions } from "../../src/recorder/types.js";
import { type CxdbServer, startServer } from "../../src/server.js";
import { openStore, type Store } from "../../src/store/store.js";
import { memoryStore, tempDir } from "../helpers/store.js";

/** A place to record into, and a way to read what was recorded once the recorder is closed. */
interface Harness {
  target: string;
  /** The store holding what was recorded (open it after the recorder closed). */
  inspect(): Promise<Store>;
}

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function embedded(): Promise<Harness> {
  const { dir, cleanup } = await tempDir("recorder-");
  cleanups.push(cleanup);
  const file = path.join(dir, "runs", "cxdb.sqlite");
  return {
    target: file,
    async inspect() {
      const store = await openStore(file);
      cleanups.push(() => store.close());
      return store;
    },
  };
}

async function remote(): Promise<Harness> {
  const server: CxdbServer = await startServer({ path: ":memory:", httpPort: 0, binaryPort: 0 });
  cleanups.push(() => server.close());
  return { target: server.http.url, inspect: async () => server.store };
}

const NOW = 1_767_225_600_000; // 2026-01-01T00:00:00Z
const options = (extra: RecorderOptions = {}): RecorderOptions => ({
  clientTag: "test",
  provenance: processProvenance({ serviceName: "svc", serviceVersion: "1.2.3", now: () => NOW }),
  now: () => NOW,
  ...extra,
});

/** Item types of a context's turns, oldest first, and whether each carries context metadata. */
function turnsOf(
  store: Store,
  contextId: number,
): Array<{ type: unknown; meta: boolean; data: Record<string, unknown> }> {
  return store.getTurns(contextId, { limit: 100 }).map((t) => {
    const data = store.projectTurn(t).data as Record<string, unknown>;
    return { type: data.item_type, meta: data.context_metadata !== null, data };
  });
}

describe.each([
  ["embedded store", embedded],
  ["remote server", remote],
])("recorder (%s)", (_name, makeHarness) => {
  it("records a session with its metadata on the first turn, and children with their provenance", async () => {
    const harness = await makeHarness();
    const warnings: string[] = [];
    const recorder = await openRecorder(harness.target, options({ onWarning: (m) => warnings.push(m) }));
    const session = recorder.openSession({ title: "Build it", labels: ["pipeline"], custom: { run_id: "r1" } });
    session.userInput("build the thing", { files: ["SPEC.md"] });
    session.assistantTurn({
      text: "on it",
      reasoning: "the spec asks for it",
      toolCalls: [{ id: "c1", name: "shell", args: '{"command":"ls"}', status: "pending" }],
      metrics: { inputTokens: 12, outputTokens: 3, totalTokens: 15 },
    });
    session.toolResult({ callId: "c1", content: "SPEC.md\n", isError: false, exitCode: 0, durationMs: 4 });
    session.system("info", '{"type":"stage_completed"}', { title: "stage plan succeeded" });
    const sub = session.child({ spawnReason: "sub_agent", title: "write tests" });
    sub.userInput("write the tests");
    const subsub = sub.child({ spawnReason: "sub_agent", labels: ["deep"] });
    subsub.system("warning", "depth limit");
    session.system("info", "after the children");

    const report = await recorder.close();
    expect(warnings).toEqual([]);
    expect(report).toMatchObject({ contexts: 3, turns: 7, dropped: 0 });
    expect(report.error).toBeUndefined();
    const root = session.contextId as number;
    expect(await session.ready()).toBe(root);

    const store = await harness.inspect();
    expect(store.registry.getBundle(CONVERSATION_ITEM_BUNDLE_ID)).toBeDefined();
    const info = store.getContext(root);
    expect(info.metadata).toMatchObject({
      clientTag: "test",
      title: "Build it",
      labels: ["pipeline"],
      custom: { run_id: "r1" },
      provenance: {
        serviceName: "svc",
        serviceVersion: "1.2.3",
        processPid: process.pid,
        sdkName: "@darkfactory/cxdb",
        capturedAt: NOW,
      },
    });
    const rootProvenance = info.metadata?.provenance;
    expect(rootProvenance?.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(rootProvenance?.spanId).toMatch(/^[0-9a-f]{16}$/);
    expect(rootProvenance?.parentContextId).toBeUndefined();
    const turns = turnsOf(store, root);
    expect(turns.map((t) => t.type)).toEqual(["user_input", "assistant_turn", "tool_result", "system", "system"]);
    expect(turns.map((t) => t.meta)).toEqual([true, false, false, false, false]);
    expect(turns[0].data).toMatchObject({
      timestamp: "2026-01-01T00:00:00.000Z",
      user_input: { text: "build the thing" },
    });

    const subId = sub.contextId as number;
    expect(store.getProvenance(subId)).toMatchObject({
      parentContextId: root,
      rootContextId: root,
      spawnReason: "sub_agent",
      traceId: rootProvenance?.traceId,
      serviceName: "svc",
    });
    expect(store.getContext(subId).metadata).toMatchObject({ clientTag: "test", title: "write tests" });
    expect(store.getProvenance(subsub.contextId as number)).toMatchObject({
      parentContextId: subId,
      rootContextId: root,
      traceId: rootProvenance?.traceId,
    });
    expect(store.children(root).map((c) => [c.contextId, c.link])).toContainEqual([subId, "provenance"]);
  });

  it("continues a context on resume, and opens a new one when the context is not there", async () => {
    const harness = await makeHarness();
    const first = await openRecorder(harness.target, options());
    const run = first.openSession({ title: "run" });
    run.system("info", "started");
    const id = (await run.ready()) as number;
    await first.close();

    const second = await openRecorder(harness.target, options());
    const resumed = second.resumeSession(id, { title: "fallback" });
    resumed.system("info", "resumed");
    const stage = resumed.child({ spawnReason: "stage", title: "stage" });
    stage.system("info", "stage started");
    const gone = second.resumeSession(9_999, { title: "fallback" });
    gone.system("info", "new");
    const report = await second.close();
    expect(report).toMatchObject({ contexts: 3, turns: 3, dropped: 0 });

    const store = await harness.inspect();
    expect(resumed.contextId).toBe(id);
    expect(turnsOf(store, id).map((t) => t.meta)).toEqual([true, false]);
    expect(store.getContext(id).metadata?.title).toBe("run");
    const runTrace = store.getProvenance(id)?.traceId;
    expect(store.getProvenance(stage.contextId as number)).toMatchObject({
      parentContextId: id,
      rootContextId: id,
      traceId: runTrace,
    });
    expect(gone.contextId).not.toBe(9_999);
    expect(store.getContext(gone.contextId as number).metadata?.title).toBe("fallback");
  });

  it("drops writes after close, and close is idempotent", async () => {
    const harness = await makeHarness();
    const recorder = await openRecorder(harness.target, options());
    const session = recorder.openSession();
    session.userInput("one");
    const closing = recorder.close();
    session.userInput("two");
    const report = await closing;
    expect(await recorder.close()).toEqual(report);
    expect(recorder.report()).toMatchObject({ turns: 1, dropped: 1 });
    expect(recorder.openSession().contextId).toBeUndefined();
  });
});

describe("recorder: embedded store", () => {
  it("writes synchronously: the context id and the turns are there at once", async () => {
    const store = await memoryStore();
    const recorder = recordToStore(store, options());
    const session = recorder.openSession({ title: "sync" });
    expect(session.contextId).toBeGreaterThan(0);
    session.userInput("now");
    expect(store.getHead(session.contextId as number).headDepth).toBe(0);
    expect(store.getContext(session.contextId as number).metadata?.title).toBe("sync");
    await recorder.close();
    expect(store.isClosed).toBe(false); // a store the caller opened stays open
    store.close();
  });

  it("reports a store that cannot be opened once, and drops every write", async () => {
    const { dir, cleanup } = await tempDir("recorder-");
    cleanups.push(cleanup);
    await mkdir(path.join(dir, "a-directory"));
    const warnings: string[] = [];
    const recorder = await openRecorder(path.join(dir, "a-directory"), options({ onWarning: (m) => warnings.push(m) }));
    const session = recorder.openSession();
    session.userInput("lost");
    session.child({ spawnReason: "stage" }).userInput("lost too");
    expect(await session.ready()).toBeUndefined();
    const report = await recorder.close();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^recording to .*a-directory failed: .*; later turns are not recorded$/);
    expect(report).toMatchObject({ turns: 0, dropped: 2, error: expect.any(String) });
  });

  it("warns once when the registry refuses the bundle, and still records", async () => {
    const store = await memoryStore();
    store.putBundle("other", {
      registry_version: 1,
      bundle_id: "other",
      types: { "cxdb.ConversationItem": { versions: { "3": { fields: { "1": { name: "kind", type: "u8" } } } } } },
    });
    const warnings: string[] = [];
    const recorder = recordToStore(store, options({ onWarning: (m) => warnings.push(m) }));
    recorder.openSession().userInput("still here");
    const report = await recorder.close();
    expect(warnings).toEqual([expect.stringMatching(/type registry refused the cxdb\.ConversationItem bundle/)]);
    expect(report).toMatchObject({ turns: 1, dropped: 0 });
    expect(report.error).toBeUndefined();
    store.close();
  });
});

describe("recorder: remote server", () => {
  it("queues writes in order and sends consecutive appends to one context as one batch", async () => {
    const harness = await remote();
    const calls: string[] = [];
    const counting: typeof fetch = (input, init) => {
      calls.push(`${init?.method ?? "GET"} ${new URL(String(input)).pathname}`);
      return fetch(input, init);
    };
    const recorder = await openRecorder(harness.target, options({ fetch: counting }));
    const session = recorder.openSession({ title: "batched" });
    expect(session.contextId).toBeUndefined(); // created asynchronously
    for (let i = 0; i < 10; i++) session.system("info", `event ${i}`);
    const other = recorder.openSession();
    other.userInput("x");
    session.system("info", "event 10");
    await recorder.flush();
    expect(session.contextId).toBeGreaterThan(0);
    const report = await recorder.close();
    expect(report).toMatchObject({ contexts: 2, turns: 12, dropped: 0 });
    const writes = calls.filter((c) => c.startsWith("POST") || c.startsWith("PUT"));
    expect(writes).toEqual([
      `PUT /v1/registry/bundles/${CONVERSATION_ITEM_BUNDLE_ID}`,
      "POST /v1/contexts",
      `POST /v1/contexts/${session.contextId}/append-batch`,
      "POST /v1/contexts",
      `POST /v1/contexts/${other.contextId}/append`,
      `POST /v1/contexts/${session.contextId}/append`,
    ]);
    const store = await harness.inspect();
    const texts = turnsOf(store, session.contextId as number).map(
      (t) => (t.data.system as { content: string }).content,
    );
    expect(texts).toEqual(Array.from({ length: 11 }, (_, i) => `event ${i}`));
  });

  it("publishes the bundle idempotently (a second recorder gets 204)", async () => {
    const harness = await remote();
    const statuses: number[] = [];
    const spying: typeof fetch = async (input, init) => {
      const res = await fetch(input, init);
      if (String(input).includes("/v1/registry/bundles/")) statuses.push(res.status);
      return res;
    };
    for (let i = 0; i < 2; i++) {
      const recorder = await openRecorder(harness.target, options({ fetch: spying }));
      recorder.openSession().userInput("hi");
      await recorder.close();
    }
    expect(statuses).toEqual([201, 204]);
  });

  it("reports an unreachable server once, drops the rest, and never throws", async () => {
    const port = await closedPort();
    const warnings: string[] = [];
    const recorder = await openRecorder(`http://127.0.0.1:${port}`, options({ onWarning: (m) => warnings.push(m) }));
    const session = recorder.openSession({ title: "nowhere" });
    session.userInput("one");
    session.userInput("two");
    expect(await session.ready()).toBeUndefined();
    session.userInput("three");
    session.child({ spawnReason: "stage" }).userInput("four");
    const report = await recorder.close();
    expect(warnings).toEqual([
      expect.stringMatching(new RegExp(`^recording to http://127\\.0\\.0\\.1:${port} failed: fetch failed`)),
    ]);
    expect(report).toMatchObject({ kind: "remote", contexts: 0, turns: 0, dropped: 4 });
    expect(report.error).toMatch(/ECONNREFUSED/);
  });

  it("gives up on a server that does not answer after requestTimeoutMs", async () => {
    const sockets = new Set<Socket>();
    const silent = createServer((socket) => sockets.add(socket)); // accepts connections, never answers
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    cleanups.push(() => {
      for (const socket of sockets) socket.destroy();
      return closeServer(silent);
    });
    const port = (silent.address() as { port: number }).port;
    const warnings: string[] = [];
    const started = Date.now();
    const recorder = await openRecorder(
      `http://127.0.0.1:${port}`,
      options({ requestTimeoutMs: 200, onWarning: (m) => warnings.push(m) }),
    );
    recorder.openSession().userInput("slow");
    const report = await recorder.close();
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(warnings).toHaveLength(1);
    expect(report.error).toMatch(/timeout|aborted/i);
  });
});

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as { port: number }).port;
  await closeServer(server);
  return port;
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}
