// coding-agent-loop-spec §4.1–4.2 LocalExecutionEnvironment file operations on a real temp directory:
// confinement (incl. symlink escapes), reads with windows, atomic writes, deletes, listings.
import { chmod, mkdir, mkdtemp, readdir, readFile, realpath, rm, stat, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { LocalExecutionEnvironment } from "../../src/env/local.js";
import { createTempWorkspace, type TempWorkspace } from "../helpers/temp-workspace.js";

let ws: TempWorkspace;
let outside: string;

beforeEach(async () => {
  ws = await createTempWorkspace();
  outside = await realpath(await mkdtemp(join(tmpdir(), "df-outside-")));
  await writeFile(join(outside, "secret.txt"), "top secret\n");
});

afterEach(async () => {
  await ws.cleanup();
  await rm(outside, { recursive: true, force: true });
});

describe("confinement", () => {
  it("resolves relative paths against the working directory", async () => {
    await ws.write("src/a.txt", "hello\n");
    expect(await ws.env.readFile("src/a.txt")).toBe("hello\n");
    expect(await ws.env.readFile(join(ws.dir, "src/a.txt"))).toBe("hello\n");
    expect(ws.env.workingDirectory()).toBe(ws.dir);
  });

  it("refuses absolute and ../ paths outside the working directory with a clear message", async () => {
    const target = join(outside, "secret.txt");
    await expect(ws.env.readFile(target)).rejects.toThrow(`path ${target} is outside the working directory ${ws.dir}`);
    await expect(ws.env.readFile("../../etc/passwd")).rejects.toThrow(/is outside the working directory/);
    await expect(ws.env.writeFile(join(outside, "new.txt"), "x")).rejects.toThrow(/outside the working directory/);
    await expect(ws.env.execCommand("pwd", { timeoutMs: 5000, workingDir: outside })).rejects.toThrow(/outside/);
    expect(await readdir(outside)).toEqual(["secret.txt"]);
  });

  it("refuses symlinks that point outside, for reads and writes, also dangling ones", async () => {
    await symlink(join(outside, "secret.txt"), join(ws.dir, "link.txt"));
    await symlink(outside, join(ws.dir, "linkdir"));
    await symlink(join(outside, "not-yet.txt"), join(ws.dir, "dangling.txt"));
    await expect(ws.env.readFile("link.txt")).rejects.toThrow(/outside the working directory .*resolves to/);
    await expect(ws.env.readFile("linkdir/secret.txt")).rejects.toThrow(/outside the working directory/);
    await expect(ws.env.writeFile("linkdir/new.txt", "x")).rejects.toThrow(/outside the working directory/);
    await expect(ws.env.writeFile("dangling.txt", "x")).rejects.toThrow(/outside the working directory/);
    expect(await readdir(outside)).toEqual(["secret.txt"]);
  });

  it("allows symlinks that stay inside, and extra allowed roots", async () => {
    await ws.write("real/file.txt", "inside\n");
    await symlink(join(ws.dir, "real"), join(ws.dir, "alias"));
    expect(await ws.env.readFile("alias/file.txt")).toBe("inside\n");
    const env = new LocalExecutionEnvironment({ workingDir: ws.dir, allowedRoots: [outside] });
    expect(await env.readFile(join(outside, "secret.txt"))).toBe("top secret\n");
  });
});

describe("readFile", () => {
  it("returns the raw text, or a 1-based window of lines", async () => {
    await ws.write("f.txt", "one\r\ntwo\nthree\nfour\n");
    expect(await ws.env.readFile("f.txt")).toBe("one\r\ntwo\nthree\nfour\n");
    expect(await ws.env.readFile("f.txt", 2, 2)).toBe("two\nthree");
    expect(await ws.env.readFile("f.txt", 1, 1)).toBe("one");
    expect(await ws.env.readFile("f.txt", 4)).toBe("four");
    expect(await ws.env.readFile("f.txt", 9, 5)).toBe("");
  });

  it("fails clearly for missing files, directories and binary files", async () => {
    await ws.write("dir/x.txt", "x");
    await writeFile(join(ws.dir, "bin.dat"), Buffer.from([0x7f, 0x45, 0x00, 0x01]));
    await expect(ws.env.readFile("missing.txt")).rejects.toThrow("File not found: missing.txt");
    await expect(ws.env.readFile("dir")).rejects.toThrow("dir is a directory");
    await expect(ws.env.readFile("bin.dat")).rejects.toThrow("bin.dat is a binary file");
  });
});

describe("writeFile / deleteFile / fileExists / listDirectory", () => {
  it("writes atomically, creating parents, leaving no temp files, keeping the mode", async () => {
    await ws.env.writeFile("deep/er/new.txt", "content");
    expect(await readFile(join(ws.dir, "deep/er/new.txt"), "utf8")).toBe("content");
    const script = await ws.write("run.sh", "#!/bin/sh\n");
    await chmod(script, 0o755);
    await ws.env.writeFile("run.sh", "#!/bin/sh\necho hi\n");
    expect((await stat(script)).mode & 0o777).toBe(0o755);
    expect((await readdir(join(ws.dir, "deep/er"))).filter((name) => name.endsWith(".tmp"))).toEqual([]);
    expect((await readdir(ws.dir)).filter((name) => name.endsWith(".tmp"))).toEqual([]);
  });

  it("refuses to write over a directory", async () => {
    await mkdir(join(ws.dir, "d"));
    await expect(ws.env.writeFile("d", "x")).rejects.toThrow(/is a directory/);
  });

  it("deletes files and reports existence", async () => {
    await ws.write("gone.txt", "x");
    expect(await ws.env.fileExists("gone.txt")).toBe(true);
    await ws.env.deleteFile("gone.txt");
    expect(await ws.env.fileExists("gone.txt")).toBe(false);
    await expect(ws.env.deleteFile("gone.txt")).rejects.toThrow("File not found: gone.txt");
  });

  it("lists directories to a depth, not descending into node_modules or .git", async () => {
    await ws.write("a.txt", "12345");
    await ws.write("src/b.ts", "b");
    await ws.write("src/deep/c.ts", "c");
    await ws.write("node_modules/pkg/index.js", "x");
    const one = await ws.env.listDirectory(".", 1);
    expect(one).toEqual([
      { name: "node_modules", isDir: true },
      { name: "src", isDir: true },
      { name: "a.txt", isDir: false, size: 5 },
    ]);
    const two = await ws.env.listDirectory(".", 2);
    expect(two.map((entry) => entry.name)).toEqual(["node_modules", "src", "src/deep", "src/b.ts", "a.txt"]);
    await expect(ws.env.listDirectory("a.txt", 1)).rejects.toThrow("a.txt is not a directory");
  });

  it("reports platform and OS version", () => {
    expect(["linux", "darwin", "windows"]).toContain(ws.env.platform());
    expect(ws.env.osVersion()).toMatch(/\S+ \S+/);
  });
});
