/**
 * `write_file` (coding-agent-loop-spec §3.3): writes a whole file atomically, creating parent
 * directories.
 * @module
 */
import type { ExecutionEnvironment } from "../../env/types.js";
import { stringArg } from "../args.js";
import type { RegisteredTool, ToolExecutor } from "../types.js";

/**
 * Writes `content` to `path` and confirms with the byte count: `Created X (N bytes)` or
 * `Overwrote X (N bytes)`.
 * @throws what `env.writeFile` throws (permission, disk full, outside the working directory).
 */
export async function writeFileReport(env: ExecutionEnvironment, path: string, content: string): Promise<string> {
  const existed = await env.fileExists(path);
  await env.writeFile(path, content);
  const bytes = Buffer.byteLength(content, "utf8");
  return `${existed ? "Overwrote" : "Created"} ${path} (${bytes} bytes)`;
}

/** The `write_file` executor shared by the profiles, which all name its arguments `file_path` and `content`. */
export const writeFileExecutor: ToolExecutor = async (args, context) =>
  writeFileReport(context.env, stringArg(args, "file_path"), stringArg(args, "content"));

/** §3.3 the shared-core `write_file`: `file_path`, `content`. */
export function createWriteFileTool(): RegisteredTool {
  return {
    definition: {
      name: "write_file",
      description:
        "Write content to a file. Creates the file and parent directories if needed; overwrites an existing file " +
        "entirely. Prefer editing tools for changes to existing files.",
      parameters: {
        type: "object",
        properties: {
          file_path: {
            type: "string",
            description: "Absolute path to the file (or relative to the working directory).",
          },
          content: { type: "string", description: "The full file content." },
        },
        required: ["file_path", "content"],
      },
    },
    executor: writeFileExecutor,
  };
}
