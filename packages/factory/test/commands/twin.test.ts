// `factory twin start` in-process: the listening lines, several twins on consecutive ports,
// Ctrl-C, bad input (exit 2), and record mode (--record, --upstream) with its replay.
import { readFile } from "node:fs/promises";
import { createServer } from "node:net";
import path from "node:path";
import { startTwin } from "@darkfactory/twins";
import OpenAI from "openai";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startCli, tempDir, waitFor } from "../helpers/run-io.js";

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ dir, cleanup } = await tempDir({
    "script.yaml": "rules:\n  - match: { userText: ping }\n    reply: { text: pong }\n",
    "bad.yaml": "rules:\n  - match: { turn: first }\n    reply: { text: x }\n",
  }));
});
afterEach(() => cleanup());

/** A port p with p and p + 1 both free a moment ago, in 20000–32000 (below Linux's ephemeral range). */
async function freePortPair(): Promise<number> {
  const free = (port: number) =>
    new Promise<boolean>((resolve) => {
      const server = createServer();
      server.once("error", () => resolve(false));
      server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
    });
  for (;;) {
    const port = 20000 + Math.floor(Math.random() * 12000);
    if ((await free(port)) && (await free(port + 1))) return port;
  }
}

const LINE =
  /^openai twin listening on (http:\/\/127\.0\.0\.1:(\d+)) \(OPENAI_BASE_URL=(http:\/\/127\.0\.0\.1:\d+\/v1)\)$/;

describe("factory twin start", () => {
  it("prints where the twin listens, serves the script, and stops on Ctrl-C with exit 0", async () => {
    const session = startCli(["twin", "start", "openai", "--port", "0", "--script", "script.yaml"], { cwd: dir });
    await waitFor(() => session.stdout.text.includes("\n"));
    const match = LINE.exec(session.stdout.text.trim());
    expect(match).not.toBeNull();
    const client = new OpenAI({ baseURL: match?.[3], apiKey: "sk-cli", maxRetries: 0 });
    const response = await client.responses.create({ model: "gpt-4.1", input: "ping" });
    expect(response.output_text).toBe("pong");
    session.interrupt();
    expect(await session.done).toBe(0);
    await expect(fetch(`${match?.[1]}/_twin/`)).rejects.toThrow();
  });

  it("gives several twins consecutive ports from --port", async () => {
    // Fixed ports can be taken by anything else on the machine: try a few free-looking pairs below
    // the ephemeral range (where other tests' port-0 servers land) and keep the first that binds.
    let base = 0;
    let session: ReturnType<typeof startCli> | undefined;
    for (let attempt = 0; attempt < 5 && session === undefined; attempt++) {
      base = await freePortPair();
      const started = startCli(["twin", "start", "openai", "openai", "--port", String(base)], { cwd: dir });
      await waitFor(() => started.stdout.text.split("\n").length > 2 || started.stderr.text !== "");
      if (started.stderr.text.includes("address already in use")) await started.done;
      else session = started;
    }
    if (session === undefined) throw new Error("no pair of consecutive free ports after 5 attempts");
    expect(session.stderr.text).toBe("");
    const ports = session.stdout.text
      .trim()
      .split("\n")
      .map((line) => Number(LINE.exec(line)?.[2]));
    expect(ports).toEqual([base, base + 1]);
    session.interrupt();
    expect(await session.done).toBe(0);
  });

  it("rejects unknown twins, bad ports and bad scripts with exit 2", async () => {
    const run = async (args: string[]) => {
      const session = startCli(args, { cwd: dir });
      return { code: await session.done, stderr: session.stderr.text, stdout: session.stdout.text };
    };
    expect(await run(["twin", "start", "openai", "stripe"])).toEqual({
      code: 2,
      stderr: "factory: unknown twin 'stripe' (known: anthropic, gemini, openai, slack)\n",
      stdout: "",
    });
    expect((await run(["twin", "start", "openai", "--port", "99999"])).stderr).toBe(
      "factory: --port needs a port number (0-65535), got '99999'\n",
    );
    expect(await run(["twin", "start", "openai", "--script", "bad.yaml"])).toMatchObject({
      code: 2,
      stderr: "factory: invalid script bad.yaml:2:20: rules[0].match.turn: expected an integer, got a string\n",
    });
    expect(await run(["twin", "start", "openai", "--script", "missing.yaml"])).toMatchObject({
      code: 2,
      stderr: "factory: cannot read missing.yaml: no such file or directory\n",
    });
    expect((await run(["twin", "start"])).code).toBe(2);
  });

  it("a taken port is exit 1 with the reason", async () => {
    const first = startCli(["twin", "start", "openai", "--port", "0"], { cwd: dir });
    await waitFor(() => first.stdout.text.includes("\n"));
    const port = LINE.exec(first.stdout.text.trim())?.[2];
    const second = startCli(["twin", "start", "openai", "--port", String(port)], { cwd: dir });
    expect(await second.done).toBe(1);
    expect(second.stderr.text).toBe(
      `factory: openai twin cannot listen on 127.0.0.1:${port}: address already in use\n`,
    );
    first.interrupt();
    expect(await first.done).toBe(0);
  });

  it("--record FILE --upstream URL records the upstream's answers into a script that --script replays", async () => {
    const upstream = await startTwin("openai", {
      script: "rules:\n  - match: { userText: capital }\n    reply: { text: Paris is the capital of France. }\n",
    });
    try {
      const args = ["twin", "start", "openai", "--port", "0", "--record", "rec.yaml", "--upstream", upstream.url];
      const recording = startCli(args, { cwd: dir });
      await waitFor(() => recording.stdout.text.includes("\n"));
      expect(recording.stdout.text.endsWith(` recording ${upstream.url} to ${path.join(dir, "rec.yaml")}\n`)).toBe(
        true,
      );
      const baseURL = /OPENAI_BASE_URL=(\S+)\)/.exec(recording.stdout.text)?.[1];
      const client = new OpenAI({ baseURL, apiKey: "sk-cli", maxRetries: 0 });
      const asked = await client.responses.create({ model: "gpt-4.1", input: "What is the capital of France?" });
      expect(asked.output_text).toBe("Paris is the capital of France.");
      recording.interrupt();
      expect(await recording.done).toBe(0);
      expect(upstream.kit.journal.list()).toHaveLength(1);
      expect(await readFile(path.join(dir, "rec.yaml"), "utf8")).toContain("userText: What is the capital of France?");
    } finally {
      await upstream.close();
    }
    // The upstream is gone: the replay answers from the recorded script alone.
    const replay = startCli(["twin", "start", "openai", "--port", "0", "--script", "rec.yaml"], { cwd: dir });
    await waitFor(() => replay.stdout.text.includes("\n"));
    const client = new OpenAI({ baseURL: LINE.exec(replay.stdout.text.trim())?.[3], apiKey: "sk-cli", maxRetries: 0 });
    const replayed = await client.responses.create({ model: "gpt-4.1", input: "What is the capital of France?" });
    expect(replayed.output_text).toBe("Paris is the capital of France.");
    replay.interrupt();
    expect(await replay.done).toBe(0);
  });

  it("--upstream needs --record and one twin (exit 2)", async () => {
    const run = async (args: string[]) => {
      const session = startCli(args, { cwd: dir });
      return { code: await session.done, stderr: session.stderr.text };
    };
    expect(await run(["twin", "start", "openai", "--upstream", "http://127.0.0.1:9"])).toEqual({
      code: 2,
      stderr: "factory: --upstream needs --record FILE\n",
    });
    expect(
      await run(["twin", "start", "openai", "gemini", "--record", "r.yaml", "--upstream", "http://127.0.0.1:9"]),
    ).toEqual({
      code: 2,
      stderr: "factory: --upstream names one API: give it with one twin (each twin records from its own API)\n",
    });
  });
});
