// coding-agent-loop-spec §9.13 integration smoke test with real models, step by step as the spec
// writes it, once per provider profile. A provider's steps run only when its key is set
// (OPENAI_API_KEY, ANTHROPIC_API_KEY, GEMINI_API_KEY or GOOGLE_API_KEY); otherwise they are skipped
// and the test name says why, and nothing touches the network. `Client.fromEnv()` also reads
// OPENAI_BASE_URL / ANTHROPIC_BASE_URL / GEMINI_BASE_URL, so the steps can run against any
// compatible endpoint (e.g. a local twin). AGENT_SMOKE_<PROVIDER>_MODEL overrides the profile's
// default model (e.g. AGENT_SMOKE_OPENAI_MODEL=gpt-5-mini).
import { mkdtempSync, realpathSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Client } from "@darkfactory/llm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LocalExecutionEnvironment } from "../../src/env/local.js";
import { createAnthropicProfile } from "../../src/profiles/anthropic.js";
import { createGeminiProfile } from "../../src/profiles/gemini.js";
import { createOpenAIProfile } from "../../src/profiles/openai.js";
import type { ProviderProfile } from "../../src/profiles/types.js";
import type { SessionEvent } from "../../src/session/events.js";
import { Session } from "../../src/session/session.js";

/** Per step: a real model may take several tool rounds. */
const STEP_TIMEOUT_MS = 240_000;

/** §9.13 step 7 expects the 10 s default, so the Anthropic profile's 120 s default is lowered here. */
const SMOKE_TIMEOUT_MS = 10_000;

interface LiveProvider {
  id: "openai" | "anthropic" | "gemini";
  keys: string[];
  create(model: string | undefined): ProviderProfile;
}

const PROVIDERS: LiveProvider[] = [
  { id: "openai", keys: ["OPENAI_API_KEY"], create: (model) => createOpenAIProfile(model ? { model } : {}) },
  {
    id: "anthropic",
    keys: ["ANTHROPIC_API_KEY"],
    create: (model) =>
      createAnthropicProfile({ ...(model ? { model } : {}), defaultCommandTimeoutMs: SMOKE_TIMEOUT_MS }),
  },
  {
    id: "gemini",
    keys: ["GEMINI_API_KEY", "GOOGLE_API_KEY"],
    create: (model) => createGeminiProfile(model ? { model } : {}),
  },
];

for (const provider of PROVIDERS) {
  const hasKey = provider.keys.some((key) => process.env[key]);
  const note = hasKey ? "" : ` (skipped: ${provider.keys.join(" or ")} not set)`;

  describe.skipIf(!hasKey)(`§9.13 integration smoke test [${provider.id}]${note}`, () => {
    let dir: string;
    let env: LocalExecutionEnvironment;
    let session: Session;
    const events: SessionEvent[] = [];
    /** Events of the session since `from`. */
    const since = (from: number) => events.slice(from);
    const run = async (input: string) => {
      const from = events.length;
      const result = await session.submit(input);
      expect(result.stopReason).not.toBe("error");
      return since(from);
    };

    beforeAll(() => {
      dir = realpathSync(mkdtempSync(join(tmpdir(), `agent-smoke-${provider.id}-`)));
      env = new LocalExecutionEnvironment({ workingDir: dir });
      session = new Session({
        client: Client.fromEnv(),
        profile: provider.create(process.env[`AGENT_SMOKE_${provider.id.toUpperCase()}_MODEL`]),
        environment: env,
        config: { defaultCommandTimeoutMs: SMOKE_TIMEOUT_MS, maxToolRoundsPerInput: 20 },
        onEvent: (event) => events.push(event),
      });
    });

    afterAll(async () => {
      await session?.close();
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    it("1. simple file creation", { timeout: STEP_TIMEOUT_MS }, async () => {
      await run("Create a file called hello.py that prints 'Hello World'");
      expect(await env.fileExists("hello.py")).toBe(true);
      expect(await env.readFile("hello.py")).toContain("Hello");
    });

    it("2. read and edit", { timeout: STEP_TIMEOUT_MS }, async () => {
      await run("Read hello.py and add a second print statement that says 'Goodbye'");
      const content = await env.readFile("hello.py");
      expect(content).toContain("Hello");
      expect(content).toContain("Goodbye");
    });

    it("3. shell execution", { timeout: STEP_TIMEOUT_MS }, async () => {
      const stepEvents = await run("Run hello.py and show the output");
      const shell = stepEvents.filter((e) => e.type === "tool_call_end" && e.toolName === "shell");
      expect(shell.length).toBeGreaterThan(0);
    });

    it("4. truncation verification", { timeout: STEP_TIMEOUT_MS }, async () => {
      await env.writeFile("big.txt", "x".repeat(100_000));
      const stepEvents = await run("Read big.txt");
      const truncated = stepEvents.flatMap((e) => (e.type === "tool_call_end" && e.truncated ? [e] : []));
      expect(truncated.length).toBeGreaterThan(0);
      expect(truncated[0].output.length).toBeGreaterThanOrEqual(100_000);
      const sent = session.history.flatMap((turn) => (turn.kind === "tool_results" ? turn.results : []));
      expect(sent.some((result) => String(result.content).includes("[WARNING: Tool output was truncated."))).toBe(true);
    });

    it("5. steering", { timeout: STEP_TIMEOUT_MS }, async () => {
      const from = events.length;
      const done = session.submit("Create a Flask web application with multiple routes");
      session.steer("Actually, just create a single /health endpoint for now");
      const result = await done;
      expect(result.stopReason).not.toBe("error");
      expect(since(from).some((e) => e.type === "steering_injected" && e.source === "steer")).toBe(true);
      expect(session.history.some((turn) => turn.kind === "steering")).toBe(true);
    });

    it("6. subagent", { timeout: STEP_TIMEOUT_MS }, async () => {
      const stepEvents = await run("Spawn a subagent to write tests for hello.py, then review its output");
      expect(stepEvents.some((e) => e.type === "tool_call_start" && e.toolName === "spawn_agent")).toBe(true);
      expect(stepEvents.some((e) => e.type === "subagent_event" && e.event.type === "tool_call_end")).toBe(true);
    });

    it("7. timeout handling", { timeout: STEP_TIMEOUT_MS }, async () => {
      const stepEvents = await run("Run 'sleep 30' with the default timeout");
      const timedOut = stepEvents.flatMap((e) =>
        e.type === "tool_call_end" && e.toolName === "shell" && e.output.includes("Command timed out after") ? [e] : [],
      );
      expect(timedOut.length).toBeGreaterThan(0);
      expect(timedOut[0].output).toContain(`Command timed out after ${SMOKE_TIMEOUT_MS}ms`);
      expect(session.state).not.toBe("closed");
    });
  });
}
