// Socket Mode with the official @slack/socket-mode client (what Bolt uses): a ticket from
// apps.connections.open, `hello`, events_api envelopes acked by envelope_id, retries of unacked
// envelopes, the `disconnect` message and reconnection, and refused tickets.
import { request } from "node:http";
import { LogLevel } from "@slack/logger";
import { SocketModeClient } from "@slack/socket-mode";
import { afterAll, afterEach, beforeAll, expect, it } from "vitest";
import { type RunningTwin, slackState } from "../../../src/index.js";
import { ALICE_TOKEN, APP_TOKEN, slackClient, startSlackTwin } from "../helpers.js";

interface SocketEvent {
  ack: (response?: Record<string, unknown>) => Promise<void>;
  envelope_id: string;
  body: { type: string; api_app_id: string; event_id: string; event: { type: string; text?: string } };
  event: { type: string; text?: string; channel?: string };
  retry_num?: number;
  retry_reason?: string;
}

let twin: RunningTwin;
let random: string;
const clients: SocketModeClient[] = [];

beforeAll(async () => {
  twin = await startSlackTwin({ slack: { events: { timeoutMs: 300, retryDelaysMs: [0, 0, 0] } } });
  random = slackState(twin.kit).channelByName("random")!.id;
});
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.disconnect()));
});
afterAll(() => twin.close());

function socketClient(): SocketModeClient {
  const client = new SocketModeClient({
    appToken: APP_TOKEN,
    logLevel: LogLevel.ERROR,
    clientPingTimeout: 2000,
    clientOptions: { slackApiUrl: `${twin.url}/api/`, retryConfig: { retries: 0 } },
  });
  clients.push(client);
  return client;
}

/** The next `message` event whose text is `text`. */
function nextMessage(client: SocketModeClient, text: string): Promise<SocketEvent> {
  return new Promise((resolve) => {
    const listener = (event: SocketEvent) => {
      if (event.event.text !== text) return;
      client.off("message", listener);
      resolve(event);
    };
    client.on("message", listener);
  });
}

async function deliveriesOf(text: string) {
  const response = await fetch(`${twin.url}/_twin/slack/events/deliveries?type=message`);
  const { deliveries } = (await response.json()) as {
    deliveries: { body: SocketEvent["body"]; outcome: string; attempts: Record<string, unknown>[] }[];
  };
  return deliveries.filter((d) => d.body.event.text === text);
}

async function settled(text: string) {
  for (;;) {
    const [delivery] = await deliveriesOf(text);
    if (delivery && delivery.outcome !== "pending") return delivery;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

it("connects with a ticket, says hello, and delivers events that the app acks", async () => {
  const client = socketClient();
  const opened = await client.start();
  expect((opened as { url: string }).url).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/link\/\?ticket=[\w-]+&app_id=A/);

  const received = nextMessage(client, "over the socket");
  await slackClient(twin, ALICE_TOKEN).chat.postMessage({ channel: random, text: "over the socket" });
  const event = await received;
  const app = [...slackState(twin.kit).apps.values()][0];
  expect(event.envelope_id).toMatch(/^[\w-]{36}$/);
  expect(event.retry_num).toBe(0);
  expect(event.body).toMatchObject({ type: "event_callback", api_app_id: app.id, event: { type: "message" } });
  expect(event.event).toMatchObject({ channel: random, text: "over the socket" });
  await event.ack();

  const delivery = await settled("over the socket");
  expect(delivery.outcome).toBe("delivered");
  expect(delivery.attempts).toMatchObject([{ attempt: 0, transport: "socket" }]);
});

it("sends an unacked envelope again with retry_attempt and retry_reason", async () => {
  const client = socketClient();
  await client.start();
  const tries: SocketEvent[] = [];
  const acked = new Promise<void>((resolve) => {
    client.on("message", (event: SocketEvent) => {
      if (event.event.text !== "ack me later") return;
      tries.push(event);
      if (tries.length === 2) void event.ack().then(resolve);
    });
  });
  await slackClient(twin, ALICE_TOKEN).chat.postMessage({ channel: random, text: "ack me later" });
  await acked;
  expect(tries.map((t) => [t.retry_num, t.retry_reason])).toEqual([
    [0, ""],
    [1, "timeout"],
  ]);
  expect(tries[1].envelope_id).not.toBe(tries[0].envelope_id);
  expect(tries[1].body.event_id).toBe(tries[0].body.event_id);
  const delivery = await settled("ack me later");
  expect(delivery.attempts.map((a) => a.failure)).toEqual(["timeout", undefined]);
});

it("tells clients to reconnect with `disconnect`, and they come back with a new ticket", async () => {
  const client = socketClient();
  await client.start();
  const reconnected = new Promise<void>((resolve) =>
    client.once("reconnecting", () => client.once("connected", resolve)),
  );
  const response = await fetch(`${twin.url}/_twin/slack/socket/disconnect`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ reason: "refresh_requested" }),
  });
  expect(await response.json()).toEqual({ disconnected: 1 });
  await reconnected;

  const received = nextMessage(client, "after the reconnect");
  await slackClient(twin, ALICE_TOKEN).chat.postMessage({ channel: random, text: "after the reconnect" });
  await (await received).ack();
});

it("refuses a WebSocket upgrade without a valid ticket", async () => {
  const url = new URL(`${twin.url}/link/?ticket=not-a-ticket`);
  const status = await new Promise<number | undefined>((resolve, reject) => {
    const upgrade = request(url, {
      headers: {
        connection: "Upgrade",
        upgrade: "websocket",
        "sec-websocket-version": "13",
        "sec-websocket-key": Buffer.from("0123456789abcdef").toString("base64"),
      },
    });
    upgrade.on("response", (res) => {
      res.resume();
      resolve(res.statusCode);
    });
    upgrade.on("upgrade", () => reject(new Error("upgraded without a ticket")));
    upgrade.on("error", reject);
    upgrade.end();
  });
  expect(status).toBe(401);
});
