import { describe, expect, it } from "vitest";
import type { Handler } from "../../src/index.js";
import { ConditionalHandler, Context, parseDot } from "../../src/index.js";
import { dot, run, stubRuntime, useTempDirs } from "../helpers/engine.js";

const tmp = useTempDirs();

describe("ConditionalHandler (§4.7)", () => {
  it("§11.6 passes through with SUCCESS and a note", async () => {
    const g = parseDot(`digraph G { check [shape=diamond] }`);
    const outcome = await asConditional().execute(g.nodes.get("check")!, new Context(), g, "", stubRuntime(tmp()));
    expect(outcome).toEqual({ status: "success", notes: "Conditional node evaluated: check" });
  });

  it("§11.6 the engine routes on the edge conditions against the context", async () => {
    const body = `check [shape=diamond]
      start -> check
      check -> yes [condition="context.ready=true"]
      check -> no [condition="context.ready!=true"]
      yes [prompt="Y"]; no [prompt="N"]
      yes -> exit; no -> exit`;
    const ready = await run(dot(body), tmp(), {
      initialContext: { ready: "true" },
      simulated: false,
      backend: { run: async () => "ok" },
    });
    expect(ready.completedNodes).toEqual(["start", "check", "yes", "exit"]);
    const notReady = await run(dot(body), tmp(), {
      initialContext: { ready: "false" },
      simulated: false,
      backend: { run: async () => "ok" },
    });
    expect(notReady.completedNodes).toEqual(["start", "check", "no", "exit"]);
  });

  it("routes on the outcome the previous stage left in the context", async () => {
    const body = `work [type="x"]; check [shape=diamond]
      start -> work -> check
      check -> good [condition="context.verdict=pass"]
      check -> bad [condition="context.verdict=fail"]
      good [prompt="G"]; bad [prompt="B"]; good -> exit; bad -> exit`;
    const r = await run(dot(body), tmp(), {
      handlers: { x: { execute: async () => ({ status: "success", contextUpdates: { verdict: "fail" } }) } },
      backend: { run: async () => "ok" },
    });
    expect(r.completedNodes).toEqual(["start", "work", "check", "bad", "exit"]);
  });
});

/** The handler seen through the §4.1 interface (the class declares fewer parameters). */
function asConditional(): Handler {
  return new ConditionalHandler();
}
