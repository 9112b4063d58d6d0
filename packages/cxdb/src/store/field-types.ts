/**
 * Aliases in the registry's field-type vocabulary that the JSON encoder and the projection both
 * act on: integer types (64-bit ones apart, as they may pass 2^53) and Unix-ms time types.
 * @module
 */

/** 64-bit integer field types, whose values may lie beyond 2^53. */
export const INT64_FIELD_TYPES: ReadonlySet<string> = new Set(["u64", "uint64", "i64", "int64"]);

/** Integer field types of 8 to 32 bits, whose values always fit a JS number. */
export const INT32_FIELD_TYPES: ReadonlySet<string> = new Set(
  "u8 u16 u32 uint8 uint16 uint32 i8 i16 i32 int8 int16 int32".split(" "),
);

/** Time field types, held as Unix milliseconds. */
export const TIME_MS_FIELD_TYPES: ReadonlySet<string> = new Set(["unix_ms", "time_ms", "timestamp_ms"]);
