// `factory run` records the run in a context store: by default an embedded file in the run
// directory (read back through a CXDB HTTP gateway: contexts, provenance, typed turns), a running
// server with --store URL, none with --no-store; --resume continues the same context; a store
// that cannot be reached warns once and the run goes on.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { type CxdbServer, startServer } from "@darkfactory/cxdb";
import { CxdbHttpClient } from "@darkfactory/cxdb/client";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { tempDir } from "../helpers/run-io.js";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../..");
const HUMAN_REVIEW = path.join(repoRoot, "examples", "human-review.dot");

// Fails until a file named `ready` exists in the working directory.
const NEEDS_READY = `digraph needs {
  goal="get ready"
  start [shape=Mdiamond]
  exit [shape=Msquare]
  plan [prompt="plan for $goal"]
  check [shape=parallelogram, tool_command="test -f ready || { echo not ready >&2; exit 1; }"]
  start -> plan -> check -> exit
}
`;
const LINEAR = `digraph demo {
  start [shape=Mdiamond]
  exit [shape=Msquare]
  plan [prompt="plan"]
  start -> plan -> exit
}
`;

let dir: string;
let cleanup: () => Promise<void>;
const servers: CxdbServer[] = [];
beforeEach(async () => {
  ({ dir, cleanup } = await tempDir({ "needs.dot": NEEDS_READY, "linear.dot": LINEAR }));
});
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
  await cleanup();
});

/** Engine events the run logged (events.ndjson). */
function loggedEvents(logs: string): Array<{ type: string; runId?: string }> {
  return readFileSync(path.join(dir, logs, "events.ndjson"), "utf8")
    .trimEnd()
    .split("\n")
    .map((l) => JSON.parse(l));
}

async function serve(file: string): Promise<CxdbServer> {
  const server = await startServer({ path: file, httpPort: 0, binaryPort: 0 });
  servers.push(server);
  return server;
}

interface TypedTurn {
  turn_id: string;
  depth: number;
  declared_type: { type_id: string; type_version: number };
  decoded_as?: { type_id: string; type_version: number };
  data: {
    item_type: string;
    id: string;
    system: { kind: string; title: string; content: string } | null;
    user_input: { text: string } | null;
    turn: { text: string; agent: string } | null;
    context_metadata: Record<string, unknown> | null;
  };
}

async function typedTurns(url: string, contextId: number): Promise<TypedTurn[]> {
  const res = await fetch(`${url}/v1/contexts/${contextId}/turns?view=typed&limit=500`);
  expect(res.status).toBe(200);
  return ((await res.json()) as { turns: TypedTurn[] }).turns;
}

describe("factory run: recording (embedded store)", () => {
  it("records a simulated run: a context per run and per codergen stage, typed through the HTTP API", async () => {
    const result = await runCli(["run", HUMAN_REVIEW, "--simulate", "--logs", "out"], { cwd: dir, stdin: "A\n" });
    expect(result.code).toBe(0);
    expect(result.stdout.trimEnd().split("\n").at(-1)).toBe("store:    context 1 in out/cxdb.sqlite");
    const file = path.join(dir, "out", "cxdb.sqlite");
    expect(JSON.parse(readFileSync(path.join(dir, "out", "cxdb.json"), "utf8"))).toEqual({
      store: file,
      context_id: 1,
    });
    const events = loggedEvents("out");
    const runId = events[0].runId;

    const server = await serve(file);
    const client = new CxdbHttpClient(server.http.url);
    const { contexts } = await client.listContexts({ includeProvenance: true });
    const run = contexts.find((c) => c.contextId === 1);
    expect(run).toMatchObject({
      clientTag: "factory",
      title: "HumanReview: Ship a release note only after a human approves it",
      labels: ["pipeline", "HumanReview", "simulated"],
    });
    expect(await client.provenance(1)).toMatchObject({
      service_name: "factory",
      correlation_id: runId,
      sdk_name: "@darkfactory/cxdb",
      process_pid: expect.anything(),
    });

    // One turn per engine event, plus the human's answer as user input; metadata on the first only.
    const turns = await typedTurns(server.http.url, 1);
    const answers = events.filter((e) => e.type === "interview_completed").length;
    expect(answers).toBe(1);
    expect(turns).toHaveLength(events.length + answers);
    expect(turns.every((t) => t.decoded_as?.type_id === "cxdb.ConversationItem")).toBe(true);
    expect(turns[0].data).toMatchObject({
      item_type: "system",
      id: "pipeline_started",
      context_metadata: { client_tag: "factory", provenance: { service_name: "factory" } },
    });
    expect(turns.slice(1).every((t) => t.data.context_metadata === null)).toBe(true);
    expect(JSON.parse(turns[0].data.system?.content ?? "")).toEqual(events[0]);
    expect(turns.at(-1)?.data.id).toBe("pipeline_completed");
    const ids = turns.map((t) => t.data.id);
    expect(ids).toEqual(expect.arrayContaining(["stage_started", "stage_completed", "checkpoint_saved"]));
    const question = turns.find((t) => t.data.id === "interview_started");
    expect(question?.data.system?.title).toBe("question at review: Approve the release note?");
    const answer = turns.find((t) => t.data.item_type === "user_input");
    expect(answer?.data).toMatchObject({ id: "interview_answer", user_input: { text: "Approve" } });

    // The codergen stage `draft` got its own context, linked to the run's by provenance.
    const children = await client.children(1);
    expect(children).toHaveLength(1);
    const stage = children[0];
    expect(stage).toMatchObject({
      link: "provenance",
      clientTag: "factory",
      title: "HumanReview › draft — Draft release note",
    });
    expect(await client.provenance(stage.contextId)).toMatchObject({
      parent_context_id: 1,
      root_context_id: 1,
      spawn_reason: "stage",
      correlation_id: runId,
    });
    const stageTurns = await typedTurns(server.http.url, stage.contextId);
    expect(stageTurns.map((t) => [t.data.item_type, t.data.id])).toEqual([
      ["system", "stage_started"],
      ["user_input", "prompt"],
      ["assistant_turn", "response"],
      ["system", "stage_completed"],
    ]);
    expect(stageTurns[1].data.user_input?.text).toBe(
      "Draft the release note for: Ship a release note only after a human approves it",
    );
    expect(stageTurns[2].data.turn).toMatchObject({
      text: "[Simulated] Response for stage: draft",
      agent: "simulation",
    });

    // The store commands find the run from its directory.
    const shown = await runCli(["store", "turns", "--data", "out", "--limit", "2"], { cwd: dir });
    expect(shown.code).toBe(0);
    expect(shown.stdout).toMatch(/\tinfo: checkpoint saved after exit\n.*\tinfo: pipeline completed: success in /);
    const listed = await runCli(["store", "contexts", "--store", "out/cxdb.sqlite"], { cwd: dir });
    expect(listed.stdout).toMatch(/^2\thead \d+\tdepth 3\tfactory\tHumanReview › draft/m);
  });

  it("--resume continues the run's context", async () => {
    const failed = await runCli(["run", "needs.dot", "--logs", "out"], { cwd: dir });
    expect(failed.code).toBe(1);
    expect(failed.stdout).toContain("store:    context 1 in out/cxdb.sqlite");
    writeFileSync(path.join(dir, "ready"), "");
    const resumed = await runCli(["run", "--resume", "out"], { cwd: dir });
    expect(resumed.code).toBe(0);
    expect(resumed.stdout).toContain("store:    context 1 in out/cxdb.sqlite");

    const server = await serve(path.join(dir, "out", "cxdb.sqlite"));
    const roots = (await new CxdbHttpClient(server.http.url).listContexts()).contexts.filter(
      (c) => c.title === "needs: get ready",
    );
    expect(roots.map((c) => c.contextId)).toEqual([1]);
    const turns = await typedTurns(server.http.url, 1);
    expect(turns).toHaveLength(loggedEvents("out").length); // events.ndjson spans both invocations
    const lifecycle = turns.map((t) => t.data.id).filter((id) => id.startsWith("pipeline_"));
    expect(lifecycle).toEqual(["pipeline_started", "pipeline_failed", "pipeline_started", "pipeline_completed"]);
    expect(turns.filter((t) => t.data.context_metadata !== null)).toHaveLength(1);
  });

  it("--no-store records nothing; --store FILE records elsewhere", async () => {
    const none = await runCli(["run", "linear.dot", "--logs", "a", "--no-store"], { cwd: dir });
    expect(none.code).toBe(0);
    expect(none.stdout).not.toContain("store:");
    expect(existsSync(path.join(dir, "a", "cxdb.sqlite"))).toBe(false);
    expect(existsSync(path.join(dir, "a", "cxdb.json"))).toBe(false);

    const shared = await runCli(["run", "linear.dot", "--logs", "b", "--store", "shared.sqlite"], { cwd: dir });
    const again = await runCli(["run", "linear.dot", "--logs", "c", "--store", "shared.sqlite", "--json"], {
      cwd: dir,
    });
    expect(shared.stdout).toContain("store:    context 1 in shared.sqlite");
    const recorded = again.stdout
      .trimEnd()
      .split("\n")
      .map((l) => JSON.parse(l))
      .find((e) => e.type === "run_recorded");
    expect(recorded).toMatchObject({ store: path.join(dir, "shared.sqlite"), contextId: 3, dropped: 0 });
    expect(existsSync(path.join(dir, "b", "cxdb.sqlite"))).toBe(false);
    const turns = await runCli(["store", "turns", "--data", "c", "--json"], { cwd: dir });
    expect(turns.code).toBe(0);
    expect(JSON.parse(turns.stdout)[0]).toMatchObject({ typeId: "cxdb.ConversationItem", depth: 0 });
  });

  it("a store file that cannot be opened warns once and the run succeeds", async () => {
    writeFileSync(
      path.join(dir, "not-a-store.sqlite"),
      "this is not SQLite, just text that is long enough\n".repeat(4),
    );
    const result = await runCli(["run", "linear.dot", "--logs", "out", "--store", "not-a-store.sqlite"], { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stderr.match(/^warning: recording to .*not-a-store\.sqlite failed: /gm)).toHaveLength(1);
    expect(result.stdout).toMatch(/store: {4}not recorded in not-a-store\.sqlite: .+ \(\d+ turns not recorded\)\n$/);
  });
});

describe("factory run: recording (remote server)", () => {
  it("--store URL records into a running CXDB server", async () => {
    const server = await serve(":memory:");
    const result = await runCli(["run", HUMAN_REVIEW, "--logs", "out", "--json", "--store", server.http.url], {
      cwd: dir,
      stdin: "A\n",
    });
    expect(result.code).toBe(0);
    const lines = result.stdout
      .trimEnd()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines.at(-1).type).toBe("pipeline_completed");
    expect(lines.at(-2)).toMatchObject({ type: "run_recorded", store: server.http.url, contextId: 1, dropped: 0 });
    expect(JSON.parse(readFileSync(path.join(dir, "out", "cxdb.json"), "utf8"))).toEqual({
      store: server.http.url,
      context_id: 1,
    });
    const events = loggedEvents("out");
    expect(server.store.getTurns(1, { limit: 500 })).toHaveLength(events.length + 1);
    expect(server.store.getContext(1).metadata).toMatchObject({ clientTag: "factory", title: expect.any(String) });
    expect(server.store.children(1).map((c) => c.link)).toEqual(["provenance"]);
    // `factory store turns --data DIR` follows cxdb.json to the server.
    const shown = await runCli(["store", "turns", "--data", "out", "--limit", "1"], { cwd: dir });
    expect(shown.stdout).toMatch(/\tinfo: pipeline completed: success/);
  });

  it("an unreachable server warns once and the run succeeds", async () => {
    const port = await closedPort();
    const url = `http://127.0.0.1:${port}`;
    const result = await runCli(["run", "linear.dot", "--logs", "out", "--store", url], { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("result:   success");
    const warnings = result.stderr.match(/^warning: recording to .*$/gm) ?? [];
    expect(warnings).toEqual([
      `warning: recording to ${url} failed: fetch failed (ECONNREFUSED); later turns are not recorded`,
    ]);
    expect(result.stdout).toMatch(new RegExp(`store: {4}not recorded in ${url.replace(/\./g, "\\.")}: fetch failed`));
    expect(existsSync(path.join(dir, "out", "cxdb.json"))).toBe(false);
  });
});

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
