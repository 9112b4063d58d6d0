// Issue 5, "End to end, for real, without the internet": `factory agent` against each provider's
// LLM twin. Only the model's words are scripted (helpers/fix-scenario.ts); the files the agent
// writes in a temporary git repository, its `node --test` runs and the fix are real, through each
// provider profile's own tools (openai: apply_patch; anthropic: edit_file; gemini: its own set).
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { AGENT_PROVIDERS } from "../../src/agent/providers.js";
import { runCli } from "../helpers/cli.js";
import { FIX_ANSWER, FIX_INSTRUCTION, fixScenario, SUM_FIXED, SUM_TEST } from "../helpers/fix-scenario.js";
import { nodeTest, type ScriptedTwin, startScriptedTwin, tempRepo } from "../helpers/twins.js";

const open: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  for (const resource of open.splice(0).reverse()) await resource.close();
});

describe.each(AGENT_PROVIDERS)("factory agent with the %s profile, against its twin", (provider) => {
  it("writes a module and its test, runs node --test, reads the failure, fixes the module and passes", async () => {
    const twin: ScriptedTwin = await startScriptedTwin(provider, fixScenario(provider));
    open.push(twin);
    const repo = await tempRepo();
    open.push({ close: repo.cleanup });

    const result = await runCli(["agent", FIX_INSTRUCTION, "--cwd", repo.dir], { env: twin.env() });

    expect(result.stderr).not.toMatch(/error|warning/i);
    expect(result.code).toBe(0);
    // Off a terminal, stdout holds the final answer only; the progress went to stderr.
    expect(result.stdout).toBe(`${FIX_ANSWER}\n`);
    // One line per tool call; the calls of one round run concurrently, so they end in any order.
    const toolLines = result.stderr
      .split("\n")
      .filter((line) => line.startsWith("→ "))
      .map((line) => line.replace(/ \(\d+(\.\d+)?m?s\)$/, ""));
    const created = provider === "openai" ? 1 : 3;
    expect([...toolLines.slice(0, created).sort(), ...toolLines.slice(created)]).toEqual(expectedToolLines(provider));
    expect(twin.progress()).toEqual({ position: 6, rules: 6 });
    expect(twin.requests()).toHaveLength(6);

    // The work is on disk and the tests pass for real.
    expect(readFileSync(path.join(repo.dir, "sum.js"), "utf8")).toBe(SUM_FIXED);
    expect(readFileSync(path.join(repo.dir, "sum.test.js"), "utf8")).toBe(SUM_TEST);
    const after = await nodeTest(repo.dir);
    expect(after.output).toMatch(/pass 1/);
    expect(after.code).toBe(0);
  });
});

/** What stderr shows of each tool call (without durations; parallel calls sorted). */
function expectedToolLines(provider: string): string[] {
  const test = "→ shell: node --test --test-reporter=tap";
  const patched = "✓ Success. Updated the following files:";
  const created =
    provider === "openai"
      ? [`→ apply_patch: package.json, sum.js, sum.test.js  ${patched}`]
      : [
          "→ write_file: package.json  ✓ Created package.json (36 bytes)",
          "→ write_file: sum.js  ✓ Created sum.js (46 bytes)",
          "→ write_file: sum.test.js  ✓ Created sum.test.js (167 bytes)",
        ];
  const read =
    provider === "gemini"
      ? expect.stringMatching(/^→ read_many_files: sum\.js, sum\.test\.js {2}✓ --- .*sum\.js ---$/)
      : "→ read_file: sum.js  ✓ 1 | export function sum(a, b) {";
  const fix =
    provider === "openai"
      ? `→ apply_patch: sum.js  ${patched}`
      : "→ edit_file: sum.js  ✓ Edited sum.js: replaced 1 occurrence";
  return [...created, `${test}  ✗ exit 1`, read, fix, `${test}  ✓ exit 0`];
}
