import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LocalExecutionEnvironment } from "../../src/env/local.js";
import { collectEnvironmentContext, renderEnvironmentContext } from "../../src/prompts/environment-context.js";
import { collectGitContext } from "../../src/prompts/git-context.js";
import {
  discoverProjectDocs,
  PROJECT_DOCS_TRUNCATION_MARKER,
  projectDocFileNames,
  renderProjectDocs,
} from "../../src/prompts/project-docs.js";
import { assembleSystemPrompt } from "../../src/prompts/system-prompt.js";
import { FakeEnv } from "../helpers/fake-env.js";
import { echoTool, testProfile } from "../helpers/fake-tools.js";
import { harness } from "../helpers/harness.js";
import { text } from "../helpers/scripted-adapter.js";

let root: string;
let pkg: string;

function git(...args: string[]): void {
  execFileSync("git", ["-c", "user.name=Test", "-c", "user.email=t@example.com", ...args], {
    cwd: root,
    stdio: "ignore",
  });
}

beforeAll(() => {
  root = realpathSync(mkdtempSync(join(tmpdir(), "agent-prompts-")));
  pkg = join(root, "packages", "app");
  mkdirSync(pkg, { recursive: true });
  mkdirSync(join(root, ".codex"));
  writeFileSync(join(root, "AGENTS.md"), "root agents: use pnpm\n");
  writeFileSync(join(root, "CLAUDE.md"), "root claude: prefer small diffs\n");
  writeFileSync(join(root, "GEMINI.md"), "root gemini rules\n");
  writeFileSync(join(root, ".codex", "instructions.md"), "codex rules\n");
  writeFileSync(join(pkg, "AGENTS.md"), "app agents: run the app tests\n");
  git("init", "-q", "-b", "main");
  git("add", ".");
  git("commit", "-q", "-m", "initial commit");
  writeFileSync(join(root, "GEMINI.md"), "changed\n");
  writeFileSync(join(root, "untracked.txt"), "new\n");
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

const envAt = (dir: string) => new LocalExecutionEnvironment({ workingDir: dir, allowedRoots: [root] });

describe("git context (§6.4)", () => {
  it("reads branch, status counts and recent commits through the environment", async () => {
    const context = await collectGitContext(envAt(pkg));
    expect(context).toMatchObject({ root, branch: "main", modifiedCount: 1, untrackedCount: 1 });
    expect(context?.recentCommits).toEqual([expect.stringMatching(/^[0-9a-f]+ initial commit$/)]);
  });

  it("is undefined outside a repository", async () => {
    expect(await collectGitContext(new FakeEnv())).toBeUndefined();
  });
});

describe("project document discovery (§6.5)", () => {
  it("walks from the git root to the working directory, loading AGENTS.md and the provider's files only", async () => {
    const found = await discoverProjectDocs(envAt(pkg), { fileNames: projectDocFileNames("anthropic"), gitRoot: root });
    expect(found.truncated).toBe(false);
    expect(found.docs.map((d) => d.path)).toEqual([
      join(root, "AGENTS.md"),
      join(root, "CLAUDE.md"),
      join(pkg, "AGENTS.md"),
    ]);
    const gemini = await discoverProjectDocs(envAt(pkg), { fileNames: projectDocFileNames("gemini"), gitRoot: root });
    expect(gemini.docs.map((d) => d.content)).toEqual([
      "root agents: use pnpm\n",
      "changed\n",
      "app agents: run the app tests\n",
    ]);
    const openai = await discoverProjectDocs(envAt(pkg), { fileNames: projectDocFileNames("openai"), gitRoot: root });
    expect(openai.docs.map((d) => d.path)).toContain(join(root, ".codex", "instructions.md"));
    expect(openai.docs.map((d) => d.path)).not.toContain(join(root, "CLAUDE.md"));
  });

  it("without a git root only the working directory is read", async () => {
    const found = await discoverProjectDocs(envAt(pkg), { fileNames: ["AGENTS.md", "CLAUDE.md"] });
    expect(found.docs.map((d) => d.path)).toEqual([join(pkg, "AGENTS.md")]);
  });

  it("cuts at the 32KB budget with the marker", async () => {
    const env = new FakeEnv("/r/sub");
    env.files.set("/r/AGENTS.md", "a".repeat(30 * 1024));
    env.files.set("/r/sub/AGENTS.md", "b".repeat(4 * 1024));
    const found = await discoverProjectDocs(env, { fileNames: ["AGENTS.md"], gitRoot: "/r" });
    expect(found.truncated).toBe(true);
    expect(found.docs.map((d) => d.content.length)).toEqual([30 * 1024, 2 * 1024]);
    expect(renderProjectDocs(found).endsWith(PROJECT_DOCS_TRUNCATION_MARKER)).toBe(true);
    expect(PROJECT_DOCS_TRUNCATION_MARKER).toBe("[Project instructions truncated at 32KB]");
  });
});

describe("layered system prompt (§6.1-6.3)", () => {
  it("orders base, environment, tools, project docs, user instructions", async () => {
    const environment = await collectEnvironmentContext(
      envAt(pkg),
      { model: "m-1", modelDisplayName: "Model One", knowledgeCutoff: "2025-01" },
      new Date(2026, 1, 3),
    );
    const block = renderEnvironmentContext(environment);
    expect(block).toContain(`Working directory: ${pkg}`);
    expect(block).toContain(`Platform: ${envAt(pkg).platform()}`);
    expect(block).toContain(`OS version: ${envAt(pkg).osVersion()}`);
    expect(block).toContain("Is git repository: true");
    expect(block).toContain("Git branch: main");
    expect(block).toContain("Today's date: 2026-02-03");
    expect(block).toContain("Model: Model One");
    expect(block).toContain("Knowledge cutoff: 2025-01");
    expect(block).toContain("Status: 1 modified, 1 untracked");
    const prompt = assembleSystemPrompt({
      baseInstructions: "BASE",
      environment,
      tools: [echoTool().definition],
      projectDocs: { docs: [{ path: "/x/AGENTS.md", content: "PROJECT RULES" }], truncated: false },
      userInstructions: "USER OVERRIDE",
    });
    const at = (s: string) => prompt.indexOf(s);
    expect(at("BASE")).toBe(0);
    expect(at("BASE")).toBeLessThan(at("<environment>"));
    expect(at("<environment>")).toBeLessThan(at("- echo: Echo the text back."));
    expect(at("- echo:")).toBeLessThan(at("PROJECT RULES"));
    expect(at("PROJECT RULES")).toBeLessThan(at("USER OVERRIDE"));
    expect(prompt.trimEnd().endsWith("USER OVERRIDE")).toBe(true);
  });

  it("a session sends the layered prompt with its project docs and user instructions", async () => {
    const h = harness([text("ok")], {
      env: envAt(pkg),
      profile: testProfile({ tools: [echoTool()] }),
      config: { userInstructions: "Never touch package.json." },
    });
    await h.session.submit("hi");
    const system = h.adapter.requests[0].messages[0];
    const prompt = system.content[0].kind === "text" ? system.content[0].text : "";
    expect(prompt.startsWith("You are a test agent.")).toBe(true);
    expect(prompt).toContain("root agents: use pnpm");
    expect(prompt).toContain("app agents: run the app tests");
    expect(prompt).not.toContain("root claude"); // the test profile loads AGENTS.md only
    expect(prompt).toContain("Model: Test test-model");
    expect(prompt.trimEnd().endsWith("Never touch package.json.")).toBe(true);
  });
});
