// A real `factory twin start` process (bin/factory.js -> dist): read the listening line, make a
// request with the official SDK, send SIGINT, expect exit 0. Needs a build: `npx tsc -b` first.
import { spawn } from "node:child_process";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import OpenAI from "openai";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { tempDir, waitFor } from "../helpers/run-io.js";

const bin = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../bin/factory.js");

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ dir, cleanup } = await tempDir({}));
  await writeFile(
    path.join(dir, "script.yaml"),
    "rules:\n  - match: { userText: weather }\n    reply:\n      toolCalls: [{ name: get_weather, arguments: { city: Oslo } }]\n",
  );
});
afterEach(() => cleanup());

describe("factory twin start (real process)", () => {
  it("serves the SDK until SIGINT, then exits 0", async () => {
    const child = spawn(process.execPath, [bin, "twin", "start", "openai", "--port", "0", "--script", "script.yaml"], {
      cwd: dir,
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, FACTORY_TWIN_LOG: "debug" },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      stderr += chunk;
    });
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      child.on("exit", (code, signal) => resolve({ code, signal })),
    );
    try {
      await waitFor(() => stdout.includes("\n"), 15_000);
      const baseURL = /\(OPENAI_BASE_URL=(\S+)\)/.exec(stdout)?.[1];
      expect(stdout).toMatch(
        /^openai twin listening on http:\/\/127\.0\.0\.1:\d+ \(OPENAI_BASE_URL=http:\/\/127\.0\.0\.1:\d+\/v1\)\n$/,
      );
      const client = new OpenAI({ baseURL, apiKey: "sk-process", maxRetries: 0 });
      const response = await client.responses.create({ model: "gpt-4.1", input: "weather in Oslo?" });
      const call = response.output[0];
      expect(call.type === "function_call" && JSON.parse(call.arguments)).toEqual({ city: "Oslo" });
      // FACTORY_TWIN_LOG=debug: one log line per request on stderr.
      await waitFor(() => stderr.includes("POST /v1/responses 200"));
      child.kill("SIGINT");
      expect(await exited).toEqual({ code: 0, signal: null });
    } finally {
      if (child.exitCode === null) child.kill("SIGKILL");
    }
  });
});
