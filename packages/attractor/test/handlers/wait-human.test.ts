import { describe, expect, it } from "vitest";
import type { Answer, Question } from "../../src/index.js";
import {
  CallbackInterviewer,
  Context,
  choicesOf,
  findChoice,
  parseDot,
  QueueInterviewer,
  WaitForHumanHandler,
} from "../../src/index.js";
import { dot, eventLog, run, stubRuntime, useTempDirs } from "../helpers/engine.js";

const tmp = useTempDirs();

const g = parseDot(`digraph G {
  gate [shape=hexagon, label="Ship it?", human.default_choice=ship, human.timeout="30ms"]
  gate -> ship [label="[A] Approve"]
  gate -> fix [label="R) Request changes"]
  gate -> drop [label="X - Drop it"]
  gate -> later
  lonely [shape=hexagon]
}`);
const gate = g.nodes.get("gate")!;

async function ask(answer: Answer | undefined, nodeId = "gate") {
  const questions: Question[] = [];
  const interviewer = new CallbackInterviewer(
    (q, signal) =>
      new Promise<Answer>((resolve) => {
        questions.push(q);
        if (answer) resolve(answer);
        else signal.addEventListener("abort", () => resolve({ value: "skipped" })); // never answers in time
      }),
  );
  const runtime = stubRuntime(tmp());
  const outcome = await new WaitForHumanHandler(interviewer).execute(
    g.nodes.get(nodeId)!,
    new Context(),
    g,
    "",
    runtime,
  );
  return { outcome, questions, events: runtime.events };
}

describe("choicesOf (§4.6 step 1)", () => {
  it("derives one choice per outgoing edge with its accelerator key, label (or target id) and target", () => {
    expect(choicesOf(gate, g)).toEqual([
      { key: "A", label: "[A] Approve", to: "ship" },
      { key: "R", label: "R) Request changes", to: "fix" },
      { key: "X", label: "X - Drop it", to: "drop" },
      { key: "L", label: "later", to: "later" },
    ]);
  });
});

describe("findChoice", () => {
  const choices = choicesOf(gate, g);
  it.each([
    [{ value: "r" }, "fix"],
    [{ value: "Request changes" }, "fix"],
    [{ value: "drop" }, "drop"],
    [{ value: "x", selectedOption: { key: "L", label: "later" } }, "later"],
    [{ value: "?", text: "A" }, "ship"],
  ])("matches %j to %s", (answer, to) => {
    expect(findChoice(answer, choices)?.to).toBe(to);
  });

  it("returns undefined when nothing matches", () => {
    expect(findChoice({ value: "nothing" }, choices)).toBeUndefined();
  });
});

describe("WaitForHumanHandler (§4.6)", () => {
  it("§11.6 presents the edge labels as a multiple-choice question and returns the selection", async () => {
    const { outcome, questions, events } = await ask({ value: "R" });
    expect(questions[0]).toMatchObject({
      text: "Ship it?",
      type: "multiple_choice",
      stage: "gate",
      timeoutMs: 30,
      options: [
        { key: "A", label: "[A] Approve" },
        { key: "R", label: "R) Request changes" },
        { key: "X", label: "X - Drop it" },
        { key: "L", label: "later" },
      ],
    });
    expect(outcome).toMatchObject({
      status: "success",
      preferredLabel: "R) Request changes",
      suggestedNextIds: ["fix"],
      contextUpdates: { "human.gate.selected": "R", "human.gate.label": "R) Request changes" },
    });
    expect(events.map((e) => e.type)).toEqual(["interview_started", "interview_completed"]);
  });

  it("falls back to the first choice when the answer matches none", async () => {
    const { outcome } = await ask({ value: "banana" });
    expect(outcome?.suggestedNextIds).toEqual(["ship"]);
  });

  it("on timeout uses human.default_choice and emits interview_timeout", async () => {
    const { outcome, events, questions } = await ask(undefined);
    expect(questions[0].metadata).toEqual({ default_choice: "[A] Approve" });
    expect(outcome).toMatchObject({ status: "success", suggestedNextIds: ["ship"], preferredLabel: "[A] Approve" });
    expect(events.map((e) => e.type)).toEqual(["interview_started", "interview_timeout"]);
  });

  it("on timeout without a default asks to be retried", async () => {
    const g2 = parseDot(`digraph G { gate [shape=hexagon, human.timeout="20ms"]; gate -> a }`);
    const interviewer = new CallbackInterviewer(
      (_q, signal) => new Promise((r) => signal.addEventListener("abort", () => r({ value: "x" }))),
    );
    const outcome = await new WaitForHumanHandler(interviewer).execute(
      g2.nodes.get("gate")!,
      new Context(),
      g2,
      "",
      stubRuntime(tmp()),
    );
    expect(outcome).toEqual({ status: "retry", failureReason: "human gate timeout, no default" });
  });

  it("a skipped answer fails the stage", async () => {
    const { outcome } = await ask({ value: "skipped" });
    expect(outcome).toEqual({ status: "fail", failureReason: "human skipped interaction" });
  });

  it("fails without outgoing edges, and without an interviewer", async () => {
    expect((await ask({ value: "A" }, "lonely")).outcome).toEqual({
      status: "fail",
      failureReason: "No outgoing edges for human gate",
    });
    const outcome = await new WaitForHumanHandler(undefined).execute(gate, new Context(), g, "", stubRuntime(tmp()));
    expect(outcome.failureReason).toMatch(/needs an interviewer/);
  });
});

describe("human gates in a run", () => {
  const body = `review [shape=hexagon, label="Review the change"]
    start -> review
    review -> exit [label="[A] Approve"]
    review -> fix [label="[F] Fix"]
    fix [prompt="Fix it"]; fix -> review`;

  it("routes on each selection, looping through the fix stage", async () => {
    const interviewer = new QueueInterviewer([{ value: "F" }, { value: "A" }]);
    const log = eventLog();
    const r = await run(dot(body), tmp(), { interviewer, onEvent: log.onEvent });
    expect(r.completedNodes).toEqual(["start", "review", "fix", "review", "exit"]);
    expect(r.context["human.gate.label"]).toBe("[A] Approve");
    expect(
      log.events
        .filter((e) => e.type === "edge_selected" && e.from === "review")
        .map((e) => e.type === "edge_selected" && e.reason),
    ).toEqual(["preferred_label", "preferred_label"]);
    expect(log.types().filter((t) => t.startsWith("interview_"))).toEqual([
      "interview_started",
      "interview_completed",
      "interview_started",
      "interview_completed",
    ]);
  });

  it("a node `timeout` bounds the wait and the default choice is taken", async () => {
    const timed = body.replace(
      'label="Review the change"',
      'label="Review", timeout="50ms", human.default_choice=exit',
    );
    const never = new CallbackInterviewer(
      (_q, signal) => new Promise((r) => signal.addEventListener("abort", () => r({ value: "x" }))),
    );
    const r = await run(dot(timed), tmp(), { interviewer: never });
    expect(r.status).toBe("success");
    expect(r.completedNodes).toEqual(["start", "review", "exit"]);
  });

  it("a skipped gate fails the run (no fail edge)", async () => {
    const r = await run(dot(body), tmp(), { interviewer: new QueueInterviewer([]) });
    expect(r.status).toBe("fail");
    expect(r.outcome.failureReason).toBe("human skipped interaction");
  });
});
