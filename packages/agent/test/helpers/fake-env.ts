// An in-memory ExecutionEnvironment: files in a Map, commands answered by a handler (git fails by
// default, so sessions see "not a git repository").
import { posix } from "node:path";
import type { DirEntry, ExecOptions, ExecResult, ExecutionEnvironment } from "../../src/env/types.js";

export type CommandHandler = (command: string, options: ExecOptions) => Promise<ExecResult> | ExecResult;

export function execResult(stdout: string, exitCode = 0): ExecResult {
  return { stdout, stderr: "", exitCode, timedOut: false, durationMs: 1 };
}

export class FakeEnv implements ExecutionEnvironment {
  readonly files = new Map<string, string>();
  readonly commands: string[] = [];

  constructor(
    private readonly cwd = "/work/project",
    private readonly onCommand: CommandHandler = () => execResult("", 128),
  ) {}

  private abs(path: string): string {
    return posix.resolve(this.cwd, path);
  }

  async readFile(path: string): Promise<string> {
    const content = this.files.get(this.abs(path));
    if (content === undefined) throw new Error(`File not found: ${path}`);
    return content;
  }
  async writeFile(path: string, content: string): Promise<void> {
    this.files.set(this.abs(path), content);
  }
  async fileExists(path: string): Promise<boolean> {
    return this.files.has(this.abs(path));
  }
  async listDirectory(path: string): Promise<DirEntry[]> {
    const dir = this.abs(path);
    return [...this.files.keys()]
      .filter((f) => posix.dirname(f) === dir)
      .map((f) => ({ name: posix.basename(f), isDir: false }));
  }
  async execCommand(command: string, options: ExecOptions): Promise<ExecResult> {
    this.commands.push(command);
    return this.onCommand(command, options);
  }
  async grep(): Promise<string> {
    return "";
  }
  async glob(): Promise<string[]> {
    return [];
  }
  async initialize(): Promise<void> {}
  async cleanup(): Promise<void> {}
  workingDirectory(): string {
    return this.cwd;
  }
  platform(): string {
    return "linux";
  }
  osVersion(): string {
    return "Linux 6.0 (fake)";
  }
}
