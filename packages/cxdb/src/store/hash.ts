/**
 * BLAKE3-256 content hashes (hash-wasm, synchronous once initialised) and their hex form.
 * @module
 */
import { createBLAKE3, type IHasher } from "hash-wasm";
import { InternalError, InvalidArgumentError } from "./errors.js";

/** A 32-byte BLAKE3-256 hash as callers may pass it: 32 bytes, or 64 hex digits. */
export type HashInput = Uint8Array | string;

let hasher: IHasher | undefined;

/** Loads the BLAKE3 WebAssembly module (once); {@link blake3} needs it. */
export async function initHashing(): Promise<void> {
  hasher ??= await createBLAKE3();
}

/**
 * BLAKE3-256 of `bytes`, as 32 bytes.
 * @throws InternalError before {@link initHashing} has resolved.
 */
export function blake3(bytes: Uint8Array): Uint8Array {
  if (hasher === undefined) throw new InternalError({ message: "BLAKE3 is not initialised (await initHashing())" });
  hasher.init();
  hasher.update(bytes);
  return hasher.digest("binary");
}

/** BLAKE3-256 of `bytes`, as 64 lowercase hex digits. */
export function blake3Hex(bytes: Uint8Array): string {
  return bytesToHex(blake3(bytes));
}

/** Lowercase hex of `bytes`. */
export function bytesToHex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("hex");
}

/**
 * Bytes of a hex string.
 * @throws InvalidArgumentError when `hex` has odd length or a non-hex digit.
 */
export function hexToBytes(hex: string): Uint8Array {
  if (hex.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(hex)) {
    throw new InvalidArgumentError({ message: `not a hex string: ${JSON.stringify(hex.slice(0, 80))}` });
  }
  return new Uint8Array(Buffer.from(hex, "hex"));
}

/**
 * Normalises a hash input to 64 lowercase hex digits.
 * @throws InvalidArgumentError unless it is 32 bytes or 64 hex digits.
 */
export function toHashHex(input: HashInput, what = "hash"): string {
  if (typeof input === "string") {
    if (!/^[0-9a-fA-F]{64}$/.test(input)) {
      throw new InvalidArgumentError({
        message: `${what} must be 64 hex digits, got ${JSON.stringify(input.slice(0, 80))}`,
      });
    }
    return input.toLowerCase();
  }
  if (!(input instanceof Uint8Array) || input.byteLength !== 32) {
    throw new InvalidArgumentError({ message: `${what} must be 32 bytes` });
  }
  return bytesToHex(input);
}

/** A 32-byte hash input as a Buffer (the form stored in SQLite). */
export function toHashBytes(input: HashInput, what = "hash"): Buffer {
  return Buffer.from(toHashHex(input, what), "hex");
}
