/**
 * Prism (@stoplight/prism-cli) serving Slack's OpenAPI description, for the slack suite: started
 * as its own process (`prism mock`, logging errors only) on a free loopback port, ready once it
 * answers HTTP.
 * @module
 */
import { spawn } from "node:child_process";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";

const prismCli = fileURLToPath(new URL("../../node_modules/@stoplight/prism-cli/dist/index.js", import.meta.url));

/** A port that was free a moment ago (Prism needs a number; it cannot take 0). */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts `prism mock <spec>`; resolves with `{ child, url }` once it answers HTTP.
 * @throws Error when it exits or does not answer within `timeoutMs` (default 60 s: it reads the
 *   whole 1.2 MB description first)
 */
export async function startPrism(spec, { timeoutMs = 60_000 } = {}) {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [prismCli, "mock", spec, "-p", String(port), "-h", "127.0.0.1", "-v", "error"],
    {
      stdio: ["ignore", "ignore", "pipe"],
    },
  );
  let err = "";
  child.stderr.setEncoding("utf8").on("data", (c) => {
    err += c;
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`prism exited (${child.exitCode}): ${err.trim()}`);
    try {
      await fetch(`${url}/api.test`, { method: "POST" });
      return { child, url };
    } catch {
      if (Date.now() > deadline) {
        child.kill();
        throw new Error(`prism did not answer within ${timeoutMs} ms`);
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}
