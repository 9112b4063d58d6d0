// The raw payload of one turn: identity, type, encoding, sizes and BLAKE3 hash, where it came from
// (this context or an ancestor it was forked from, and the context's provenance), the msgpack
// decoded as JSON (keys are field tags), the typed projection, and a hex dump.
import { bytes, fromBase64, h, hexDump, kv } from "../dom.js";
import { jsonView } from "../json-view.js";
import { decodeMsgpack } from "../msgpack.js";
import { contextHref, fsHref, turnHref } from "../router.js";
import { provenanceCard } from "./context-sidebar.js";

const ENCODINGS = { 1: "msgpack" };
const COMPRESSIONS = { 0: "none", 1: "zstd" };

/**
 * @param {Record<string, any>} ctx   the context being viewed
 * @param {Record<string, any>} turn  a turn of the view=both page
 * @param {boolean} inherited         the turn predates the fork that made `ctx`
 */
export function rawPanel(ctx, turn, inherited) {
  const payload = typeof turn.bytes_b64 === "string" ? fromBase64(turn.bytes_b64) : new Uint8Array();
  let decoded;
  try {
    decoded = jsonView(decodeMsgpack(payload));
  } catch (e) {
    decoded = h("div", { class: "error" }, `Not msgpack: ${e.message}`);
  }
  const type = turn.declared_type ?? {};
  const ctxId = ctx.context_id;
  return [
    h(
      "section",
      { class: "card" },
      kv([
        ["Turn", h("span", { class: "mono" }, `#${turn.turn_id}`)],
        [
          "Parent",
          turn.parent_turn_id === "0"
            ? "none (root turn)"
            : h("a", { class: "mono", href: turnHref(ctxId, turn.parent_turn_id) }, `#${turn.parent_turn_id}`),
        ],
        ["Depth", String(turn.depth)],
        ["Declared type", h("span", { class: "mono" }, `${type.type_id} v${type.type_version}`)],
        [
          "Decoded as",
          turn.decoded_as
            ? h("span", { class: "mono" }, `${turn.decoded_as.type_id} v${turn.decoded_as.type_version}`)
            : "no descriptor (generic msgpack)",
        ],
        ["Encoding", `${turn.encoding} (${ENCODINGS[turn.encoding] ?? "unknown"})`],
        ["Compression", `${turn.compression} (${COMPRESSIONS[turn.compression] ?? "unknown"}; served uncompressed)`],
        [
          "Payload size",
          `${turn.uncompressed_len} bytes uncompressed${turn.uncompressed_len >= 1024 ? ` (${bytes(turn.uncompressed_len)})` : ""}`,
        ],
        ["Content hash", h("span", { class: "mono hash" }, turn.content_hash_b3 ?? "")],
        [
          "File snapshot",
          turn.fs_root_hash &&
            h(
              "span",
              {},
              h("a", { href: fsHref(ctxId, turn.turn_id) }, "browse"),
              " ",
              h("span", { class: "mono hash" }, turn.fs_root_hash),
            ),
        ],
        [
          "Appended in",
          inherited
            ? h(
                "span",
                {},
                "an ancestor: inherited through the fork from ",
                h("a", { href: contextHref(ctx.forked_from_context_id) }, `#${ctx.forked_from_context_id}`),
              )
            : `this context (#${ctxId})`,
        ],
      ]),
    ),
    provenanceCard(ctx) ?? h("p", { class: "muted" }, "This context records no provenance."),
    h("h3", {}, "Payload (msgpack decoded as JSON)"),
    h("div", { class: "raw-decoded" }, decoded),
    h("h3", {}, "Typed projection"),
    turn.projection_error &&
      h("div", { class: "muted" }, `${turn.projection_error.code}: ${turn.projection_error.message}`),
    h("div", { class: "raw-typed" }, jsonView(turn.data)),
    h("h3", {}, "Bytes"),
    h("pre", { class: "hexdump" }, hexDump(payload)),
  ];
}
