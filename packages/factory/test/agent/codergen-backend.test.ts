// AgentCodergenBackend under the real engine (runPipeline) against the OpenAI twin: one agent
// session per codergen stage on the node's provider, model and reasoning effort (after the
// stylesheet), `full`-fidelity threads continuing one session (attractor-spec §5.4), status.json
// written by the agent (Appendix C), tool hooks (§9.7), turn limits, LLM errors and cancellation.
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { SessionConfig } from "@darkfactory/agent";
import { type PipelineEvent, preparePipeline, type RunResult, runPipeline } from "@darkfactory/attractor";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { AgentCodergenBackend } from "../../src/agent/codergen-backend.js";
import { agentProvidersFromEnv } from "../../src/agent/providers.js";
import { tempDir, waitFor } from "../helpers/run-io.js";
import { type ScriptedTwin, type ScriptRule, startScriptedTwin } from "../helpers/twins.js";

let dir: string;
let cleanup: () => Promise<void>;
let twin: ScriptedTwin | undefined;
beforeEach(async () => {
  ({ dir, cleanup } = await tempDir({}));
});
afterEach(async () => {
  await twin?.close();
  twin = undefined;
  await cleanup();
});

const call = (name: string, args: Record<string, unknown>) => ({ name, arguments: args });

interface Run {
  result: RunResult;
  events: PipelineEvent[];
  logs: string;
  work: string;
  /** The OpenAI Responses request bodies the twin received, in order. */
  bodies: Array<{ model: string; input: unknown[]; reasoning?: { effort?: string } }>;
}

/** Runs `dot` with the agent backend against a twin scripted with `rules`. The logs are outside the work dir. */
async function run(
  dot: string,
  rules: ScriptRule[] | ((logs: string) => ScriptRule[]),
  options: { sessionConfig?: Partial<SessionConfig>; signal?: AbortSignal } = {},
): Promise<Run> {
  const logs = path.join(dir, "logs");
  const work = path.join(dir, "work");
  mkdirSync(work);
  twin = await startScriptedTwin("openai", typeof rules === "function" ? rules(logs) : rules);
  const env = twin.env();
  const { graph, diagnostics } = preparePipeline(dot);
  expect(diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  const backend = new AgentCodergenBackend({
    providers: agentProvidersFromEnv(env),
    workDir: work,
    logsRoot: logs,
    env,
    ...(options.sessionConfig ? { sessionConfig: options.sessionConfig } : {}),
  });
  const events: PipelineEvent[] = [];
  try {
    const result = await runPipeline(graph, {
      logsRoot: logs,
      backend,
      cwd: work,
      env,
      onEvent: (event) => events.push(event),
      ...(options.signal ? { signal: options.signal } : {}),
    });
    const bodies = twin.requests().map((entry) => entry.body as Run["bodies"][number]);
    return { result, events, logs, work, bodies };
  } finally {
    await backend.close();
  }
}

const logsOf = (events: PipelineEvent[], nodeId: string) =>
  events.flatMap((e) => (e.type === "stage_log" && e.nodeId === nodeId ? [`${e.level}: ${e.message}`] : []));

describe("AgentCodergenBackend: sessions", () => {
  it("continues one session across the stages of a full-fidelity thread, and starts fresh otherwise", async () => {
    const dot = `digraph threads {
      start [shape=Mdiamond]
      exit [shape=Msquare]
      a [prompt="task alpha", fidelity="full", thread_id="main"]
      b [prompt="task beta", fidelity="full", thread_id="main"]
      c [prompt="task gamma", fidelity="compact"]
      start -> a -> b -> c -> exit
    }`;
    const r = await run(dot, [
      { match: { userText: "task alpha" }, reply: { text: "alpha done" } },
      { match: { userText: "task beta" }, reply: { text: "beta done" } },
      { match: { userText: "task gamma" }, reply: { text: "gamma done" } },
    ]);
    expect(r.result.status).toBe("success");
    const [, beta, gamma] = r.bodies.map((body) => JSON.stringify(body.input));
    // b continued a's session: its request carries a's exchange.
    expect(beta).toContain("task alpha");
    expect(beta).toContain("alpha done");
    // c started a fresh session, with the carry-over preamble instead of the history.
    expect(gamma).not.toContain("task alpha");
    expect(gamma).toContain("Context carried over from earlier stages of this pipeline");
    expect(logsOf(r.events, "b")).toEqual(["info: agent openai/gpt-5.2-codex, continuing thread main"]);
    expect(logsOf(r.events, "c")).toEqual(["info: agent openai/gpt-5.2-codex"]);
    expect(readFileSync(path.join(r.logs, "b", "response.md"), "utf8")).toBe("beta done");
    expect(r.result.context.last_response).toBe("gamma done");
  });

  it("runs each stage on the provider, model and reasoning effort its node resolves to after the stylesheet", async () => {
    const dot = `digraph models {
      model_stylesheet="* { llm_model: gpt-5.2; } .deep { reasoning_effort: high; }"
      start [shape=Mdiamond]
      exit [shape=Msquare]
      quick [prompt="quick one"]
      deep [class="deep", prompt="deep one"]
      elsewhere [prompt="other one", llm_provider="anthropic", llm_model="claude-opus-4-6"]
      start -> quick -> deep -> elsewhere -> exit
    }`;
    const r = await run(dot, [
      { match: { userText: "quick one" }, reply: { text: "ok" } },
      { match: { userText: "deep one" }, reply: { text: "ok" } },
      { match: { userText: "other one" }, reply: { text: "ok" } },
    ]);
    expect(r.result.status).toBe("success");
    expect(r.bodies.map((b) => [b.model, b.reasoning?.effort])).toEqual([
      ["gpt-5.2", undefined],
      ["gpt-5.2", "high"],
      ["gpt-5.2-codex", undefined],
    ]);
    expect(logsOf(r.events, "deep")).toEqual(["info: agent openai/gpt-5.2 (high effort)"]);
    // Anthropic is not configured: the stage still runs, on the default provider, and says so.
    expect(logsOf(r.events, "elsewhere")).toEqual([
      "warning: provider anthropic is not configured (ANTHROPIC_API_KEY): using openai",
      "info: agent openai/gpt-5.2-codex",
    ]);
  });
});

describe("AgentCodergenBackend: outcomes", () => {
  it("lets the agent decide the outcome and the route through the stage's status.json (Appendix C)", async () => {
    const dot = `digraph verdict {
      start [shape=Mdiamond]
      exit [shape=Msquare]
      judge [prompt="judge the work"]
      ship [shape=parallelogram, tool_command="echo shipping"]
      rework [shape=parallelogram, tool_command="echo reworking"]
      start -> judge
      judge -> ship [label="ship"]
      judge -> rework [label="rework"]
      ship -> exit
      rework -> exit
    }`;
    const status = {
      outcome: "partial_success",
      notes: "two gaps",
      preferred_label: "rework",
      context_updates: { gaps: "2" },
    };
    const r = await run(dot, (logs) => [
      {
        match: { userText: "judge the work" },
        reply: {
          toolCalls: [
            call("write_file", { file_path: path.join(logs, "judge", "status.json"), content: JSON.stringify(status) }),
          ],
        },
      },
      { match: { toolResult: "write_file" }, reply: { text: "Needs rework." } },
    ]);
    // The status file lies outside the working directory: the backend lets the agent write there.
    expect(r.result.status).toBe("success");
    expect(r.result.completedNodes).toEqual(["start", "judge", "rework", "exit"]);
    expect(r.result.nodeOutcomes.judge).toMatchObject({ status: "partial_success", notes: "two gaps" });
    expect(r.result.context.gaps).toBe("2");
    // The stage's input told the agent where the file goes and which labels exist.
    const input = JSON.stringify(r.bodies[0].input);
    expect(input).toContain(JSON.stringify(path.join(r.logs, "judge", "status.json")).slice(1, -1));
    expect(input).toContain('\\"ship\\", \\"rework\\"');
    expect(readFileSync(path.join(r.logs, "judge", "response.md"), "utf8")).toBe("Needs rework.");
    expect(readFileSync(path.join(r.logs, "judge", "agent.ndjson"), "utf8")).toContain('"type":"tool_call_end"');
  });

  it("fails the stage when the agent reaches its turn limit, keeping its last words in response.md", async () => {
    const dot = `digraph limited {
      start [shape=Mdiamond]
      exit [shape=Msquare]
      busy [prompt="keep busy"]
      start -> busy -> exit
    }`;
    const r = await run(
      dot,
      [
        {
          match: { userText: "keep busy" },
          reply: { text: "Still working.", toolCalls: [call("shell", { command: "true" })] },
        },
      ],
      { sessionConfig: { maxTurns: 1 } },
    );
    expect(r.result.status).toBe("fail");
    expect(r.result.nodeOutcomes.busy).toMatchObject({
      status: "fail",
      failureReason: "busy: the agent reached its turn limit",
    });
    expect(readFileSync(path.join(r.logs, "busy", "response.md"), "utf8")).toBe("Still working.");
  });

  it("fails the stage with the LLM error that stopped the session", async () => {
    const dot = `digraph refused {
      start [shape=Mdiamond]
      exit [shape=Msquare]
      ask [prompt="anything"]
      start -> ask -> exit
    }`;
    // A script with no rules: the twin answers the request with OpenAI's 400, which is not retried.
    const r = await run(dot, []);
    expect(r.result.status).toBe("fail");
    expect(r.result.nodeOutcomes.ask?.failureReason).toBe(
      "openai (HTTP 400): twin script: request 1 came after the ordered script ended (0 rules)",
    );
  });

  it("aborts the session and kills its command when the run is cancelled", async () => {
    const dot = `digraph cancelled {
      start [shape=Mdiamond]
      exit [shape=Msquare]
      slow [prompt="wait a while"]
      start -> slow -> exit
    }`;
    const controller = new AbortController();
    const started = Date.now();
    const running = run(
      dot,
      [
        {
          match: { userText: "wait a while" },
          reply: { toolCalls: [call("shell", { command: "echo $$ > sleeper.pid; exec sleep 30" })] },
        },
      ],
      { signal: controller.signal },
    );
    const pidFile = path.join(dir, "work", "sleeper.pid");
    await waitFor(() => existsSync(pidFile) && readFileSync(pidFile, "utf8").endsWith("\n"));
    controller.abort("stop");
    const r = await running;
    expect(r.result.status).toBe("cancelled");
    expect(Date.now() - started).toBeLessThan(8000);
    // The command was killed with the session, not left behind.
    const pid = Number(readFileSync(pidFile, "utf8"));
    expect(() => process.kill(pid, 0)).toThrow(/ESRCH/);
  });
});

describe("AgentCodergenBackend: tool hooks (§9.7)", () => {
  it("skips a call its pre-hook refuses (the model is told), and runs the post-hook with each result", async () => {
    const dot = `digraph hooked {
      tool_hooks.pre="test \\"$ATTRACTOR_TOOL_NAME\\" != shell || { echo 'no shell here' >&2; exit 1; }"
      tool_hooks.post="cat > \\"$ATTRACTOR_STAGE_DIR/post-$ATTRACTOR_TOOL_NAME.json\\""
      start [shape=Mdiamond]
      exit [shape=Msquare]
      work [prompt="do the work"]
      start -> work -> exit
    }`;
    const r = await run(dot, [
      { match: { userText: "do the work" }, reply: { toolCalls: [call("shell", { command: "touch shell-ran" })] } },
      {
        match: {
          toolResult: "shell",
          toolResultContains: "Tool call skipped: tool_hooks.pre exited with 1: no shell here",
        },
        reply: { toolCalls: [call("write_file", { file_path: "note.txt", content: "written" })] },
      },
      { match: { toolResult: "write_file" }, reply: { text: "done" } },
    ]);
    expect(r.result.status).toBe("success");
    expect(existsSync(path.join(r.work, "shell-ran"))).toBe(false);
    expect(readFileSync(path.join(r.work, "note.txt"), "utf8")).toBe("written");
    expect(logsOf(r.events, "work")).toContain("warning: shell skipped: tool_hooks.pre exited with 1");
    const post = JSON.parse(readFileSync(path.join(r.logs, "work", "post-write_file.json"), "utf8"));
    expect(post).toMatchObject({
      hook: "post",
      node_id: "work",
      tool: { name: "write_file" },
      result: { is_error: false },
    });
    const hooks = readFileSync(path.join(r.logs, "work", "tool_hooks.ndjson"), "utf8")
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(hooks.map((h) => [h.hook, h.tool, h.proceed])).toEqual([
      ["pre", "shell", false],
      ["pre", "write_file", true],
      ["post", "write_file", true],
    ]);
  });
});
