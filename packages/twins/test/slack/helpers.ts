// Shared helpers of the Slack twin tests: a running twin per test file, the official WebClient
// pointed at it, and readers for Slack's error objects.
import { type ErrorCode, LogLevel, type WebAPICallResult, WebClient, type WebClientOptions } from "@slack/web-api";
import { type RunningTwin, startTwin, type TwinOptions } from "../../src/index.js";

/** Tokens of the default seed. */
export const BOT_TOKEN = "xoxb-twin-bot";
export const ALICE_TOKEN = "xoxp-twin-alice";
export const BOB_TOKEN = "xoxp-twin-bob";
export const APP_TOKEN = "xapp-twin-app";

/** Starts the Slack twin on a free loopback port. */
export function startSlackTwin(options: TwinOptions = {}): Promise<RunningTwin> {
  return startTwin("slack", { port: 0, ...options });
}

/** The official WebClient on `twin` (`token` "" for none), retries off and quiet unless asked. */
export function slackClient(twin: RunningTwin, token = BOT_TOKEN, options: WebClientOptions = {}): WebClient {
  return new WebClient(token, {
    slackApiUrl: `${twin.url}/api/`,
    retryConfig: { retries: 0 },
    logLevel: LogLevel.ERROR,
    ...options,
  });
}

/** The default seed's users as WebClients on `twin`: the app's bot, alice and bob. */
export function seedClients(twin: RunningTwin): { bot: WebClient; alice: WebClient; bob: WebClient } {
  return { bot: slackClient(twin), alice: slackClient(twin, ALICE_TOKEN), bob: slackClient(twin, BOB_TOKEN) };
}

/** The id of the channel named `name` among those `client` lists (public channels), or "" when there is none. */
export async function channelIdOf(client: WebClient, name: string): Promise<string> {
  return (await client.conversations.list({})).channels?.find((c) => c.name === name)?.id ?? "";
}

/** What the SDK throws for `ok: false` and rate limits. */
export interface SlackSdkError extends Error {
  code: ErrorCode;
  data: { ok: false; error: string; [key: string]: unknown };
  retryAfter?: number;
}

/** The error `promise` rejects with. @throws when it resolves. */
export async function failureOf(promise: Promise<unknown>): Promise<SlackSdkError> {
  try {
    await promise;
  } catch (error) {
    return error as SlackSdkError;
  }
  throw new Error("expected the call to fail");
}

/** The Slack error string of a call that must fail with `slack_webapi_platform_error`. */
export async function slackErrorOf(promise: Promise<unknown>): Promise<string> {
  const error = await failureOf(promise);
  if (error.code !== "slack_webapi_platform_error") throw error;
  return error.data.error;
}

/** Resets the twin to its seed. */
export async function resetTwin(twin: RunningTwin): Promise<void> {
  await fetch(`${twin.url}/_twin/reset`, { method: "POST" });
}

/** Every item under `key` of every page of a `paginate()` walk, and how many pages it took. */
export async function collectPages<T>(
  pages: AsyncIterable<WebAPICallResult>,
  key: string,
): Promise<{ items: T[]; pages: number }> {
  const items: T[] = [];
  let count = 0;
  for await (const page of pages) {
    count++;
    items.push(...(((page as unknown as Record<string, unknown>)[key] as T[] | undefined) ?? []));
  }
  return { items, pages: count };
}
