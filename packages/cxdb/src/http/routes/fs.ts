/**
 * File-system snapshot routes: `GET /v1/turns/{id}/fs[?path=]` lists a directory (or describes a
 * file), `GET /v1/turns/{id}/fs/{path}` returns a file's bytes (`?format=json` for JSON with base64
 * content) or a directory listing, `POST /v1/turns/{id}/fs` attaches a stored root tree.
 * @module
 */
import path from "node:path";
import type { FastifyPluginAsync, FastifyReply } from "fastify";
import { InvalidArgumentError } from "../../store/errors.js";
import type { FsEntry, FsNode } from "../../store/fs-tree.js";
import type { Store } from "../../store/store.js";
import { idParam, objectBody, param, type Query, u64, u64Format } from "../format.js";

type Route = { Params: { turnId: string; "*"?: string }; Querystring: Query };

const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html",
  ".css": "text/css",
  ".js": "application/javascript",
  ".json": "application/json",
  ".txt": "text/plain",
  ".md": "text/markdown",
  ".ts": "text/typescript",
  ".go": "text/x-go",
  ".rs": "text/x-rust",
  ".py": "text/x-python",
  ".sh": "text/x-shellscript",
  ".yaml": "text/yaml",
  ".yml": "text/yaml",
  ".toml": "text/toml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".gif": "image/gif",
  ".svg": "image/svg+xml",
  ".pdf": "application/pdf",
};

/** File-system snapshot routes. */
export function fsRoutes(store: Store): FastifyPluginAsync {
  return async (app) => {
    app.get<Route>("/v1/turns/:turnId/fs", async (request, reply) => {
      const turnId = idParam(request.params.turnId, "turn_id");
      const node = store.readTree(turnId, param(request.query, "path") ?? "");
      return send(reply, node, request.query, true);
    });

    app.get<Route>("/v1/turns/:turnId/fs/*", async (request, reply) => {
      const turnId = idParam(request.params.turnId, "turn_id");
      const rest = request.params["*"] ?? "";
      if (rest === "") throw new InvalidArgumentError({ message: "empty file path" });
      const node = store.readTree(turnId, rest);
      return send(reply, node, request.query, param(request.query, "format") === "json");
    });

    app.post<Route>("/v1/turns/:turnId/fs", async (request) => {
      const turnId = idParam(request.params.turnId, "turn_id");
      const body = objectBody(request.body);
      if (typeof body.fs_root_hash !== "string")
        throw new InvalidArgumentError({ message: "fs_root_hash (hex) is required" });
      const out = store.attachFs(turnId, body.fs_root_hash);
      return { turn_id: u64(out.turnId, u64Format(request.query)), fs_root_hash: out.fsRootHash };
    });
  };
}

function entryJson(e: FsEntry): Record<string, unknown> {
  return { name: e.name, kind: e.kind, mode: e.mode.toString(8), size: e.size, hash: e.hash };
}

function send(
  reply: FastifyReply,
  node: FsNode,
  query: Query,
  asJson: boolean,
): FastifyReply | Record<string, unknown> {
  const format = u64Format(query);
  if (node.kind === "dir") {
    return {
      turn_id: u64(node.turnId, format),
      path: node.path,
      fs_root_hash: node.fsRootHash,
      entries: node.entries.map(entryJson),
    };
  }
  if (asJson) {
    return {
      turn_id: u64(node.turnId, format),
      path: node.path,
      ...entryJson(node.entry),
      content_base64: Buffer.from(node.content).toString("base64"),
    };
  }
  return reply
    .type(CONTENT_TYPES[path.extname(node.path).toLowerCase()] ?? "application/octet-stream")
    .header("X-Fs-Hash", node.entry.hash)
    .header("X-Fs-Mode", node.entry.mode.toString(8))
    .send(Buffer.from(node.content));
}
