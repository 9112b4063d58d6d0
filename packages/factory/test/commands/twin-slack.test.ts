// `factory twin start slack --seed FILE` in-process: the workspace comes from the seed file, the
// tokens are printed after the listening line, and bad seeds are exit 2 with file:line:col.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startCli, tempDir, waitFor } from "../helpers/run-io.js";

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ dir, cleanup } = await tempDir({
    "seed.yaml": [
      "team: { name: CI Team, domain: ci }",
      "users:",
      "  - { name: carol, token: xoxp-carol }",
      "apps:",
      "  - { name: CI Bot, botName: cibot, botToken: xoxb-ci }",
      "channels:",
      "  - { name: builds, members: [carol, cibot] }",
      "",
    ].join("\n"),
    "bad-seed.yaml": "users:\n  - name: carol\n    admin: yes please\n",
  }));
});
afterEach(() => cleanup());

const LISTENING =
  /^slack twin listening on (http:\/\/127\.0\.0\.1:\d+) \(SLACK_API_URL=(http:\/\/127\.0\.0\.1:\d+\/api\/)\)$/;

async function call(apiUrl: string, method: string, token: string, body: Record<string, string> = {}) {
  const response = await fetch(`${apiUrl}${method}`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(body).toString(),
  });
  return (await response.json()) as Record<string, unknown>;
}

describe("factory twin start slack", () => {
  it("serves the workspace of --seed FILE and prints its tokens", async () => {
    const session = startCli(["twin", "start", "slack", "--port", "0", "--seed", "seed.yaml"], { cwd: dir });
    await waitFor(() => session.stdout.text.split("\n").length > 2 || session.stderr.text !== "");
    expect(session.stderr.text).toBe("");
    const [listening, tokens] = session.stdout.text.trim().split("\n");
    const match = LISTENING.exec(listening);
    expect(match).not.toBeNull();
    expect(tokens).toBe("slack tokens: user xoxp-carol (@carol), bot xoxb-ci (@cibot)");
    const apiUrl = match?.[2] ?? "";
    expect(await call(apiUrl, "auth.test", "xoxb-ci")).toMatchObject({ ok: true, team: "CI Team", user: "cibot" });
    const list = await call(apiUrl, "conversations.list", "xoxp-carol");
    expect((list.channels as { name: string }[]).map((c) => c.name)).toEqual(["builds"]);
    session.interrupt();
    expect(await session.done).toBe(0);
  });

  it("a bare start has the default workspace with a bot token", async () => {
    const session = startCli(["twin", "start", "slack", "--port", "0"], { cwd: dir });
    await waitFor(() => session.stdout.text.split("\n").length > 2 || session.stderr.text !== "");
    expect(session.stdout.text).toContain("bot xoxb-twin-bot (@twinbot)");
    session.interrupt();
    expect(await session.done).toBe(0);
  });

  it("rejects an invalid seed (with its position) and --seed without the slack twin, exit 2", async () => {
    const run = async (args: string[]) => {
      const session = startCli(args, { cwd: dir });
      return { code: await session.done, stderr: session.stderr.text };
    };
    expect(await run(["twin", "start", "slack", "--seed", "bad-seed.yaml"])).toEqual({
      code: 2,
      stderr: "factory: invalid seed bad-seed.yaml:3:12: users[0].admin: expected true or false\n",
    });
    expect(await run(["twin", "start", "openai", "--seed", "seed.yaml"])).toEqual({
      code: 2,
      stderr: "factory: --seed gives the slack twin its workspace: start slack too\n",
    });
    expect((await run(["twin", "start", "slack", "--seed", "missing.yaml"])).stderr).toBe(
      "factory: cannot read missing.yaml: no such file or directory\n",
    );
  });
});
