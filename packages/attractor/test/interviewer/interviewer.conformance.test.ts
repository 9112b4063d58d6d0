/**
 * The Interviewer contract (attractor-spec §6, §11.8), run against every implementation in this
 * package. TtyInterviewer (packages/factory) has its own test covering the same items.
 */
import { describe, expect, it } from "vitest";
import { AutoApproveInterviewer } from "../../src/interviewer/auto-approve-interviewer.js";
import { CallbackInterviewer } from "../../src/interviewer/callback-interviewer.js";
import { ConsoleInterviewer } from "../../src/interviewer/console-interviewer.js";
import { answerForOption } from "../../src/interviewer/option-matching.js";
import { QueueInterviewer } from "../../src/interviewer/queue-interviewer.js";
import { RecordingInterviewer } from "../../src/interviewer/recording-interviewer.js";
import type { Answer, Interviewer, Question, QuestionType } from "../../src/interviewer/types.js";
import { consoleIo } from "../helpers/console-io.js";

/** An interviewer under test plus a way to give it a human's answer. */
interface Subject {
  interviewer: Interviewer;
  /** Makes the (simulated) human give `answer` to the next question. */
  answer(answer: Answer): void;
}

interface Harness {
  name: string;
  create(): Subject;
  /** True when `answer` decides what `ask` resolves (false: the interviewer decides by itself). */
  scripted: boolean;
  /** True when, without a scripted answer, `ask` waits for a human (so deadlines and aborts apply). */
  waits: boolean;
}

/** Answers queued for a callback; a question asked with none queued waits until one is fed. */
function scriptedCallback(): { callback: ConstructorParameters<typeof CallbackInterviewer>[0]; feed(a: Answer): void } {
  const queued: Answer[] = [];
  const waiting: ((a: Answer) => void)[] = [];
  return {
    callback: (_question, signal) => {
      const next = queued.shift();
      if (next) return next;
      return new Promise<Answer>((resolve, reject) => {
        waiting.push(resolve);
        signal.addEventListener("abort", () => {
          waiting.splice(waiting.indexOf(resolve), 1);
          reject(signal.reason);
        });
      });
    },
    feed: (a) => {
      const waiter = waiting.shift();
      if (waiter) waiter(a);
      else queued.push(a);
    },
  };
}

/** The line a person types to give `answer` on the console. */
function lineFor(answer: Answer): string {
  if (answer.selectedOption) return answer.selectedOption.key.toLowerCase();
  if (answer.value === "yes") return "y";
  if (answer.value === "no") return "n";
  return answer.text ?? answer.value;
}

const harnesses: Harness[] = [
  {
    name: "AutoApproveInterviewer",
    scripted: false,
    waits: false,
    create: () => ({ interviewer: new AutoApproveInterviewer(), answer: () => {} }),
  },
  {
    name: "QueueInterviewer",
    scripted: true,
    waits: false,
    create: () => {
      const interviewer = new QueueInterviewer();
      return { interviewer, answer: (a) => interviewer.enqueue(a) };
    },
  },
  {
    name: "CallbackInterviewer",
    scripted: true,
    waits: true,
    create: () => {
      const { callback, feed } = scriptedCallback();
      return { interviewer: new CallbackInterviewer(callback), answer: feed };
    },
  },
  {
    name: "ConsoleInterviewer",
    scripted: true,
    waits: true,
    create: () => {
      const io = consoleIo();
      return { interviewer: new ConsoleInterviewer(io), answer: (a) => io.type(lineFor(a)) };
    },
  },
  {
    name: "RecordingInterviewer(CallbackInterviewer)",
    scripted: true,
    waits: true,
    create: () => {
      const { callback, feed } = scriptedCallback();
      return { interviewer: new RecordingInterviewer(new CallbackInterviewer(callback)), answer: feed };
    },
  },
];

const options = [
  { key: "A", label: "[A] Approve" },
  { key: "R", label: "[R] Request changes" },
];

const questions: Record<QuestionType, Question> = {
  yes_no: { id: "deploy", text: "Deploy?", type: "yes_no", options: [], stage: "gate" },
  confirmation: { id: "confirm", text: "Really delete?", type: "confirmation", options: [], stage: "gate" },
  multiple_choice: { id: "review", text: "Review the change", type: "multiple_choice", options, stage: "review" },
  freeform: { id: "notes", text: "Any notes?", type: "freeform", options: [], stage: "notes" },
};

/** What a person answers to each question type in these tests. */
const humanAnswers: Record<QuestionType, Answer> = {
  yes_no: { value: "no" },
  confirmation: { value: "yes" },
  multiple_choice: answerForOption(options[1]!),
  freeform: { value: "ship it", text: "ship it" },
};

/** Checks `answer` is an answer the question allows (attractor-spec §6.3). */
function expectValidAnswer(question: Question, answer: Answer): void {
  expect(typeof answer.value).toBe("string");
  if (answer.value === "skipped" || answer.value === "timeout") return;
  switch (question.type) {
    case "yes_no":
    case "confirmation":
      expect(["yes", "no"]).toContain(answer.value);
      break;
    case "multiple_choice":
      expect(question.options).toContainEqual(answer.selectedOption);
      expect(answer.value).toBe(answer.selectedOption?.key);
      break;
    case "freeform":
      expect(typeof answer.text).toBe("string");
      break;
  }
}

function describeInterviewerConformance(harness: Harness): void {
  describe(`${harness.name} conforms to the Interviewer contract`, () => {
    it("§11.8: Interviewer interface works: ask(question) -> Answer", async () => {
      const { interviewer, answer } = harness.create();
      answer(humanAnswers.multiple_choice);
      const result = await interviewer.ask(questions.multiple_choice);
      expectValidAnswer(questions.multiple_choice, result);
      if (harness.scripted) expect(result).toEqual(humanAnswers.multiple_choice);
    });

    it.each(Object.keys(questions) as QuestionType[])("§11.8: Question supports type %s", async (type) => {
      const { interviewer, answer } = harness.create();
      answer(humanAnswers[type]);
      const result = await interviewer.ask(questions[type]);
      expectValidAnswer(questions[type], result);
      if (harness.scripted) expect(result).toEqual(humanAnswers[type]);
    });

    it("askMultiple asks in order and answers in the same order", async () => {
      const { interviewer, answer } = harness.create();
      const asked = [questions.yes_no, questions.multiple_choice, questions.freeform];
      for (const q of asked) answer(humanAnswers[q.type]);
      const results = await interviewer.askMultiple!(asked);
      expect(results).toHaveLength(3);
      results.forEach((r, i) => {
        expectValidAnswer(asked[i]!, r);
      });
      if (harness.scripted) expect(results).toEqual(asked.map((q) => humanAnswers[q.type]));
    });

    it("rejects with the abort reason when the signal is already aborted", async () => {
      const { interviewer } = harness.create();
      const reason = new Error("run cancelled");
      await expect(interviewer.ask(questions.yes_no, AbortSignal.abort(reason))).rejects.toBe(reason);
    });

    it("inform does not throw", () => {
      const { interviewer } = harness.create();
      expect(() => interviewer.inform?.("Stage finished", "review")).not.toThrow();
    });

    if (harness.waits) {
      describe("while waiting for a human", () => {
        it("§6.5: resolves the question's default when timeoutMs elapses", async () => {
          const { interviewer } = harness.create();
          const fallback = answerForOption(options[0]!);
          const started = Date.now();
          const result = await interviewer.ask({ ...questions.multiple_choice, timeoutMs: 20, default: fallback });
          expect(result).toEqual(fallback);
          expect(Date.now() - started).toBeGreaterThanOrEqual(15);
        });

        it("§6.5: resolves { value: 'timeout' } when timeoutMs elapses without a default", async () => {
          const { interviewer } = harness.create();
          expect(await interviewer.ask({ ...questions.yes_no, timeoutMs: 20 })).toEqual({ value: "timeout" });
        });

        it("answers the next question normally after a timeout", async () => {
          const { interviewer, answer } = harness.create();
          await interviewer.ask({ ...questions.yes_no, timeoutMs: 10 });
          const next = interviewer.ask(questions.multiple_choice);
          answer(humanAnswers.multiple_choice);
          expect(await next).toEqual(humanAnswers.multiple_choice);
        });

        it("rejects with the abort reason when aborted while waiting", async () => {
          const { interviewer } = harness.create();
          const controller = new AbortController();
          const pending = interviewer.ask(questions.freeform, controller.signal);
          setTimeout(() => controller.abort(new Error("stop")), 5);
          await expect(pending).rejects.toThrow("stop");
        });
      });
    } else {
      describe("when nobody is waiting", () => {
        it("answers at once, before even a zero timeout", async () => {
          const { interviewer, answer } = harness.create();
          answer(humanAnswers.yes_no);
          const result = await interviewer.ask({ ...questions.yes_no, timeoutMs: 0 });
          expect(result.value).not.toBe("timeout");
        });
      });
    }
  });
}

for (const harness of harnesses) describeInterviewerConformance(harness);
