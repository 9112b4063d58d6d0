import { describe, expect, it } from "vitest";
import type { Handler } from "../../src/index.js";
import { Context, ExitHandler, parseDot } from "../../src/index.js";
import {
  dot,
  fakeBackend,
  run,
  scriptedHandler,
  stubRuntime,
  unvalidatedGraphOf,
  useTempDirs,
} from "../helpers/engine.js";

const tmp = useTempDirs();

describe("ExitHandler (§4.4)", () => {
  it("§11.6 returns SUCCESS immediately (goal gates are the engine's job)", async () => {
    const g = parseDot(`digraph G { impl [goal_gate=true]; exit [shape=Msquare] }`);
    const context = new Context({ outcome: "fail" });
    const outcome = await asExit().execute(g.nodes.get("exit")!, context, g, "/nowhere", stubRuntime(tmp()));
    expect(outcome).toEqual({ status: "success" });
  });

  it("§11.3 a terminal node stops execution even when edges leave it (validation skipped)", async () => {
    const g = unvalidatedGraphOf(dot(`a [type="x"]; after [type="x"]; start -> a -> exit; exit -> after`));
    const h = scriptedHandler({ status: "success" });
    const r = await run(g, tmp(), { handlers: { x: h }, skipValidation: true });
    expect(r.status).toBe("success");
    expect(h.calls).toEqual(["a"]);
    expect(r.completedNodes.at(-1)).toBe("exit");
  });

  it("recognizes an exit by id (`end`) without the Msquare shape", async () => {
    const r = await run(`digraph T { start [shape=Mdiamond]; end; start -> end }`, tmp());
    expect(r.status).toBe("success");
    expect(r.completedNodes).toEqual(["start", "end"]);
  });

  // Regression: a shapeless `end` used to resolve by the default shape `box` to codergen.
  it("an exit identified only by its id runs the exit handler, not the LLM", async () => {
    const backend = fakeBackend();
    await run(`digraph T { start [shape=Mdiamond]; end; start -> end }`, tmp(), { backend });
    expect(backend.calls.map((c) => c.nodeId)).toEqual([]);
  });
});

/** The handler seen through the §4.1 interface (the class declares fewer parameters). */
function asExit(): Handler {
  return new ExitHandler();
}
