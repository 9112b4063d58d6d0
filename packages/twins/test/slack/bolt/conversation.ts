// Reading a conversation back through the Web API (what a Bolt app said is checked there): poll
// conversations.history until a message shows up, and the last messages as "name: text" lines.
import type { WebClient } from "@slack/web-api";

/** A message as conversations.history returns it. */
export type HistoryMessage = NonNullable<
  Awaited<ReturnType<WebClient["conversations"]["history"]>>["messages"]
>[number];

/**
 * Polls the history of `channel` until a message passes `match`.
 * @throws after `timeoutMs` (default 5000) without one.
 */
export async function waitForMessage(
  client: WebClient,
  channel: string,
  match: (message: HistoryMessage) => boolean,
  timeoutMs = 5000,
): Promise<HistoryMessage> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const history = await client.conversations.history({ channel, limit: 50 });
    const found = history.messages?.find(match);
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`no matching message in ${channel} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** The last `count` messages of `channel`, oldest first, as `handle: text`. */
export async function conversationLines(client: WebClient, channel: string, count: number): Promise<string[]> {
  const [history, users] = await Promise.all([
    client.conversations.history({ channel, limit: count }),
    client.users.list({}),
  ]);
  const names = new Map(users.members?.map((u) => [u.id, u.name]));
  return (history.messages ?? []).reverse().map((m) => `${names.get(m.user) ?? m.user}: ${m.text}`);
}
