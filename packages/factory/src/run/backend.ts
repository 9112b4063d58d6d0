/**
 * The one place where `factory run` chooses how codergen stages run: with the coding-agent
 * backend (factory -> agent -> llm, configured from the environment), or simulated
 * (attractor-spec §4.5).
 * @module
 */
import { type CodergenBackend, type Graph, handlerTypeOf } from "@darkfactory/attractor";
import type { SessionRecorder } from "@darkfactory/cxdb";
import { AgentCodergenBackend } from "../agent/codergen-backend.js";
import { agentProvidersFromEnv, NO_PROVIDER_HINT, type TargetRequest } from "../agent/providers.js";

/** How codergen stages will run, and the notice that says so (the first line of a run's output). */
export interface BackendChoice {
  /** The backend to hand the engine; `undefined` means simulation. */
  backend: CodergenBackend | undefined;
  simulated: boolean;
  /**
   * One line: `simulation: ...` when simulated, else `agent: ...` naming the provider/model
   * pairs the pipeline's LLM stages will use.
   */
  notice: string;
  /** Releases the backend's sessions and processes once the run is over. Never rejects. */
  close(): Promise<void>;
  /** Kills whatever the backend still runs, at once (a forced exit). Never throws. */
  interrupt(): void;
}

/** Options of {@link chooseBackend}. */
export interface ChooseBackendOptions {
  /** `--simulate`: simulate even when a backend could be configured. */
  simulate: boolean;
  /** Environment the backend reads its configuration and API keys from. */
  env: Readonly<Record<string, string | undefined>>;
  /** The pipeline: the notice names the models its LLM stages resolve to. */
  graph?: Graph;
  /** `--provider`, `--model`: defaults for stages that do not name their own. */
  defaults?: TargetRequest;
  /** The run's working directory (`--cwd`). Default `process.cwd()`. */
  workDir?: string;
  /** The run directory (agents may write their stage's status.json there). */
  logsRoot?: string;
  /** The recorder of a running codergen stage, to record its agent session into. */
  stageRecorder?: (nodeId: string, branch: string | undefined) => SessionRecorder | undefined;
}

const SIMULATED = { simulated: true, backend: undefined, close: async () => undefined, interrupt: () => undefined };

/**
 * Chooses the codergen backend: simulation with `--simulate` or when no provider is configured
 * (OPENAI_API_KEY, ANTHROPIC_API_KEY, GEMINI_API_KEY, or a base URL on this machine such as a
 * twin's); otherwise the coding-agent backend. Never throws.
 */
export function chooseBackend(options: ChooseBackendOptions): BackendChoice {
  if (options.simulate) {
    return { ...SIMULATED, notice: "simulation: --simulate — codergen stages are simulated" };
  }
  const providers = agentProvidersFromEnv(options.env);
  if (providers.configured.length === 0) {
    return {
      ...SIMULATED,
      notice: `simulation: no LLM provider configured — codergen stages are simulated (${NO_PROVIDER_HINT})`,
    };
  }
  const agent = new AgentCodergenBackend({
    providers,
    defaults: options.defaults ?? {},
    workDir: options.workDir ?? process.cwd(),
    env: options.env,
    ...(options.logsRoot !== undefined ? { logsRoot: options.logsRoot } : {}),
    ...(options.stageRecorder !== undefined ? { stageRecorder: options.stageRecorder } : {}),
  });
  return {
    backend: agent,
    simulated: false,
    notice: agentNotice(agent, options.graph, providers.configured, options.defaults ?? {}),
    close: () => agent.close(),
    interrupt: () => agent.interrupt(),
  };
}

/**
 * `agent: codergen stages run coding agents on anthropic/claude-sonnet-4-5 (2 stages), openai/gpt-5.2
 * (1 stage)`: the provider/model each LLM stage of the graph resolves to (codergen nodes and
 * fan-in nodes with a prompt), or the default when the graph is not given or has none.
 */
function agentNotice(
  agent: AgentCodergenBackend,
  graph: Graph | undefined,
  configured: readonly string[],
  defaults: TargetRequest,
): string {
  const counts = new Map<string, number>();
  for (const node of graph?.nodes.values() ?? []) {
    const type = handlerTypeOf(node);
    if (type !== "codergen" && !(type === "parallel.fan_in" && node.attrs.get("prompt"))) continue;
    const target = agent.targetOf(node);
    const key = `${target.provider}/${target.model}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  if (counts.size === 0) {
    const fallback = agent.targetFor({});
    counts.set(`${fallback.provider}/${fallback.model}`, 0);
  }
  const used = [...counts].map(([key, n]) => (n > 0 ? `${key} (${n} stage${n === 1 ? "" : "s"})` : key)).join(", ");
  const extra = defaults.provider || defaults.model ? "" : `; configured: ${configured.join(", ")}`;
  return `agent: codergen stages run coding agents on ${used}${extra}`;
}
