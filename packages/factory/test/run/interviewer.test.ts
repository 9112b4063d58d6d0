// chooseInterviewer and PausingInterviewer: which frontend asks, and progress paused meanwhile.
import { PassThrough, Readable } from "node:stream";
import type { Answer, Interviewer, Question } from "@darkfactory/attractor";
import { describe, expect, it } from "vitest";
import type { CliIo } from "../../src/cli/io.js";
import { LineOutput } from "../../src/render/line-output.js";
import type { RunRenderer } from "../../src/render/types.js";
import { chooseInterviewer, PausingInterviewer } from "../../src/run/interviewer.js";
import { CaptureStream } from "../helpers/cli.js";
import { FakeTtyInput } from "../helpers/run-io.js";

const QUESTION: Question = {
  id: "q-1",
  text: "Ship?",
  type: "multiple_choice",
  options: [
    { key: "Y", label: "[Y] Yes" },
    { key: "N", label: "[N] No" },
  ],
  stage: "gate",
};

/** A renderer that records pause/resume calls. */
function recorder(): RunRenderer & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    start: () => undefined,
    event: () => undefined,
    pause: () => calls.push("pause"),
    resume: () => calls.push("resume"),
    note: () => undefined,
    finish: () => undefined,
    close: () => undefined,
  };
}

function io(stdin: NodeJS.ReadableStream): CliIo {
  return { stdout: new CaptureStream(), stderr: new CaptureStream(), stdin, env: {}, cwd: "/" };
}

describe("chooseInterviewer", () => {
  const base = { renderer: recorder(), onInterrupt: () => undefined, color: false };

  it("--auto-approve wins", async () => {
    const out = new LineOutput(new CaptureStream());
    const { interviewer, kind } = chooseInterviewer({
      ...base,
      autoApprove: true,
      io: io(new FakeTtyInput()),
      output: out,
    });
    expect(kind).toBe("auto-approve");
    expect(await interviewer.ask(QUESTION)).toMatchObject({ value: "Y" });
  });

  it("uses the terminal menu when stdin is a terminal", () => {
    const out = new LineOutput(new CaptureStream());
    expect(chooseInterviewer({ ...base, autoApprove: false, io: io(new FakeTtyInput()), output: out }).kind).toBe(
      "tty",
    );
  });

  it("reads lines from piped stdin otherwise, and ends the prompt line afterwards", async () => {
    const captured = new CaptureStream();
    const out = new LineOutput(captured);
    const renderer = recorder();
    const { interviewer, kind } = chooseInterviewer({
      ...base,
      renderer,
      autoApprove: false,
      io: io(Readable.from(["n\n"])),
      output: out,
    });
    expect(kind).toBe("console");
    expect(await interviewer.ask(QUESTION)).toMatchObject({ value: "N" });
    expect(captured.text).toBe("[?] Ship?\n  [Y] Yes\n  [N] No\nSelect: \n");
    expect(renderer.calls).toEqual(["pause", "resume"]);
  });
});

describe("PausingInterviewer", () => {
  it("resumes the renderer even when the question is cancelled", async () => {
    const renderer = recorder();
    const failing: Interviewer = { ask: () => Promise.reject(new Error("cancelled")) };
    const pausing = new PausingInterviewer(failing, renderer, new LineOutput(new PassThrough()));
    await expect(pausing.ask(QUESTION)).rejects.toThrow("cancelled");
    expect(renderer.calls).toEqual(["pause", "resume"]);
  });

  it("pauses around inform and asks several questions in order", async () => {
    const renderer = recorder();
    const asked: string[] = [];
    const inner: Interviewer = {
      ask: async (q): Promise<Answer> => {
        asked.push(q.id);
        return { value: "yes" };
      },
      inform: () => undefined,
    };
    const pausing = new PausingInterviewer(inner, renderer, new LineOutput(new PassThrough()));
    pausing.inform("hello", "gate");
    expect(await pausing.askMultiple([QUESTION, { ...QUESTION, id: "q-2" }])).toEqual([
      { value: "yes" },
      { value: "yes" },
    ]);
    expect(asked).toEqual(["q-1", "q-2"]);
    expect(renderer.calls).toEqual(["pause", "resume", "pause", "resume", "pause", "resume"]);
  });
});
