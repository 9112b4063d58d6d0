/**
 * How `factory run` asks humans (attractor-spec §6): auto-approve, an interactive terminal menu,
 * or line prompts on piped input, with live progress paused while a question is shown.
 * @module
 */
import {
  type Answer,
  AutoApproveInterviewer,
  askSequentially,
  ConsoleInterviewer,
  type Interviewer,
  type Question,
} from "@darkfactory/attractor";
import type { CliIo } from "../cli/io.js";
import { type TtyInput, TtyInterviewer } from "../interviewer/tty-interviewer.js";
import type { LineOutput } from "../render/line-output.js";
import type { RunRenderer } from "../render/types.js";

/** Options of {@link chooseInterviewer}. */
export interface ChooseInterviewerOptions {
  /** `--auto-approve`: answer every question with its first option / yes. */
  autoApprove: boolean;
  io: CliIo;
  /** Where questions are drawn: stdout, or stderr under `--json` (stdout is for events then). */
  output: LineOutput;
  /** Paused while a question is shown, resumed after. */
  renderer: RunRenderer;
  /** Ctrl-C typed while the terminal menu is in raw mode (no SIGINT is raised then). */
  onInterrupt: () => void;
  /** Use ANSI colours in the terminal menu. */
  color: boolean;
}

/** Which interviewer {@link chooseInterviewer} picked. */
export type InterviewerKind = "auto-approve" | "tty" | "console";

/**
 * Picks the interviewer: `--auto-approve` -> {@link AutoApproveInterviewer}; stdin is a terminal
 * -> {@link TtyInterviewer} (arrow keys, accelerator keys); otherwise a
 * {@link ConsoleInterviewer} reading one answer per line from stdin, so a script can pipe answers
 * in. The last two pause `renderer` while they ask.
 */
export function chooseInterviewer(options: ChooseInterviewerOptions): {
  interviewer: Interviewer;
  kind: InterviewerKind;
} {
  if (options.autoApprove) return { interviewer: new AutoApproveInterviewer(), kind: "auto-approve" };
  const input = options.io.stdin as TtyInput;
  if (input.isTTY === true) {
    const tty = new TtyInterviewer({
      input,
      output: options.output,
      onInterrupt: options.onInterrupt,
      color: options.color,
    });
    return { interviewer: new PausingInterviewer(tty, options.renderer, options.output), kind: "tty" };
  }
  const console = new ConsoleInterviewer({ input: options.io.stdin, output: options.output });
  return { interviewer: new PausingInterviewer(console, options.renderer, options.output), kind: "console" };
}

/**
 * Wraps an interviewer so the renderer is paused while a question (or an `inform` message) is
 * on screen, and the line the question left open (an answer read from a pipe is not echoed) is
 * ended before progress resumes.
 */
export class PausingInterviewer implements Interviewer {
  readonly #inner: Interviewer;
  readonly #renderer: RunRenderer;
  readonly #output: LineOutput;

  constructor(inner: Interviewer, renderer: RunRenderer, output: LineOutput) {
    this.#inner = inner;
    this.#renderer = renderer;
    this.#output = output;
  }

  async ask(question: Question, signal?: AbortSignal): Promise<Answer> {
    this.#renderer.pause();
    try {
      return await this.#inner.ask(question, signal);
    } finally {
      this.#output.endLine();
      this.#renderer.resume();
    }
  }

  askMultiple(questions: Question[], signal?: AbortSignal): Promise<Answer[]> {
    return askSequentially(this, questions, signal);
  }

  inform(message: string, stage: string): void {
    this.#renderer.pause();
    try {
      this.#inner.inform?.(message, stage);
    } catch {
      // inform must not throw (Interviewer contract).
    } finally {
      this.#output.endLine();
      this.#renderer.resume();
    }
  }
}
