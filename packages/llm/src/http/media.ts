/**
 * Image/audio/document inputs: local file paths read and base64-encoded (unified-llm-spec §3.5).
 * @module
 */
import { readFile } from "node:fs/promises";
import { homedir } from "node:os";
import { extname } from "node:path";
import { ConfigurationError } from "../errors/client-errors.js";

const MIME_BY_EXTENSION: Record<string, string> = {
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".gif": "image/gif",
  ".webp": "image/webp",
  ".heic": "image/heic",
  ".heif": "image/heif",
  ".pdf": "application/pdf",
  ".txt": "text/plain",
  ".md": "text/markdown",
  ".wav": "audio/wav",
  ".mp3": "audio/mp3",
  ".ogg": "audio/ogg",
  ".flac": "audio/flac",
};

/** True when `url` names a local file (starts with `/`, `./`, `../` or `~`), §3.5. */
export function isLocalPath(url: string): boolean {
  return url.startsWith("/") || url.startsWith("./") || url.startsWith("../") || url.startsWith("~");
}

/** The MIME type for a file name's extension, or undefined. */
export function mimeFromPath(path: string): string | undefined {
  return MIME_BY_EXTENSION[extname(path).toLowerCase()];
}

/** Media resolved to inline bytes or a remote URL. */
export type ResolvedMedia =
  | { kind: "url"; url: string; mediaType?: string }
  | { kind: "data"; base64: string; mediaType: string };

/**
 * Resolves media data for a provider: bytes are base64-encoded, a local path is read and
 * encoded (§3.5), a URL (including `data:` URIs) is passed through.
 * @param fallbackMediaType used for bytes without a type (`image/png` for images).
 * @throws ConfigurationError when a local file cannot be read or neither url nor data is set.
 */
export async function resolveMedia(
  media: { url?: string; data?: Uint8Array; mediaType?: string },
  fallbackMediaType: string,
): Promise<ResolvedMedia> {
  if (media.data) {
    return {
      kind: "data",
      base64: Buffer.from(media.data).toString("base64"),
      mediaType: media.mediaType ?? fallbackMediaType,
    };
  }
  if (!media.url) throw new ConfigurationError({ message: "media needs a url or data" });
  if (media.url.startsWith("data:")) {
    const m = /^data:([^;,]+)?(;base64)?,(.*)$/s.exec(media.url);
    if (m?.[2]) return { kind: "data", base64: m[3], mediaType: m[1] ?? media.mediaType ?? fallbackMediaType };
    return { kind: "url", url: media.url, ...(media.mediaType ? { mediaType: media.mediaType } : {}) };
  }
  if (isLocalPath(media.url)) {
    const path = media.url.startsWith("~") ? homedir() + media.url.slice(1) : media.url;
    let bytes: Buffer;
    try {
      bytes = await readFile(path);
    } catch (cause) {
      throw new ConfigurationError({
        message: `cannot read media file ${media.url}: ${(cause as Error).message}`,
        cause,
      });
    }
    return {
      kind: "data",
      base64: bytes.toString("base64"),
      mediaType: media.mediaType ?? mimeFromPath(path) ?? fallbackMediaType,
    };
  }
  return { kind: "url", url: media.url, ...(media.mediaType ? { mediaType: media.mediaType } : {}) };
}
