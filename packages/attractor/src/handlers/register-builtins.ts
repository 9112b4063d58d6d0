/**
 * Registers the nine built-in handlers of attractor-spec §2.8 in one place.
 * @module
 */
import { HandlerRegistry } from "../engine/handler-registry.js";
import type { Interviewer } from "../interviewer/types.js";
import { CodergenHandler } from "./codergen.js";
import { ConditionalHandler } from "./conditional.js";
import { ExitHandler } from "./exit.js";
import { FanInHandler } from "./fan-in.js";
import { ManagerLoopHandler, type ManagerLoopOptions } from "./manager-loop.js";
import { ParallelHandler } from "./parallel.js";
import { StartHandler } from "./start.js";
import { ToolHandler } from "./tool.js";
import type { CodergenBackend } from "./types.js";
import { WaitForHumanHandler } from "./wait-human.js";

/** The built-in handler type strings (attractor-spec §2.8). */
export const BUILT_IN_HANDLER_TYPES: readonly string[] = Object.freeze([
  "start",
  "exit",
  "codergen",
  "wait.human",
  "conditional",
  "parallel",
  "parallel.fan_in",
  "tool",
  "stack.manager_loop",
]);

/** Dependencies of the built-in handlers. */
export interface DefaultRegistryOptions {
  /** LLM backend for codergen and prompt-based fan-in; undefined = simulation. */
  backend?: CodergenBackend;
  interviewer?: Interviewer;
  /** Working directory and environment for tool commands and child pipelines. */
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Starts child pipelines for manager loops (the runner passes `startPipeline`). */
  startChild?: ManagerLoopOptions["startChild"];
}

/** A registry with every built-in handler; `codergen` is the default (§4.2). */
export function createDefaultRegistry(options: DefaultRegistryOptions = {}): HandlerRegistry {
  const registry = new HandlerRegistry();
  registry
    .register("start", new StartHandler())
    .register("exit", new ExitHandler())
    .register("codergen", new CodergenHandler(options.backend))
    .register("wait.human", new WaitForHumanHandler(options.interviewer))
    .register("conditional", new ConditionalHandler())
    .register("parallel", new ParallelHandler())
    .register("parallel.fan_in", new FanInHandler(options.backend))
    .register("tool", new ToolHandler({ cwd: options.cwd, env: options.env }));
  if (options.startChild) {
    registry.register(
      "stack.manager_loop",
      new ManagerLoopHandler({
        startChild: options.startChild,
        backend: options.backend,
        interviewer: options.interviewer,
        cwd: options.cwd,
        env: options.env,
      }),
    );
  }
  registry.setDefault("codergen");
  return registry;
}
