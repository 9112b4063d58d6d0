import { describe, expect, it } from "vitest";
import {
  BUILT_IN_HANDLER_TYPES,
  CodergenHandler,
  ConditionalHandler,
  createDefaultRegistry,
  ExitHandler,
  FanInHandler,
  ManagerLoopHandler,
  ParallelHandler,
  parseDot,
  StartHandler,
  ToolHandler,
  WaitForHumanHandler,
} from "../../src/index.js";

describe("createDefaultRegistry", () => {
  it("registers the nine built-in types of §2.8, with codergen as the default", () => {
    expect(BUILT_IN_HANDLER_TYPES).toEqual([
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
    const registry = createDefaultRegistry({ startChild: () => undefined as never });
    expect(registry.types().sort()).toEqual([...BUILT_IN_HANDLER_TYPES].sort());
    const classes = [
      StartHandler,
      ExitHandler,
      CodergenHandler,
      WaitForHumanHandler,
      ConditionalHandler,
      ParallelHandler,
      FanInHandler,
      ToolHandler,
      ManagerLoopHandler,
    ];
    for (const [i, type] of BUILT_IN_HANDLER_TYPES.entries()) expect(registry.get(type)).toBeInstanceOf(classes[i]);
    const g = parseDot(`digraph G { odd [shape=egg] }`);
    expect(registry.resolve(g.nodes.get("odd")!).handler).toBeInstanceOf(CodergenHandler);
  });

  it("leaves out the manager loop when there is no way to start a child pipeline", () => {
    expect(createDefaultRegistry().has("stack.manager_loop")).toBe(false);
  });
});
