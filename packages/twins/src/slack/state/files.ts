/**
 * File operations of the Slack twin's state: the external upload flow (begin, receive the bytes,
 * complete and share), and deletion.
 * @throws SlackApiError in Slack's words (`file_not_found`, `cant_delete_file`, ...) throughout.
 * @module
 */
import { extname } from "node:path";
import { invalidArguments, slackError } from "../errors.js";
import { checkPostable, postMessage } from "./messages.js";
import type { SlackState } from "./slack-state.js";
import type { Author, ChannelRecord, FileRecord } from "./types.js";

/** Largest upload the twin accepts, in bytes (Slack: 1 GB). */
export const MAX_UPLOAD_BYTES = 64 * 1024 * 1024;

const TYPES: Record<string, [mimetype: string, filetype: string]> = {
  ".txt": ["text/plain", "text"],
  ".md": ["text/markdown", "markdown"],
  ".csv": ["text/csv", "csv"],
  ".json": ["application/json", "json"],
  ".html": ["text/html", "html"],
  ".js": ["text/javascript", "javascript"],
  ".ts": ["text/plain", "typescript"],
  ".py": ["text/x-python", "python"],
  ".png": ["image/png", "png"],
  ".jpg": ["image/jpeg", "jpg"],
  ".jpeg": ["image/jpeg", "jpg"],
  ".gif": ["image/gif", "gif"],
  ".svg": ["image/svg+xml", "svg"],
  ".pdf": ["application/pdf", "pdf"],
  ".zip": ["application/zip", "zip"],
};

/**
 * Begins an upload (`files.getUploadURLExternal`): a file id whose bytes are posted next.
 * @throws SlackApiError `invalid_arguments` for a length of 0 or over the limit.
 */
export function beginUpload(
  state: SlackState,
  input: { filename: string; length: number; userId: string; altTxt?: string },
): string {
  if (!Number.isInteger(input.length) || input.length < 1 || input.length > MAX_UPLOAD_BYTES) {
    throw invalidArguments(`invalid length: ${input.length} (1 to ${MAX_UPLOAD_BYTES} bytes)`);
  }
  const fileId = state.mintId("F");
  state.uploads.set(fileId, { fileId, ...input });
  return fileId;
}

/**
 * Takes the bytes of a begun upload (the upload URL).
 * @returns false for an unknown or completed upload.
 */
export function receiveUpload(state: SlackState, fileId: string, data: Buffer): boolean {
  const upload = state.uploads.get(fileId);
  if (!upload) return false;
  upload.data = data;
  return true;
}

/** Input of {@link completeUploads}. */
export interface CompleteUploadsInput {
  files: { id: string; title?: string }[];
  author: Author;
  /** Share to this conversation, in a message carrying the files. */
  channel?: ChannelRecord;
  initialComment?: string;
  threadTs?: string;
  blocks?: unknown[];
}

/**
 * Completes uploads (`files.completeUploadExternal`): stores each file (emits `file_created`) and,
 * with a channel, posts one message sharing them (emits `file_shared` per file).
 * @throws SlackApiError `file_not_found` (unknown id, another user's upload, or bytes never
 *   posted), `is_archived`.
 */
export function completeUploads(state: SlackState, input: CompleteUploadsInput): FileRecord[] {
  const uploads = input.files.map(({ id }) => {
    const upload = state.uploads.get(id);
    if (!upload || upload.userId !== input.author.userId || upload.data === undefined) {
      throw slackError("file_not_found");
    }
    return upload;
  });
  if (input.channel?.isArchived) throw slackError("is_archived");
  const files = uploads.map((upload, i) => {
    const [mimetype, filetype] = TYPES[extname(upload.filename).toLowerCase()] ?? [
      "application/octet-stream",
      "binary",
    ];
    const data = upload.data ?? Buffer.alloc(0);
    const file: FileRecord = {
      id: upload.fileId,
      name: upload.filename,
      title: input.files[i].title ?? upload.filename,
      mimetype,
      filetype,
      size: data.length,
      user: input.author.userId,
      created: state.nowSeconds(),
      shares: [],
      ...(upload.altTxt ? { altTxt: upload.altTxt } : {}),
    };
    state.uploads.delete(upload.fileId);
    state.files.set(file.id, file);
    state.fileContents.set(file.id, data);
    state.touch("file", file.id);
    state.touch("content", file.id);
    state.events.emit({ type: "file_created", file });
    return file;
  });
  if (input.channel) shareFiles(state, input.channel, files, input);
  return files;
}

function shareFiles(state: SlackState, channel: ChannelRecord, files: FileRecord[], input: CompleteUploadsInput): void {
  const content = { text: input.initialComment ?? "", files: files.map((f) => f.id), blocks: input.blocks };
  checkPostable(channel, content);
  const message = postMessage(state, {
    channel,
    author: input.author,
    ...content,
    ...(input.threadTs !== undefined ? { threadTs: input.threadTs } : {}),
  });
  for (const file of files) {
    file.shares.push({ channel: channel.id, ts: message.ts });
    state.touch("file", file.id);
    state.events.emit({ type: "file_shared", file, channel, user: input.author.userId });
  }
}

/** The file `id`. @throws SlackApiError `file_not_found`. */
export function findFile(state: SlackState, id: string): FileRecord {
  const file = state.files.get(id);
  if (!file) throw slackError("file_not_found");
  return file;
}

/**
 * Deletes a file (owner or admin) and takes it off the messages that shared it; emits
 * `file_deleted`.
 * @throws SlackApiError `file_not_found`, `cant_delete_file`.
 */
export function deleteFile(state: SlackState, id: string, actor: { userId: string; isAdmin?: boolean }): void {
  const file = findFile(state, id);
  if (file.user !== actor.userId && !actor.isAdmin) throw slackError("cant_delete_file");
  for (const share of file.shares) {
    const message = state.message(share.channel, share.ts);
    if (message?.files) {
      message.files = message.files.filter((f) => f !== id);
      state.touchMessage(message);
    }
  }
  state.files.delete(id);
  state.fileContents.delete(id);
  state.touch("file", id);
  state.touch("content", id);
  state.events.emit({ type: "file_deleted", file });
}
