// coding-agent-loop-spec §4.2 search: one grep suite run against ripgrep (skipped when `rg` is not
// installed) and the native fallback, which must print the same thing; glob ordering by mtime.
// The native fallback reads files synchronously in time slices and pre-checks whole texts (issue 5):
// the line-spanning and large-file cases below guard that rewrite.
import { mkdir, utimes, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { findRipgrep } from "../../src/env/grep-ripgrep.js";
import { createTempWorkspace, type TempWorkspace } from "../helpers/temp-workspace.js";

const rgPath = await findRipgrep();

function grepSuite(name: string, ripgrep: boolean | string, skip: boolean): void {
  describe.skipIf(skip)(`grep with ${name}`, () => {
    let ws: TempWorkspace;

    beforeEach(async () => {
      ws = await createTempWorkspace({ ripgrep });
      await ws.write("src/a.ts", "import x from 'y';\nconst TODO = 1;\n// todo: lower\nexport {};\n");
      await ws.write("src/b.py", "def f():\n    # TODO fix\n    return 2\n");
      await ws.write("src/a-b/c.ts", "TODO in a-b\n");
      await ws.write("README.md", "No todo here? TODO yes.\n");
      await ws.write("node_modules/pkg/index.js", "TODO in node_modules\n");
      await ws.write(".hidden/secret.ts", "TODO hidden\n");
      await writeFile(join(ws.dir, "image.bin"), Buffer.from([0x54, 0x4f, 0x44, 0x4f, 0x00, 0x01]));
    });

    afterEach(async () => {
      await ws.cleanup();
    });

    it("prints path:line:text sorted by path, skipping node_modules, hidden and binary files", async () => {
      expect(await ws.env.grep("TODO", ".")).toBe(
        [
          "README.md:1:No todo here? TODO yes.",
          "src/a-b/c.ts:1:TODO in a-b",
          "src/a.ts:2:const TODO = 1;",
          "src/b.py:2:    # TODO fix",
        ].join("\n"),
      );
    });

    it("supports case-insensitive search, glob filters and a sub-path", async () => {
      expect(await ws.env.grep("todo", "src", { caseInsensitive: true, globFilter: "*.ts" })).toBe(
        ["src/a-b/c.ts:1:TODO in a-b", "src/a.ts:2:const TODO = 1;", "src/a.ts:3:// todo: lower"].join("\n"),
      );
      expect(await ws.env.grep("TODO", join(ws.dir, "src/b.py"))).toBe("src/b.py:2:    # TODO fix");
    });

    it("stops after maxResults matching lines", async () => {
      const lines = Array.from({ length: 50 }, (_, i) => `match ${i}`).join("\n");
      await ws.write("many.txt", `${lines}\n`);
      const output = await ws.env.grep("match", "many.txt", { maxResults: 5 });
      expect(output.split("\n")).toEqual([
        "many.txt:1:match 0",
        "many.txt:2:match 1",
        "many.txt:3:match 2",
        "many.txt:4:match 3",
        "many.txt:5:match 4",
      ]);
    });

    it("prints context lines with '-' and separates groups with --", async () => {
      await ws.write("ctx.txt", "a\nb\nHIT1\nc\nd\ne\nf\nHIT2\ng\n");
      expect(await ws.env.grep("HIT", "ctx.txt", { beforeContext: 1, afterContext: 1 })).toBe(
        ["ctx.txt-2-b", "ctx.txt:3:HIT1", "ctx.txt-4-c", "--", "ctx.txt-7-f", "ctx.txt:8:HIT2", "ctx.txt-9-g"].join(
          "\n",
        ),
      );
    });

    it("lists matching files newest first, and counts per file", async () => {
      const old = new Date("2020-01-01T00:00:00Z");
      await utimes(join(ws.dir, "src/b.py"), old, old);
      const files = (await ws.env.grep("TODO", ".", { outputMode: "files_with_matches" })).split("\n");
      expect([...files].sort()).toEqual(["README.md", "src/a-b/c.ts", "src/a.ts", "src/b.py"]);
      expect(files[files.length - 1]).toBe("src/b.py");
      expect(await ws.env.grep("[oO]", "src", { outputMode: "count", globFilter: "*.ts" })).toBe(
        ["src/a-b/c.ts:1", "src/a.ts:4"].join("\n"),
      );
    });

    it("respects a git repository's .gitignore", async () => {
      await mkdir(join(ws.dir, ".git"));
      await ws.write(".gitignore", "build/\n*.log\n");
      await ws.write("build/out.ts", "TODO built\n");
      await ws.write("debug.log", "TODO logged\n");
      const output = await ws.env.grep("TODO", ".");
      expect(output).not.toContain("build/out.ts");
      expect(output).not.toContain("debug.log");
      expect(output).toContain("src/a.ts:2");
    });

    it("searches inside node_modules when asked to", async () => {
      expect(await ws.env.grep("TODO", "node_modules/pkg")).toBe("node_modules/pkg/index.js:1:TODO in node_modules");
    });

    it("matches line by line: patterns that can match a line break never span lines, and stay fast", async () => {
      await ws.write("pair.txt", "alpha\nbeta\nalpha beta\r\nalpha\n");
      expect(await ws.env.grep("alpha\\sbeta", "pair.txt")).toBe("pair.txt:3:alpha beta");
      expect(await ws.env.grep("a[^x]b", "pair.txt")).toBe("pair.txt:3:alpha beta");
      expect(await ws.env.grep("^alpha$", "pair.txt")).toBe(["pair.txt:1:alpha", "pair.txt:4:alpha"].join("\n"));
      // Without a match, `[^@]*zzz` over the whole text would retry from every offset to the end:
      // seconds on this 130 KB file, where line by line takes a millisecond.
      const long = Array.from({ length: 5000 }, (_, i) => `line ${i} with some text`).join("\n");
      await ws.write("long.txt", `${long}\n`);
      const started = performance.now();
      expect(await ws.env.grep("[^@]*zzz", "long.txt")).toBe("");
      expect(performance.now() - started).toBeLessThan(2000);
    });

    it("searches a 2 MB file among small ones, in path order", async () => {
      await ws.write("big/a.txt", "needle a\n");
      await ws.write("big/m.txt", `${"filler line without it\n".repeat(100_000)}needle m\n`);
      await ws.write("big/z.txt", "needle z\n");
      expect(await ws.env.grep("needle", "big")).toBe(
        ["big/a.txt:1:needle a", "big/m.txt:100001:needle m", "big/z.txt:1:needle z"].join("\n"),
      );
    });

    it("returns an empty string when nothing matches", async () => {
      expect(await ws.env.grep("NOPE_NOT_THERE", ".")).toBe("");
    });

    it("fails on an invalid regex and a missing path", async () => {
      await expect(ws.env.grep("([unclosed", ".")).rejects.toThrow(/regex|parse/i);
      await expect(ws.env.grep("x", "missing-dir")).rejects.toThrow("path not found: missing-dir");
    });
  });
}

grepSuite("the native fallback", false, false);
grepSuite("ripgrep", rgPath ?? true, rgPath === undefined);

describe("glob", () => {
  let ws: TempWorkspace;

  beforeEach(async () => {
    ws = await createTempWorkspace();
  });

  afterEach(async () => {
    await ws.cleanup();
  });

  it("returns absolute paths newest first, skipping node_modules and .git", async () => {
    const files = ["old.ts", "mid.ts", "src/new.ts", "node_modules/x/y.ts", ".git/z.ts", "notes.md"];
    for (const [i, file] of files.entries()) {
      const path = await ws.write(file, "x");
      const time = new Date(Date.UTC(2024, 0, 1 + i));
      await utimes(path, time, time);
    }
    expect(await ws.env.glob("**/*.ts", ".")).toEqual([
      join(ws.dir, "src/new.ts"),
      join(ws.dir, "mid.ts"),
      join(ws.dir, "old.ts"),
    ]);
    expect(await ws.env.glob("*.ts", ".")).toEqual([join(ws.dir, "mid.ts"), join(ws.dir, "old.ts")]);
    expect(await ws.env.glob("*.ts", "src")).toEqual([join(ws.dir, "src/new.ts")]);
    expect(await ws.env.glob("node_modules/**/*.ts", ".")).toEqual([join(ws.dir, "node_modules/x/y.ts")]);
  });

  it("matches case-insensitively on request and refuses paths outside", async () => {
    await ws.write("Upper.TS", "x");
    expect(await ws.env.glob("*.ts", ".")).toEqual([]);
    expect(await ws.env.glob("*.ts", ".", { caseSensitive: false })).toEqual([join(ws.dir, "Upper.TS")]);
    await expect(ws.env.glob("*", "/")).rejects.toThrow(/outside the working directory/);
    await expect(ws.env.glob("*", "nope")).rejects.toThrow("directory not found: nope");
  });

  it("refuses patterns that leave the search directory, and accepts absolute ones inside it", async () => {
    await ws.write("src/in.ts", "x");
    await expect(ws.env.glob("../*", ".")).rejects.toThrow('may not contain ".."');
    await expect(ws.env.glob("/etc/*", ".")).rejects.toThrow("is outside the search directory");
    expect(await ws.env.glob(join(ws.dir, "src/*.ts"), ".")).toEqual([join(ws.dir, "src/in.ts")]);
  });
});
