/**
 * A raw TCP connection to a binary server for tests: send any bytes, await frames by req_id or in
 * order, observe the close.
 */
import { connect, type Socket } from "node:net";
import { encodeFrame, type Frame, FrameReader } from "../../../src/protocol/frame.js";

export class RawConnection {
  readonly frames: Frame[] = [];
  closed = false;
  private readonly reader = new FrameReader(Number.MAX_SAFE_INTEGER);
  private waiters: Array<() => void> = [];

  private constructor(readonly socket: Socket) {
    socket.on("data", (chunk: Buffer) => {
      for (const event of this.reader.push(chunk)) {
        if (event.type === "frame") this.frames.push(event.frame);
      }
      this.wake();
    });
    socket.on("error", () => {});
    socket.on("close", () => {
      this.closed = true;
      this.wake();
    });
  }

  static open(port: number): Promise<RawConnection> {
    return new Promise((resolve, reject) => {
      const socket = connect({ host: "127.0.0.1", port, allowHalfOpen: true });
      socket.once("connect", () => resolve(new RawConnection(socket)));
      socket.once("error", reject);
    });
  }

  /** Writes raw bytes. */
  write(bytes: Uint8Array): void {
    this.socket.write(bytes);
  }

  /** Writes one frame. */
  send(msgType: number, payload: Uint8Array, reqId: bigint, flags = 0): void {
    this.write(encodeFrame({ msgType, flags, reqId, payload }));
  }

  /** Sends a frame and waits for the frame answering its req_id. */
  async call(msgType: number, payload: Uint8Array, reqId: bigint, flags = 0, timeoutMs = 5000): Promise<Frame> {
    this.send(msgType, payload, reqId, flags);
    return this.waitFor((f) => f.reqId === reqId, timeoutMs);
  }

  /** Resolves with the first received frame matching `match` (removing it), or rejects on timeout/close. */
  async waitFor(match: (frame: Frame) => boolean, timeoutMs = 5000): Promise<Frame> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const index = this.frames.findIndex(match);
      if (index >= 0) return this.frames.splice(index, 1)[0]!;
      if (this.closed) throw new Error("connection closed before the expected frame");
      const left = deadline - Date.now();
      if (left <= 0) throw new Error("timed out waiting for a frame");
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Waits until the server has closed the connection. */
  async waitClosed(timeoutMs = 5000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!this.closed) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error("timed out waiting for close");
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Half-closes (sends FIN) and keeps reading. */
  end(): void {
    this.socket.end();
  }

  destroy(): void {
    this.socket.destroy();
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }
}

/** Little-endian hex builders, written independently of the codec, for expected responses. */
export const le = {
  u8: (n: number) => n.toString(16).padStart(2, "0"),
  u16: (n: number) => hexOf(2, (b) => b.writeUInt16LE(n)),
  u32: (n: number) => hexOf(4, (b) => b.writeUInt32LE(n)),
  u64: (n: number | bigint) => hexOf(8, (b) => b.writeBigUInt64LE(BigInt(n))),
  str: (s: string) => Buffer.from(s, "utf8").toString("hex"),
};

function hexOf(size: number, write: (b: Buffer) => void): string {
  const b = Buffer.alloc(size);
  write(b);
  return b.toString("hex");
}

/** Hex of a whole response frame as the server must write it (flags 0). */
export function frameHex(msgType: number, reqId: bigint, payloadHex: string): string {
  return le.u32(payloadHex.length / 2) + le.u16(msgType) + le.u16(0) + le.u64(reqId) + payloadHex;
}

/** Hex of a received frame, header included. */
export function receivedHex(frame: Frame): string {
  return Buffer.from(encodeFrame(frame)).toString("hex");
}

/** `{ code, detail }` of a received ERROR frame. */
export function errorOf(frame: Frame): { code: number; detail: string } {
  const view = Buffer.from(frame.payload);
  return { code: view.readUInt32LE(0), detail: view.subarray(8, 8 + view.readUInt32LE(4)).toString("utf8") };
}
