/**
 * An ExecutionEnvironment scoped to a subdirectory (coding-agent-loop-spec §7.2 `working_dir`):
 * the same filesystem and processes as the parent's, with relative paths and commands rooted at
 * the subdirectory.
 * @module
 */
import { posix } from "node:path";
import type { ExecutionEnvironment } from "../env/types.js";

/**
 * Wraps `env` so that `workingDirectory()` is `subdir` (relative to env's working directory, or
 * absolute inside it). Lifecycle calls are no-ops: the parent owns the environment.
 * @throws Error when `subdir` is outside env's working directory.
 */
export function scopeEnvironment(env: ExecutionEnvironment, subdir: string): ExecutionEnvironment {
  const parentDir = env.workingDirectory();
  const dir = posix.resolve(parentDir, subdir);
  const rel = posix.relative(parentDir, dir);
  if (rel.startsWith("..") || posix.isAbsolute(rel)) {
    throw new Error(`working_dir '${subdir}' is outside the working directory ${parentDir}.`);
  }
  const at = (path: string) => posix.resolve(dir, path);
  const scoped: ExecutionEnvironment = {
    readFile: (path, offset, limit) => env.readFile(at(path), offset, limit),
    writeFile: (path, content) => env.writeFile(at(path), content),
    fileExists: (path) => env.fileExists(at(path)),
    listDirectory: (path, depth) => env.listDirectory(at(path), depth),
    execCommand: (command, options) =>
      env.execCommand(command, { ...options, workingDir: at(options.workingDir ?? ".") }),
    grep: (pattern, path, options) => env.grep(pattern, at(path), options),
    glob: (pattern, path, options) => env.glob(pattern, at(path), options),
    initialize: async () => undefined,
    cleanup: async () => undefined,
    workingDirectory: () => dir,
    platform: () => env.platform(),
    osVersion: () => env.osVersion(),
  };
  const deleteFile = env.deleteFile?.bind(env);
  if (deleteFile) scoped.deleteFile = (path) => deleteFile(at(path));
  return scoped;
}
