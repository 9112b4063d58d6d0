// How `factory run` picks its codergen backend: simulation with --simulate or without a provider,
// else coding agents, with a first line naming what the pipeline's LLM stages will run on.
import { preparePipeline } from "@darkfactory/attractor";
import { describe, expect, it } from "vitest";
import { AgentCodergenBackend } from "../../src/agent/codergen-backend.js";
import { chooseBackend } from "../../src/run/backend.js";

const { graph } = preparePipeline(`digraph g {
  model_stylesheet=".claude { llm_provider: anthropic; }"
  start [shape=Mdiamond]
  exit [shape=Msquare]
  plan [prompt="plan"]
  build [prompt="build"]
  review [class="claude", prompt="review"]
  fan [shape=component]
  join [shape=tripleoctagon, prompt="merge the branches"]
  test [shape=parallelogram, tool_command="true"]
  start -> plan -> build -> review -> fan
  fan -> test -> join -> exit
}`);

describe("chooseBackend", () => {
  it("simulates with --simulate, even when a provider is configured", async () => {
    const choice = chooseBackend({ simulate: true, env: { OPENAI_API_KEY: "k" } });
    expect(choice).toMatchObject({ simulated: true, backend: undefined });
    expect(choice.notice).toBe("simulation: --simulate — codergen stages are simulated");
    await choice.close();
  });

  it("simulates when no provider is configured, and says what to set", () => {
    expect(chooseBackend({ simulate: false, env: { PATH: "/bin" } }).notice).toBe(
      "simulation: no LLM provider configured — codergen stages are simulated (set OPENAI_API_KEY, ANTHROPIC_API_KEY or GEMINI_API_KEY, or a *_BASE_URL)",
    );
  });

  it("runs coding agents when a key or a base URL is set, naming the model of each LLM stage", async () => {
    const env = { OPENAI_API_KEY: "k", ANTHROPIC_BASE_URL: "http://127.0.0.1:4102" };
    const choice = chooseBackend({ simulate: false, env, graph });
    expect(choice.simulated).toBe(false);
    expect(choice.backend).toBeInstanceOf(AgentCodergenBackend);
    expect(choice.notice).toBe(
      "agent: codergen stages run coding agents on openai/gpt-5.2-codex (3 stages), anthropic/claude-opus-4-6 (1 stage); configured: openai, anthropic",
    );
    await choice.close();
    // A closed backend refuses to run stages.
    const node = graph.nodes.get("plan");
    if (node === undefined || choice.backend === undefined) throw new Error("unreachable");
    await expect(choice.backend.run(node, "x", undefined as never, undefined as never)).rejects.toThrow(
      "the agent backend is closed",
    );
  });

  it("names the --provider/--model default when the graph has no LLM stage", async () => {
    const choice = chooseBackend({
      simulate: false,
      env: { OPENAI_API_KEY: "k", GEMINI_API_KEY: "k" },
      defaults: { provider: "gemini", model: "gemini-2.5-pro" },
    });
    expect(choice.notice).toBe("agent: codergen stages run coding agents on gemini/gemini-2.5-pro");
    await choice.close();
  });
});
