import { describe, expect, it } from "vitest";
import { scopeEnvironment } from "../../src/subagents/scoped-environment.js";
import { execResult, FakeEnv } from "../helpers/fake-env.js";

describe("scopeEnvironment (§7.2 working_dir)", () => {
  it("roots relative paths and commands at the subdirectory of the shared environment", async () => {
    const dirs: (string | undefined)[] = [];
    const parent = new FakeEnv("/repo", (_command, options) => {
      dirs.push(options.workingDir);
      return execResult("");
    });
    const scoped = scopeEnvironment(parent, "pkg/app");
    expect(scoped.workingDirectory()).toBe("/repo/pkg/app");
    await scoped.writeFile("a.txt", "hi");
    expect(parent.files.get("/repo/pkg/app/a.txt")).toBe("hi");
    expect(await scoped.readFile("/repo/pkg/app/a.txt")).toBe("hi");
    await scoped.execCommand("ls", { timeoutMs: 1000 });
    await scoped.execCommand("ls", { timeoutMs: 1000, workingDir: "src" });
    expect(dirs).toEqual(["/repo/pkg/app", "/repo/pkg/app/src"]);
  });

  it("refuses a directory outside the working directory", () => {
    expect(() => scopeEnvironment(new FakeEnv("/repo"), "../elsewhere")).toThrow(/outside the working directory/);
  });
});
