/**
 * Socket Mode connections of the Slack twin: each app's open WebSockets (from `/link/`), the
 * `hello` they get, envelopes sent round-robin over them and the acks that answer them, server
 * pings, and `disconnect` messages.
 * @module
 */
import { randomUUID } from "node:crypto";

/** The part of a `ws` server-side WebSocket the hub uses. */
export interface ServerSocket {
  send(data: string): void;
  ping(): void;
  close(code?: number): void;
  terminate(): void;
  on(event: "message", listener: (data: Buffer, isBinary: boolean) => void): void;
  on(event: "close", listener: () => void): void;
  on(event: "error", listener: (error: Error) => void): void;
}

/** Envelope types sent over Socket Mode. */
export type EnvelopeType = "events_api" | "slash_commands" | "interactive";

/** What {@link SocketModeHub.send} sends. */
export interface EnvelopeInput {
  type: EnvelopeType;
  /** The payload as JSON text (an `event_callback` envelope for `events_api`). */
  payloadJson: string;
  /** 0 on the first try. */
  retryAttempt: number;
  /** Why the previous try failed ("" on the first). */
  retryReason: string;
  /** Whether the ack may carry a response payload (slash commands, `view_submission`). */
  acceptsResponsePayload: boolean;
  /** How long to wait for the ack, in ms. */
  timeoutMs: number;
}

/** The outcome of a send: the ack (with its payload, when any), or why none came. */
export type SendOutcome =
  | { acked: true; payload: unknown }
  | { acked: false; failure: "timeout" | "no_connection" | "connection_closed" };

interface Connection {
  appId: string;
  socket: ServerSocket;
  /** Envelopes waiting for their ack, by envelope id. */
  pending: Map<string, (outcome: SendOutcome) => void>;
  ping: NodeJS.Timeout;
}

/** Reasons of Slack's `disconnect` message. */
export type DisconnectReason = "warning" | "refresh_requested" | "link_disabled";

/** The Socket Mode connections of one twin. */
export class SocketModeHub {
  private readonly connections = new Map<string, Connection[]>();
  private readonly turn = new Map<string, number>();

  /** @param pingIntervalMs how often each connection is pinged (Bolt hangs up after 30 s without a ping). */
  constructor(private readonly pingIntervalMs: number) {}

  /**
   * Takes an accepted WebSocket of `appId`: sends `hello`, then listens for acks until it closes.
   */
  attach(appId: string, socket: ServerSocket): void {
    const connection: Connection = {
      appId,
      socket,
      pending: new Map(),
      ping: setInterval(() => socket.ping(), this.pingIntervalMs).unref(),
    };
    const list = this.connections.get(appId) ?? [];
    list.push(connection);
    this.connections.set(appId, list);
    socket.on("message", (data, isBinary) => {
      if (!isBinary) this.onMessage(connection, data.toString());
    });
    socket.on("close", () => this.detach(connection));
    socket.on("error", () => socket.terminate());
    socket.send(
      JSON.stringify({
        type: "hello",
        num_connections: list.length,
        debug_info: { host: "applink-twin", build_number: 1, approximate_connection_time: 18060 },
        connection_info: { app_id: appId },
      }),
    );
  }

  /** Number of open connections of `appId`. */
  connectionCount(appId: string): number {
    return this.connections.get(appId)?.length ?? 0;
  }

  /**
   * Sends an envelope to one of the app's connections (round-robin) and waits for its ack.
   * Never rejects: a missing connection, a close before the ack, or no ack in time come back as
   * a failure.
   */
  send(appId: string, input: EnvelopeInput): Promise<SendOutcome> {
    const list = this.connections.get(appId) ?? [];
    if (list.length === 0) return Promise.resolve({ acked: false, failure: "no_connection" });
    const n = (this.turn.get(appId) ?? 0) % list.length;
    this.turn.set(appId, n + 1);
    const connection = list[n];
    const envelopeId = randomUUID();
    return new Promise((resolve) => {
      const timer = setTimeout(() => finish({ acked: false, failure: "timeout" }), input.timeoutMs);
      const finish = (outcome: SendOutcome) => {
        clearTimeout(timer);
        connection.pending.delete(envelopeId);
        resolve(outcome);
      };
      connection.pending.set(envelopeId, finish);
      // The payload is spliced in as it was serialized (the event is serialized once, for all tries).
      connection.socket.send(
        `{"envelope_id":${JSON.stringify(envelopeId)},"payload":${input.payloadJson},` +
          `"type":${JSON.stringify(input.type)},"accepts_response_payload":${input.acceptsResponsePayload},` +
          `"retry_attempt":${input.retryAttempt},"retry_reason":${JSON.stringify(input.retryReason)}}`,
      );
    });
  }

  /**
   * Sends Slack's `disconnect` message to the connections of `appId` (all apps when absent);
   * clients reconnect with a new `apps.connections.open` ticket.
   * @returns the number of connections told.
   */
  disconnect(appId: string | undefined, reason: DisconnectReason): number {
    const targets = appId === undefined ? [...this.connections.values()].flat() : (this.connections.get(appId) ?? []);
    const message = JSON.stringify({ type: "disconnect", reason, debug_info: { host: "applink-twin" } });
    for (const connection of targets) connection.socket.send(message);
    return targets.length;
  }

  /** Closes every connection (the twin is closing). */
  close(): void {
    for (const connection of [...this.connections.values()].flat()) connection.socket.close(1001);
  }

  private onMessage(connection: Connection, text: string): void {
    let message: unknown;
    try {
      message = JSON.parse(text);
    } catch {
      return;
    }
    if (typeof message !== "object" || message === null) return;
    const { envelope_id: envelopeId, payload } = message as { envelope_id?: unknown; payload?: unknown };
    if (typeof envelopeId === "string") connection.pending.get(envelopeId)?.({ acked: true, payload });
  }

  private detach(connection: Connection): void {
    clearInterval(connection.ping);
    const list = (this.connections.get(connection.appId) ?? []).filter((c) => c !== connection);
    if (list.length > 0) this.connections.set(connection.appId, list);
    else this.connections.delete(connection.appId);
    for (const finish of [...connection.pending.values()]) finish({ acked: false, failure: "connection_closed" });
  }
}
