/**
 * Path resolution and confinement for the local environment (coding-agent-loop-spec §4.2): every
 * path resolves against the working directory and must stay inside it or an extra allowed root,
 * also after following symlinks.
 * @module
 */
import { realpathSync } from "node:fs";
import { lstat, readlink, realpath } from "node:fs/promises";
import { basename, dirname, isAbsolute, relative, resolve, sep } from "node:path";

/** True when `child` is `parent` or lies below it (both absolute, normalized). */
export function isWithin(parent: string, child: string): boolean {
  const rel = relative(parent, child);
  return rel === "" || (!rel.startsWith(`..${sep}`) && rel !== ".." && !isAbsolute(rel));
}

/**
 * Resolves paths against a working directory and refuses any that leave the allowed roots.
 * Symlinks are followed for the part of the path that exists, so a link pointing outside is refused.
 */
export class PathConfiner {
  readonly #requested: readonly string[];
  #roots: string[];

  /**
   * @param workingDir absolute or relative (to `process.cwd()`) working directory.
   * @param extraRoots further directories the tools may touch (e.g. a shared cache).
   */
  constructor(workingDir: string, extraRoots: readonly string[] = []) {
    const base = resolve(workingDir);
    this.#requested = [base, ...extraRoots.map((root) => resolve(base, root))];
    this.#roots = this.#requested.map(canonical);
  }

  /** The working directory, absolute, symlinks resolved when it exists. */
  get workingDir(): string {
    return this.#roots[0];
  }

  /** The working directory followed by the extra allowed roots (canonical). */
  get roots(): readonly string[] {
    return this.#roots;
  }

  /** Canonicalizes the roots again (call after creating the working directory). */
  reset(): void {
    this.#roots = this.#requested.map(canonical);
  }

  /**
   * The absolute path `path` names (relative paths resolve against the working directory), with
   * symlinks in its existing part resolved.
   * @throws `path X is outside the working directory Y` when it leaves every allowed root.
   */
  async resolve(path: string): Promise<string> {
    if (path.includes("\0")) throw new Error(`path ${JSON.stringify(path)} contains a NUL byte`);
    const absolute = resolve(this.workingDir, path);
    if (!this.#roots.some((root) => isWithin(root, absolute))) throw this.#outside(path);
    const real = await realpathOfExisting(absolute);
    if (!this.#roots.some((root) => isWithin(root, real))) throw this.#outside(path, real);
    return real;
  }

  /** True when the absolute `path` lies inside an allowed root (no symlink resolution). */
  contains(path: string): boolean {
    return this.#roots.some((root) => isWithin(root, path));
  }

  /** Shows `absolute` relative to the working directory when it lies inside, else unchanged. */
  display(absolute: string): string {
    return isWithin(this.workingDir, absolute) ? relative(this.workingDir, absolute) || "." : absolute;
  }

  #outside(path: string, real?: string): Error {
    const via = real && real !== resolve(this.workingDir, path) ? ` (it resolves to ${real})` : "";
    const extra = this.#roots.length > 1 ? ` or the allowed roots ${this.#roots.slice(1).join(", ")}` : "";
    return new Error(`path ${path} is outside the working directory ${this.workingDir}${extra}${via}`);
  }
}

/** `realpath` of `path` when it exists, else `path`. */
function canonical(path: string): string {
  try {
    return realpathSync.native(path);
  } catch {
    return path;
  }
}

/**
 * `realpath` of the longest existing prefix of `absolute`, with the missing rest appended. A
 * dangling symlink is followed to where it points, so writing through it cannot escape.
 */
async function realpathOfExisting(absolute: string, hops = 0): Promise<string> {
  let existing = absolute;
  const rest: string[] = [];
  for (;;) {
    try {
      const real = await realpath(existing);
      return rest.length === 0 ? real : resolve(real, ...rest.reverse());
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== "ENOENT" && code !== "ENOTDIR") throw error;
      const link = await lstat(existing).catch(() => undefined);
      if (link?.isSymbolicLink() && hops < 40) {
        const target = resolve(dirname(existing), await readlink(existing));
        return resolve(await realpathOfExisting(target, hops + 1), ...rest.reverse());
      }
      const parent = dirname(existing);
      if (parent === existing) return absolute;
      rest.push(basename(existing));
      existing = parent;
    }
  }
}
