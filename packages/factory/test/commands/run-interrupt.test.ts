// Ctrl-C during `factory run`, in-process (io.onInterrupt) and through a terminal menu in raw
// mode: the first cancels and checkpoints, the second exits at once.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { FakeTtyInput, runFactory, screen, startCli, tempDir, waitFor } from "../helpers/run-io.js";

// The tool sleeps only until `marker` exists, so a resumed run finishes at once.
const SLOW = `digraph slow {
  start [shape=Mdiamond]
  exit [shape=Msquare]
  t [shape=parallelogram, tool_command="echo $$ > tool.pid; if [ ! -f marker ]; then touch marker; sleep 30; fi"]
  start -> t -> exit
}
`;
// A tool that ignores SIGTERM: cancelling it takes the engine's kill grace period.
const STUBBORN = `digraph stubborn {
  start [shape=Mdiamond]
  exit [shape=Msquare]
  t [shape=parallelogram, tool_command="trap '' TERM; sleep 4"]
  start -> t -> exit
}
`;
const GATE = `digraph gate {
  start [shape=Mdiamond]
  exit [shape=Msquare]
  review [shape=hexagon, label="Ship it?"]
  ship [prompt="ship"]
  start -> review
  review -> ship [label="[S] Ship"]
  review -> exit [label="[N] Not now"]
  ship -> exit
}
`;

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ dir, cleanup } = await tempDir({ "slow.dot": SLOW, "stubborn.dot": STUBBORN, "gate.dot": GATE }));
});
afterEach(() => cleanup());

function checkpointStatus(logs: string): string | undefined {
  try {
    return (JSON.parse(readFileSync(path.join(dir, logs, "checkpoint.json"), "utf8")) as { status: string }).status;
  } catch {
    return undefined;
  }
}

/** True while a process group with leader `pid` still has members. */
function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe("factory run: interrupts", () => {
  it("first Ctrl-C cancels the run, kills the tool, checkpoints as cancelled and exits 130; --resume finishes it", async () => {
    const session = startCli(["run", "slow.dot", "--json", "--logs", "out"], { cwd: dir });
    await waitFor(() => session.stdout.text.includes('"type":"stage_started","nodeId":"t"'));
    // The marker too: interrupted before creating it, the resumed run would sleep.
    await waitFor(() => readFileSafe(path.join(dir, "tool.pid")) !== "" && existsSync(path.join(dir, "marker")));
    const toolPid = Number(readFileSafe(path.join(dir, "tool.pid")));
    session.interrupt();
    expect(await session.done).toBe(130);
    expect(session.exits).toEqual([]);
    expect(session.stderr.text).toContain("interrupted — resume with: factory run slow.dot --resume out\n");
    const events = session.stdout.text
      .trimEnd()
      .split("\n")
      .map((l) => JSON.parse(l) as { type: string });
    expect(events.at(-1)).toMatchObject({ type: "pipeline_cancelled", reason: "interrupted by the user (Ctrl-C)" });
    expect(checkpointStatus("out")).toBe("cancelled");
    await waitFor(() => !groupAlive(toolPid), 5000);

    const resumed = await runFactory(["run", "--resume", "out"], { cwd: dir });
    expect(resumed.code).toBe(0);
    expect(resumed.stdout).toContain("path:     start -> t -> exit\n");
    expect(checkpointStatus("out")).toBe("success");
  });

  it("second Ctrl-C exits at once with 130 through io.exit", async () => {
    const session = startCli(["run", "stubborn.dot", "--logs", "out"], { cwd: dir });
    await waitFor(() => session.stdout.text.includes("▸ t\n"));
    await new Promise((resolve) => setTimeout(resolve, 100)); // let the shell install its trap
    session.interrupt();
    session.interrupt();
    expect(await session.done).toBe(130);
    expect(session.exits).toEqual([130]);
    expect(session.stderr.text).toBe(
      "interrupting: stopping running stages and saving a checkpoint (Ctrl-C again to quit at once)\n" +
        "interrupted — resume with: factory run stubborn.dot --resume out\n",
    );
    // The engine still finishes cancelling in the background (SIGKILL after its grace period).
    await waitFor(() => checkpointStatus("out") === "cancelled", 10_000);
  });

  it("answers a gate on a terminal with an accelerator key, pausing the live progress", async () => {
    const input = new FakeTtyInput();
    const session = startCli(["run", "gate.dot", "--logs", "out"], { cwd: dir, tty: true, stdin: input });
    await waitFor(() => session.stdout.text.includes("Ship it?"));
    expect(input.isRaw).toBe(true);
    input.type("n");
    expect(await session.done).toBe(0);
    expect(input.isRaw).toBe(false);
    const shown = screen(session.stdout.text);
    expect(shown).toContain("? Ship it? › Not now");
    expect(shown).toMatch(/✓ review {2}Ship it\? {2}\S+ → Not now/);
    expect(shown).toContain("path:     start -> review -> exit");
  });

  it("Ctrl-C typed at a terminal menu cancels the run", async () => {
    const input = new FakeTtyInput();
    const session = startCli(["run", "gate.dot", "--logs", "out"], { cwd: dir, tty: true, stdin: input });
    await waitFor(() => session.stdout.text.includes("Ship it?"));
    input.type("\u0003");
    expect(await session.done).toBe(130);
    expect(checkpointStatus("out")).toBe("cancelled");
    expect(screen(session.stdout.text)).toContain("result:   cancelled");
    expect(session.stderr.text).toContain("interrupted — resume with: factory run gate.dot --resume out\n");
  });
});

function readFileSafe(file: string): string {
  try {
    return readFileSync(file, "utf8").trim();
  } catch {
    return "";
  }
}
