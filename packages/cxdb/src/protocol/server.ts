/**
 * The binary-protocol TCP server (CXDB port 9009) over node:net.
 *
 * Each connection feeds a {@link FrameReader}; each whole frame is executed against the store in
 * arrival order and answered with exactly one frame (written in one `write`, so never half a frame)
 * echoing its req_id: the response, or an ERROR frame (code u32, detail_len u32, detail).
 *
 * Unlike CXDB, which closes the connection on anything but an unknown msg_type, every failure is
 * answered with ERROR and the connection stays usable:
 * - malformed payload (truncated, trailing bytes, bad UTF-8): 400;
 * - unknown context/turn/blob/fs root: 404; parent off the context's chain: 409;
 * - frame over 64 MiB: 413, answered as soon as its header arrives; its payload is then discarded
 *   unbuffered and framing resumes after it;
 * - unknown msg_type, bad msgpack, wrong content hash or length, bad zstd: 422;
 * - GET_BEFORE (7), GET_RANGE_BY_DEPTH (8): 501.
 *
 * Only a stream that can no longer be framed is closed: when the peer ends it in the middle of a
 * frame, the server answers ERROR 400 naming the truncated frame and closes its side.
 *
 * Sessions: the first request opens one (`client_connected` on `store.events`, with the HELLO tag
 * when HELLO comes first); disconnecting closes it (`client_disconnected`).
 * @module
 */

import { createServer, type Server, type Socket } from "node:net";
import { type CxdbLogger, silentLogger } from "../logger.js";
import { PayloadTooLargeError } from "../store/errors.js";
import type { Store } from "../store/store.js";
import { type ConnectionSession, dispatchRequest, errorFrame } from "./dispatch.js";
import { MalformedPayloadError } from "./errors.js";
import {
  encodeFrame,
  FRAME_HEADER_BYTES,
  type Frame,
  FrameReader,
  type FrameReaderEvent,
  MAX_FRAME_PAYLOAD_BYTES,
  MsgType,
  msgTypeName,
} from "./frame.js";

/** Default TCP port of CXDB's binary protocol. */
export const DEFAULT_BINARY_PORT = 9009;

/** Most APPEND_TURN requests of one connection waiting for their group commit at once. */
export const MAX_APPENDS_IN_FLIGHT = 256;

/** Options of {@link startBinaryServer}. */
export interface BinaryServerOptions {
  /** TCP port; 0 picks a free one. Default 9009. */
  port?: number;
  /** Interface to bind. Default `127.0.0.1`. */
  host?: string;
  /** Where log lines go: one `info` line when listening, one `debug` line per request. Default silent. */
  logger?: CxdbLogger;
}

/** A running binary server. */
export interface BinaryServer {
  /** The bound port (useful with `port: 0`). */
  port: number;
  /** The bound host. */
  host: string;
  /** Number of open client connections. */
  readonly connections: number;
  /**
   * Stops accepting, closes every connection (each emits `client_disconnected`) and resolves once
   * the listener is closed. Idempotent.
   */
  close(): Promise<void>;
}

/**
 * Starts the binary-protocol server for `store`.
 * @throws the listen error (e.g. `EADDRINUSE`) when the port cannot be bound.
 */
export async function startBinaryServer(store: Store, options: BinaryServerOptions = {}): Promise<BinaryServer> {
  const host = options.host ?? "127.0.0.1";
  const logger = options.logger ?? silentLogger;
  const sockets = new Set<Socket>();
  const server: Server = createServer({ allowHalfOpen: true, noDelay: true }, (socket) => {
    sockets.add(socket);
    socket.once("close", () => sockets.delete(socket));
    serveConnection(store, socket, logger);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? DEFAULT_BINARY_PORT, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address();
  const port = typeof address === "object" && address !== null ? address.port : (options.port ?? DEFAULT_BINARY_PORT);
  logger.info(`cxdb binary protocol listening on ${host}:${port}`);

  let closing: Promise<void> | undefined;
  return {
    port,
    host,
    get connections() {
      return sockets.size;
    },
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      });
      return closing;
    },
  };
}

/**
 * Serves one connection until it closes. Frames are queued and executed in order; while the
 * socket's write buffer is full, execution stops and reading pauses, so a client that does not read
 * its responses cannot make the server buffer them without bound.
 *
 * APPEND_TURN frames go through the store's group commit: consecutive appends (up to
 * {@link MAX_APPENDS_IN_FLIGHT}) are submitted without waiting for each other, so a client that
 * pipelines appends, like many clients appending at once, shares transactions. Any other request
 * waits until the appends before it are committed and answered, so it sees them, and responses
 * leave in request order.
 */
function serveConnection(store: Store, socket: Socket, logger: CxdbLogger): void {
  const reader = new FrameReader(MAX_FRAME_PAYLOAD_BYTES);
  const session: ConnectionSession = { clientTag: "" };
  if (socket.remoteAddress !== undefined) session.peerAddr = `${socket.remoteAddress}:${socket.remotePort}`;
  let queue: FrameReaderEvent[] = [];
  let next = 0;
  let ended = false;
  /** Appends submitted whose response has not been sent yet. */
  let inFlight = 0;
  /** Settles once every submitted append has been answered, in order. */
  let answered: Promise<void> = Promise.resolve();

  const send = (frame: Frame): void => {
    if (socket.writable) socket.write(encodeFrame(frame));
  };

  const logged = (frame: Frame, response: Frame): void => {
    logger.debug(
      `binary ${msgTypeName(frame.msgType)} req_id=${frame.reqId} len=${frame.payload.byteLength} -> ${response.msgType === frame.msgType ? "ok" : "ERROR"}`,
    );
  };

  const handle = (event: FrameReaderEvent): void => {
    if (event.type === "oversized") {
      const { header } = event;
      const error = new PayloadTooLargeError({
        message: `frame of ${header.len} bytes is over the ${MAX_FRAME_PAYLOAD_BYTES}-byte limit; its payload is discarded`,
      });
      send(errorFrame(header.reqId, header.msgType, error));
      return;
    }
    const { frame } = event;
    const response = dispatchRequest(store, session, frame);
    if (!(response instanceof Promise)) {
      send(response);
      logged(frame, response);
      return;
    }
    inFlight++;
    answered = answered
      .then(() => response)
      .then((settled) => {
        inFlight--;
        send(settled);
        logged(frame, settled);
        pump();
      });
  };

  /** At end of stream: ERROR for a frame cut short (it can never complete), then close our side. */
  const finish = (): void => {
    const rest = reader.remainder();
    if (rest.bufferedBytes > 0 && rest.skippingBytes === 0) {
      const header = rest.header;
      const detail =
        header === undefined
          ? `stream ended inside a frame header (${rest.bufferedBytes} of ${FRAME_HEADER_BYTES} bytes)`
          : `stream ended inside a frame: ${msgTypeName(header.msgType)} declares ${header.len} payload bytes, ${rest.bufferedBytes} arrived`;
      send(errorFrame(header?.reqId ?? 0n, undefined, new MalformedPayloadError({ message: detail })));
    }
    socket.end();
  };

  /** True when `event` must wait for the appends in flight (see the function comment). */
  const mustWait = (event: FrameReaderEvent): boolean => {
    if (inFlight === 0) return false;
    const isAppend = event.type === "frame" && event.frame.msgType === MsgType.APPEND_TURN;
    return !isAppend || inFlight >= MAX_APPENDS_IN_FLIGHT;
  };

  const pump = (): void => {
    while (next < queue.length) {
      if (socket.destroyed) return;
      if (socket.writableNeedDrain || mustWait(queue[next]!)) {
        // Resumed by "drain", or by the last append in flight being answered.
        socket.pause();
        return;
      }
      handle(queue[next++]!);
    }
    queue = [];
    next = 0;
    if (inFlight > 0) return;
    if (ended) finish();
    else if (socket.isPaused()) socket.resume();
  };

  socket.on("data", (chunk: Buffer) => {
    try {
      queue.push(...reader.push(chunk));
    } catch (error) {
      // The reader only throws on an internal bug: the stream can no longer be framed.
      send(errorFrame(0n, undefined, error));
      socket.end();
      return;
    }
    pump();
  });
  socket.on("drain", pump);
  socket.on("end", () => {
    ended = true;
    pump();
  });
  // Errors (ECONNRESET, EPIPE) end the connection; "close" follows and does the bookkeeping.
  socket.on("error", () => socket.destroy());
  socket.on("close", () => {
    if (session.sessionId !== undefined) store.sessions.close(session.sessionId);
  });
}
