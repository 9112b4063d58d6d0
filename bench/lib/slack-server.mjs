/**
 * Child process of the slack suite: serves the Slack twin (@darkfactory/twins, default options:
 * rate limits off) on a free loopback port, seeded with the bench workspace (argv[2]: messages
 * already in #general for the history workload), and runs until it is killed. Sends `{ url }`
 * (the twin's origin) over IPC once listening.
 * @module
 */
import { startTwin } from "@darkfactory/twins";

const historyMessages = Number(process.argv[2] ?? 100);

const seed = {
  team: { name: "Bench" },
  users: [{ name: "alice", token: "xoxp-bench-alice" }],
  apps: [{ name: "Bench", botName: "benchbot", botToken: "xoxb-bench", signingSecret: "bench-secret" }],
  channels: [
    { name: "general", general: true },
    { name: "posts", members: ["alice", "benchbot"] },
  ],
  messages: Array.from({ length: historyMessages }, (_, i) => ({
    channel: "general",
    user: i % 2 ? "alice" : "benchbot",
    text: `history message ${i + 1}`,
  })),
};

const twin = await startTwin("slack", { port: 0, host: "127.0.0.1", slack: { seed } });
process.send({ url: twin.url });
