// watchInterrupts: first interrupt cancels, second exits, later ones are ignored.
import { describe, expect, it } from "vitest";
import type { CliIo } from "../../src/cli/io.js";
import { watchInterrupts } from "../../src/run/interrupt.js";
import { CaptureStream } from "../helpers/cli.js";

function fakeIo() {
  const listeners = new Set<() => void>();
  const io: CliIo = {
    stdout: new CaptureStream(),
    stderr: new CaptureStream(),
    stdin: process.stdin,
    env: {},
    cwd: "/",
    onInterrupt(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  return {
    io,
    listeners,
    sigint: () => {
      for (const listener of [...listeners]) listener();
    },
  };
}

describe("watchInterrupts", () => {
  it("calls first, then second, then nothing; trigger counts like a signal", () => {
    const { io, sigint } = fakeIo();
    const calls: string[] = [];
    const watch = watchInterrupts(io, { first: () => calls.push("first"), second: () => calls.push("second") });
    sigint();
    watch.trigger();
    sigint();
    expect(calls).toEqual(["first", "second"]);
    expect(watch.count).toBe(3);
  });

  it("unsubscribes on dispose and survives a throwing handler", () => {
    const { io, listeners, sigint } = fakeIo();
    const watch = watchInterrupts(io, {
      first: () => {
        throw new Error("boom");
      },
      second: () => undefined,
    });
    expect(listeners.size).toBe(1);
    expect(() => sigint()).not.toThrow();
    watch.dispose();
    expect(listeners.size).toBe(0);
    watch.trigger();
    expect(watch.count).toBe(1);
  });

  it("works without io.onInterrupt (trigger only)", () => {
    const { io } = fakeIo();
    const calls: string[] = [];
    const watch = watchInterrupts(
      { ...io, onInterrupt: undefined },
      { first: () => calls.push("first"), second: () => undefined },
    );
    watch.trigger();
    expect(calls).toEqual(["first"]);
  });
});
