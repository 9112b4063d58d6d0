// A stand-in for an app's Events API request URL: a loopback HTTP server that records every
// request (headers, raw body, parsed JSON or form) and answers as each test tells it (status, delay,
// url_verification echo), and helpers to wait for what it received.
import { createHmac } from "node:crypto";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/** One request the app received. */
export interface Received {
  headers: IncomingHttpHeaders;
  raw: string;
  body: {
    type?: string;
    event_id?: string;
    challenge?: string;
    event?: Record<string, unknown> & { type: string; subtype?: string };
    [key: string]: unknown;
  };
}

/** How the app answers a request: status, delay, extra headers and body. */
export interface Answer {
  status?: number;
  delayMs?: number;
  headers?: Record<string, string>;
  /** Default: the challenge of a url_verification, else empty. */
  body?: string;
}

/** A running stand-in app. */
export interface AppReceiver {
  url: string;
  received: Received[];
  /** Decides each answer (default: 200 at once, echoing url_verification challenges). */
  answer: (request: Received, index: number) => Answer;
  /** Resolves with the first received request (from `from` on) that `match` accepts. */
  waitFor(match: (request: Received) => boolean, from?: number): Promise<Received>;
  /** The `event_callback` requests received, as their events. */
  events(): NonNullable<Received["body"]["event"]>[];
  close(): Promise<void>;
}

/** Starts a stand-in app on a free loopback port. */
export async function startAppReceiver(): Promise<AppReceiver> {
  const waiters: { match: (r: Received) => boolean; from: number; resolve: (r: Received) => void }[] = [];
  const receiver: AppReceiver = {
    url: "",
    received: [],
    answer: () => ({}),
    waitFor(match, from = 0) {
      const found = receiver.received.slice(from).find(match);
      if (found) return Promise.resolve(found);
      return new Promise((resolve) => waiters.push({ match, from, resolve }));
    },
    events: () => receiver.received.flatMap((r) => (r.body.event ? [r.body.event] : [])),
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
  const server: Server = createServer((req, res) => {
    let raw = "";
    req.setEncoding("utf8");
    req.on("data", (chunk) => {
      raw += chunk;
    });
    req.on("end", () => {
      const form = req.headers["content-type"] === "application/x-www-form-urlencoded";
      const body = form ? Object.fromEntries(new URLSearchParams(raw)) : JSON.parse(raw);
      const request: Received = { headers: req.headers, raw, body };
      const index = receiver.received.push(request) - 1;
      for (const waiter of [...waiters]) {
        if (index >= waiter.from && waiter.match(request)) {
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.resolve(request);
        }
      }
      const answer = receiver.answer(request, index);
      setTimeout(() => {
        if (res.destroyed) return;
        res.writeHead(answer.status ?? 200, { "content-type": "application/json", ...answer.headers });
        const challenge =
          request.body.type === "url_verification" ? JSON.stringify({ challenge: request.body.challenge }) : "";
        res.end(answer.body ?? challenge);
      }, answer.delayMs ?? 0);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;
  return receiver;
}

/** Slack's signature of a request: `v0=` + hex HMAC-SHA256 of `v0:<timestamp>:<body>`. */
export function expectedSignature(secret: string, timestamp: string, raw: string): string {
  return `v0=${createHmac("sha256", secret).update(`v0:${timestamp}:${raw}`).digest("hex")}`;
}
