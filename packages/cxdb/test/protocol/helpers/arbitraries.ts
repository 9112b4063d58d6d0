/** fast-check arbitraries for the binary protocol's field types. */
import fc from "fast-check";

export const u16 = fc.integer({ min: 0, max: 0xffff });
export const u32 = fc.integer({ min: 0, max: 0xffff_ffff });
export const u64 = fc.bigInt({ min: 0n, max: 0xffff_ffff_ffff_ffffn });
export const hash = fc.uint8Array({ minLength: 32, maxLength: 32 });
export const bytes = (maxLength = 256) => fc.uint8Array({ maxLength });
/** Strings whose UTF-8 form fits in `maxBytes` (full Unicode, including astral characters). */
export const text = (maxBytes = 200) =>
  fc.string({ unit: "grapheme", maxLength: 40 }).filter((s) => Buffer.byteLength(s, "utf8") <= maxBytes);
