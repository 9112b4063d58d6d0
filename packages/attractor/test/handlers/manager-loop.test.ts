import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadCheckpoint, startPipeline } from "../../src/index.js";
import { dot, eventLog, graphOf, noSleep, readJson, readText, run, useTempDirs } from "../helpers/engine.js";

const tmp = useTempDirs();

/** Writes a child pipeline start -> (tool nodes) -> exit into `dir/child.dot` and returns its path. */
function childDot(dir: string, commands: Record<string, string>): string {
  const ids = Object.keys(commands);
  const path = join(dir, "child.dot");
  writeFileSync(
    path,
    `digraph child {
      start [shape=Mdiamond]; exit [shape=Msquare]
      ${ids.map((id) => `${id} [shape=parallelogram, tool_command=${JSON.stringify(commands[id])}]`).join("\n      ")}
      start -> ${[...ids, "exit"].join(" -> ")}
    }`,
  );
  return path;
}

/** A parent pipeline start -> manager -> exit; `attrs` go on the manager node. */
function parent(attrs: string, graphAttrs = 'goal="Ship it"') {
  return dot(
    `manager [shape=house, manager.poll_interval="20ms", ${attrs}]
    start -> manager
    manager -> exit [condition="outcome=success"]`,
    graphAttrs,
  );
}

describe("ManagerLoopHandler (§4.11)", () => {
  it("starts the child pipeline from a .dot file and succeeds when it completes", async () => {
    const dir = tmp();
    const child = childDot(tmp(), { build: "echo built" });
    const log = eventLog();
    const ok = await run(parent("", `goal="Ship it", stack.child_dotfile=${JSON.stringify(child)}`), dir, {
      onEvent: log.onEvent,
    });
    expect(ok.status).toBe("success");
    expect(ok.nodeOutcomes.manager).toMatchObject({ status: "success", notes: "Child completed" });
    expect(ok.context).toMatchObject({ "stack.child.status": "completed", "stack.child.outcome": "success" });
    const childRoot = join(dir, "manager", "child");
    expect(loadCheckpoint(join(childRoot, "checkpoint.json"))).toMatchObject({
      status: "success",
      currentNode: "exit",
    });
    expect(readText(join(childRoot, "build", "stdout.txt"))).toBe("built\n");
    expect(existsSync(join(dir, "manager", "cycle_0", "observation.json"))).toBe(true);
    expect(log.events).toContainEqual(
      expect.objectContaining({ type: "stage_completed", nodeId: "build", branch: "manager:child" }),
    );
  });

  it("fails when the child fails, with the child's reason", async () => {
    const child = childDot(tmp(), { broken: "echo nope >&2; exit 4" });
    const r = await run(parent(`stack.child_dotfile=${JSON.stringify(child)}`), tmp());
    expect(r.status).toBe("fail");
    expect(r.nodeOutcomes.manager).toMatchObject({
      status: "fail",
      failureReason: "Child failed: tool_command failed (exit code 4): nope",
    });
  });

  it("fails when max cycles are exceeded and stops the child", async () => {
    const dir = tmp();
    const child = childDot(tmp(), { slow: "sleep 20" });
    const started = Date.now();
    const r = await run(parent(`stack.child_dotfile=${JSON.stringify(child)}, manager.max_cycles=3`), dir);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(r.nodeOutcomes.manager).toMatchObject({
      status: "fail",
      failureReason: "Max cycles exceeded (3 cycles, child still running)",
    });
    expect(r.context["stack.manager.cycle_count"]).toBe(3);
    expect(loadCheckpoint(join(dir, "manager", "child", "checkpoint.json")).status).toBe("cancelled");
  });

  it("succeeds when the stop condition holds, before the child finishes", async () => {
    const child = childDot(tmp(), { first: "true", second: "sleep 20" });
    const started = Date.now();
    const r = await run(
      parent(
        `stack.child_dotfile=${JSON.stringify(child)}, manager.stop_condition="context.stack.child.current_node=second"`,
      ),
      tmp(),
    );
    expect(Date.now() - started).toBeLessThan(5000);
    expect(r.nodeOutcomes.manager).toMatchObject({ status: "success", notes: "Stop condition satisfied" });
    expect(r.context).toMatchObject({ "stack.child.status": "running", "stack.child.current_node": "second" });
  });

  it("steer writes steer.md into the child's active stage directory", async () => {
    const dir = tmp();
    const child = childDot(tmp(), { slow: "sleep 20" });
    const r = await run(
      parent(
        `stack.child_dotfile=${JSON.stringify(child)}, manager.actions="observe,steer,wait", manager.steer_prompt="Focus on $goal", manager.stop_condition="context.stack.child.current_node=slow"`,
      ),
      dir,
    );
    expect(r.status).toBe("success");
    expect(readText(join(dir, "manager", "child", "slow", "steer.md"))).toBe("Focus on Ship it\n");
  });

  it("fails without a stack.child_dotfile", async () => {
    const r = await run(parent(""), tmp());
    expect(r.status).toBe("fail");
    expect(r.outcome.failureReason).toBe("manager 'manager' has no stack.child_dotfile (node or graph attribute)");
  });

  it("reports a child dotfile that does not exist", async () => {
    const r = await run(parent(`stack.child_dotfile="nowhere/child.dot"`), tmp(), { cwd: tmp() });
    expect(r.nodeOutcomes.manager.failureReason).toMatch(/^child pipeline not found: nowhere\/child\.dot/);
  });

  it("resolves a relative child dotfile against stack.child_workdir", async () => {
    const work = tmp();
    childDot(work, { build: "pwd" });
    const dir = tmp();
    const r = await run(parent(`stack.child_dotfile="child.dot", stack.child_workdir=${JSON.stringify(work)}`), dir);
    expect(r.status).toBe("success");
    expect(readText(join(dir, "manager", "child", "build", "stdout.txt")).trim()).toBe(work);
  });
});

describe("ManagerLoopHandler with stack.child_autostart=false", () => {
  it("observes a run directory until that run completes", async () => {
    const childRoot = tmp();
    const childGraph = graphOf(readText(childDot(tmp(), { step: "sleep 0.2; echo ok" })));
    const childRun = startPipeline(childGraph, { logsRoot: childRoot, sleep: noSleep });
    const r = await run(
      parent(`stack.child_autostart=false, stack.child_logs_root=${JSON.stringify(childRoot)}`),
      tmp(),
    );
    expect((await childRun.result()).status).toBe("success");
    expect(r.nodeOutcomes.manager).toMatchObject({ status: "success", notes: "Child completed" });
    expect(r.context["stack.child.completed_count"]).toBe(3);
  });

  it("fails when the observed run failed", async () => {
    const childRoot = tmp();
    await run(readText(childDot(tmp(), { bad: "exit 1" })), childRoot);
    const r = await run(
      parent(`stack.child_autostart=false, stack.child_logs_root=${JSON.stringify(childRoot)}`),
      tmp(),
    );
    expect(r.nodeOutcomes.manager).toMatchObject({
      status: "fail",
      failureReason: "Child failed: tool_command failed (exit code 1)",
    });
    expect(readJson(join(childRoot, "checkpoint.json")).status).toBe("fail");
  });

  it("needs stack.child_logs_root", async () => {
    const r = await run(parent("stack.child_autostart=false"), tmp());
    expect(r.nodeOutcomes.manager.failureReason).toBe(
      "stack.child_autostart=false needs stack.child_logs_root: the run directory to observe",
    );
  });
});
