/**
 * The file endpoints of the twin: the upload URL of `files.getUploadURLExternal` (raw bytes or
 * multipart form data, answered `OK - <bytes>` as Slack's file servers do), and the `url_private`
 * download URLs of file objects.
 * @module
 */
import type { FastifyInstance, FastifyPluginAsync } from "fastify";
import type { SlackRuntime } from "../slack-runtime.js";
import { MAX_UPLOAD_BYTES, receiveUpload } from "../state/files.js";

/**
 * The file of a `multipart/form-data` body: the first part with a file name, else the first part.
 * @returns undefined when the body has no part.
 */
export function multipartFile(body: Buffer, boundary: string): Buffer | undefined {
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: Buffer[] = [];
  let start = body.indexOf(delimiter);
  while (start >= 0) {
    const next = body.indexOf(delimiter, start + delimiter.length);
    if (next < 0) break;
    parts.push(body.subarray(start + delimiter.length, next));
    start = next;
  }
  const parsed = parts.flatMap((part) => {
    const split = part.indexOf("\r\n\r\n");
    if (split < 0) return [];
    const head = part.subarray(0, split).toString("utf8");
    let content = part.subarray(split + 4);
    if (content.subarray(-2).toString() === "\r\n") content = content.subarray(0, -2);
    return [{ hasFile: /filename="/i.test(head), content }];
  });
  return (parsed.find((p) => p.hasFile) ?? parsed[0])?.content;
}

/** The upload and download routes of `runtime`'s twin, as a plugin with its own body parsing. */
export function fileRoutes(runtime: SlackRuntime): FastifyPluginAsync {
  return async (app: FastifyInstance) => {
    app.removeAllContentTypeParsers();
    app.addContentTypeParser("*", { parseAs: "buffer", bodyLimit: MAX_UPLOAD_BYTES }, (_request, body, done) =>
      done(null, body),
    );

    app.post<{ Params: { fileId: string } }>("/upload/v1/:fileId", async (request, reply) => {
      const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(request.headers["content-type"] ?? "");
      const data = boundary ? (multipartFile(raw, boundary[1] ?? boundary[2]) ?? Buffer.alloc(0)) : raw;
      if (!receiveUpload(runtime.state, request.params.fileId, data)) {
        return reply.code(404).type("text/plain").send("Not Found");
      }
      return reply.type("text/plain").send(`OK - ${data.length}`);
    });

    app.get<{ Params: { fileId: string; "*": string } }>("/files-pri/:fileId/*", async (request, reply) => {
      const file = runtime.state.files.get(request.params.fileId);
      const content = runtime.state.fileContents.get(request.params.fileId);
      if (!file || !content) return reply.code(404).type("text/plain").send("Not Found");
      if (request.params["*"].startsWith("download/")) {
        reply.header("content-disposition", `attachment; filename="${encodeURIComponent(file.name)}"`);
      }
      return reply.type(file.mimetype).send(content);
    });
  };
}
