import { describe, expect, it } from "vitest";
import type { Handler } from "../../src/index.js";
import { Context, parseDot, StartHandler } from "../../src/index.js";
import { run, stubRuntime, useTempDirs } from "../helpers/engine.js";

const tmp = useTempDirs();

describe("StartHandler (§4.3)", () => {
  it("§11.6 returns SUCCESS immediately and touches nothing", async () => {
    const g = parseDot(`digraph G { start [shape=Mdiamond] }`);
    const context = new Context({ k: "v" });
    const runtime = stubRuntime(tmp());
    const outcome = await asStart().execute(g.nodes.get("start")!, context, g, "/nowhere", runtime);
    expect(outcome).toEqual({ status: "success" });
    expect(context.snapshot()).toEqual({ k: "v" });
    expect(runtime.events).toEqual([]);
  });

  it("§11.3 the engine resolves the start node (by shape, else by id) and begins there", async () => {
    const byShape = await run(`digraph T { begin [shape=Mdiamond]; exit [shape=Msquare]; begin -> exit }`, tmp());
    expect(byShape.completedNodes).toEqual(["begin", "exit"]);
    expect(byShape.nodeOutcomes.begin).toEqual({ status: "success" });
    const byId = await run(`digraph T { start; exit [shape=Msquare]; start -> exit }`, tmp());
    expect(byId.completedNodes).toEqual(["start", "exit"]);
    expect(byId.nodeOutcomes.start).toEqual({ status: "success" }); // the start handler, not codergen
  });
});

/** The handler seen through the §4.1 interface (the class declares fewer parameters). */
function asStart(): Handler {
  return new StartHandler();
}
