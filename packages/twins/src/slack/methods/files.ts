/**
 * `files.*`: getUploadURLExternal and completeUploadExternal (the upload URL is the twin's
 * `/upload/v1/<file id>`), info, list and delete.
 * @module
 */

import {
  actorOf,
  authorOf,
  canSee,
  conversation,
  type MethodContext,
  requireMember,
  type SlackMethods,
} from "../api/method.js";
import { pageMetadata, paginate } from "../api/paginate.js";
import { invalidArguments, slackError } from "../errors.js";
import { fileObject } from "../render/message.js";
import { beginUpload, completeUploads, deleteFile, findFile } from "../state/files.js";
import type { FileRecord } from "../state/types.js";

/** Path of the upload URL of `fileId` on the twin. */
export function uploadPath(fileId: string): string {
  return `/upload/v1/${fileId}`;
}

/** True when the caller may see `file`: theirs, or shared where they can see. */
function canSeeFile(ctx: MethodContext, file: FileRecord): boolean {
  if (file.user === ctx.user.id) return true;
  return file.shares.some((share) => {
    const channel = ctx.state.findChannel(share.channel);
    return channel !== undefined && canSee(channel, ctx.user.id);
  });
}

function visibleFile(ctx: MethodContext): FileRecord {
  const file = findFile(ctx.state, ctx.args.required("file", "file_not_found"));
  if (!canSeeFile(ctx, file)) throw slackError("file_not_found");
  return file;
}

/** The `[{id, title}]` list of `files.completeUploadExternal`. */
function uploadList(ctx: MethodContext): { id: string; title?: string }[] {
  const value = ctx.args.json("files");
  if (value === undefined) throw invalidArguments("missing required field: files");
  if (!Array.isArray(value) || value.length === 0) throw invalidArguments("files must be a non-empty list");
  return value.map((item) => {
    const entry = item as { id?: unknown; title?: unknown };
    if (typeof entry?.id !== "string") throw invalidArguments("each file needs an id");
    return { id: entry.id, ...(typeof entry.title === "string" ? { title: entry.title } : {}) };
  });
}

/** The `files.*` methods. */
export const filesMethods: SlackMethods = {
  "files.getUploadURLExternal": {
    scopes: ["files:write"],
    tier: 4,
    handler(ctx) {
      const filename = ctx.args.required("filename");
      const length = ctx.args.int("length", Number.NaN);
      const altTxt = ctx.args.string("alt_txt");
      const fileId = beginUpload(ctx.state, {
        filename,
        length,
        userId: ctx.user.id,
        ...(altTxt ? { altTxt } : {}),
      });
      return { upload_url: `${ctx.origin}${uploadPath(fileId)}`, file_id: fileId };
    },
  },
  "files.completeUploadExternal": {
    scopes: ["files:write"],
    tier: 4,
    handler(ctx) {
      const files = uploadList(ctx);
      const channelId = ctx.args.string("channel_id") ?? ctx.args.list("channels")[0];
      const channel = channelId === undefined ? undefined : conversation(ctx, channelId, "read");
      if (channel) requireMember(ctx, channel);
      const threadTs = ctx.args.string("thread_ts");
      const comment = ctx.args.string("initial_comment");
      const blocks = ctx.args.jsonList("blocks", "invalid_blocks_format");
      const records = completeUploads(ctx.state, {
        files,
        author: authorOf(ctx),
        ...(channel ? { channel } : {}),
        ...(comment !== undefined ? { initialComment: comment } : {}),
        ...(threadTs !== undefined ? { threadTs } : {}),
        ...(blocks ? { blocks } : {}),
      });
      return { files: records.map((f) => fileObject(ctx.state, f, ctx.origin)) };
    },
  },
  "files.info": {
    scopes: ["files:read"],
    tier: 4,
    handler(ctx) {
      return {
        file: fileObject(ctx.state, visibleFile(ctx), ctx.origin),
        comments: [],
        response_metadata: { next_cursor: "" },
      };
    },
  },
  "files.list": {
    scopes: ["files:read"],
    tier: 3,
    handler(ctx) {
      const user = ctx.args.string("user");
      const channel = ctx.args.string("channel");
      const from = ctx.args.int("ts_from", 0);
      const to = ctx.args.int("ts_to", Number.MAX_SAFE_INTEGER);
      const types = ctx.args.list("types").filter((t) => t !== "all");
      const files = [...ctx.state.files.values()]
        .filter((f) => canSeeFile(ctx, f))
        .filter((f) => user === undefined || f.user === user)
        .filter((f) => channel === undefined || f.shares.some((s) => s.channel === channel))
        .filter((f) => f.created >= from && f.created <= to)
        .filter((f) => types.length === 0 || types.some((t) => matchesType(f, t)))
        .sort((a, b) => b.created - a.created || (a.id < b.id ? 1 : -1));
      if (!ctx.args.has("page") && !ctx.args.has("count")) {
        const descending = (a: string, b: string) => (a < b ? 1 : a > b ? -1 : 0);
        const key = (f: FileRecord) => `${String(f.created).padStart(12, "0")}/${f.id}`;
        const page = paginate(files, ctx.args, { prefix: "file", keyOf: key, compare: descending });
        const paging = { count: page.items.length, total: files.length, page: 1, pages: 1 };
        return { files: page.items.map((f) => fileObject(ctx.state, f, ctx.origin)), paging, ...pageMetadata(page) };
      }
      const count = ctx.args.int("count", 100, { min: 1, max: 1000 });
      const pageNumber = ctx.args.int("page", 1, { min: 1 });
      const pages = Math.max(1, Math.ceil(files.length / count));
      const items = files.slice((pageNumber - 1) * count, pageNumber * count);
      return {
        files: items.map((f) => fileObject(ctx.state, f, ctx.origin)),
        paging: { count, total: files.length, page: pageNumber, pages },
      };
    },
  },
  "files.delete": {
    scopes: ["files:write"],
    tier: 3,
    handler(ctx) {
      deleteFile(ctx.state, visibleFile(ctx).id, actorOf(ctx));
      return {};
    },
  },
};

/** `files.list` types: `images`, `pdfs`, `snippets`, `zips`, `spaces`, `gdocs`, or a filetype. */
function matchesType(file: FileRecord, type: string): boolean {
  if (type === "images") return file.mimetype.startsWith("image/");
  if (type === "pdfs") return file.filetype === "pdf";
  if (type === "zips") return file.filetype === "zip";
  if (type === "snippets") return file.mimetype.startsWith("text/");
  return file.filetype === type;
}
