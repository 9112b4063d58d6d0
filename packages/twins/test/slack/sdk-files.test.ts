// files.* through the official WebClient: uploadV2 (getUploadURLExternal, the upload URL on the
// twin, completeUploadExternal), info, list, delete, and the private download URL.
import type { WebClient } from "@slack/web-api";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { RunningTwin } from "../../src/index.js";
import { BOT_TOKEN, channelIdOf, resetTwin, seedClients, slackErrorOf, startSlackTwin } from "./helpers.js";

let twin: RunningTwin;
let bot: WebClient;
let alice: WebClient;
let bob: WebClient;
let general: string;
beforeAll(async () => {
  twin = await startSlackTwin();
  ({ bot, alice, bob } = seedClients(twin));
});
afterAll(() => twin.close());
beforeEach(async () => {
  await resetTwin(twin);
  general = await channelIdOf(bot, "general");
});

type Uploaded = { files: { id: string; name: string; size: number; url_private: string }[] }[];

describe("files.uploadV2", () => {
  it("uploads through the twin's upload URL and shares the file in a message", async () => {
    const result = await bot.filesUploadV2({
      channel_id: general,
      content: "hello from a file",
      filename: "notes.txt",
      title: "Notes",
      initial_comment: "see attached",
    });
    const [file] = (result.files as Uploaded)[0].files;
    expect(file).toMatchObject({ name: "notes.txt", size: 17 });
    const info = await alice.files.info({ file: file.id });
    expect(info.file).toMatchObject({
      id: file.id,
      name: "notes.txt",
      title: "Notes",
      mimetype: "text/plain",
      filetype: "text",
      channels: [general],
    });
    const [message] = (await alice.conversations.history({ channel: general })).messages ?? [];
    expect(message).toMatchObject({ text: "see attached", files: [{ id: file.id }], upload: true });
    const download = await fetch(file.url_private, { headers: { authorization: `Bearer ${BOT_TOKEN}` } });
    expect(await download.text()).toBe("hello from a file");
    expect(download.headers.get("content-type")).toMatch(/^text\/plain/);
  });

  it("uploads several files (binary too) in one message, in a thread", async () => {
    const root = await bot.chat.postMessage({ channel: general, text: "thread" });
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 3]);
    const result = await bot.filesUploadV2({
      channel_id: general,
      thread_ts: root.ts,
      file_uploads: [
        { file: png, filename: "pixel.png" },
        { content: "a,b\n1,2\n", filename: "data.csv" },
      ],
    });
    const files = (result.files as Uploaded)[0].files;
    expect(files.map((f) => f.name)).toEqual(["pixel.png", "data.csv"]);
    const bytes = Buffer.from(await (await fetch(files[0].url_private)).arrayBuffer());
    expect(bytes.equals(png)).toBe(true);
    const replies = await alice.conversations.replies({ channel: general, ts: root.ts ?? "" });
    expect(replies.messages?.[1].files?.map((f) => f.filetype)).toEqual(["png", "csv"]);
  });

  it("refuses a completion of bytes never uploaded, and an upload URL that is gone", async () => {
    const begun = await bot.files.getUploadURLExternal({ filename: "x.txt", length: 3 });
    expect(begun.upload_url).toBe(`${twin.url}/upload/v1/${begun.file_id}`);
    expect(await slackErrorOf(bot.files.completeUploadExternal({ files: [{ id: begun.file_id ?? "" }] }))).toBe(
      "file_not_found",
    );
    expect((await fetch(`${twin.url}/upload/v1/F404`, { method: "POST", body: "abc" })).status).toBe(404);
  });
});

describe("files.info, list and delete", () => {
  async function upload(client: WebClient, name: string, channel?: string): Promise<string> {
    const result = await client.filesUploadV2({
      content: name,
      filename: name,
      ...(channel ? { channel_id: channel } : {}),
    });
    return (result.files as Uploaded)[0].files[0].id;
  }

  it("lists what the caller may see, filtered and paged", async () => {
    const shared = await upload(alice, "shared.txt", general);
    const own = await upload(alice, "own.png");
    await upload(bob, "bobs.txt");
    const ids = async (client: WebClient, args: Record<string, unknown>) =>
      ((await client.files.list(args)).files ?? []).map((f) => f.id).sort();
    expect(await ids(alice, {})).toEqual([shared, own].sort());
    expect(await ids(alice, { types: "images" })).toEqual([own]);
    expect(await ids(alice, { channel: general })).toEqual([shared]);
    const paged = await alice.files.list({ count: 1, page: 2 });
    expect(paged.paging).toMatchObject({ count: 1, total: 2, page: 2, pages: 2 });
    expect(await slackErrorOf(bob.files.info({ file: own }))).toBe("file_not_found");
    expect((await bob.files.info({ file: shared })).file?.id).toBe(shared);
  });

  it("deletes a file (owner or admin) and takes it off its message", async () => {
    const id = await upload(bob, "gone.txt", general);
    expect(await slackErrorOf(bot.files.delete({ file: id }))).toBe("cant_delete_file");
    await alice.files.delete({ file: id });
    expect(await slackErrorOf(bob.files.info({ file: id }))).toBe("file_not_found");
    const [message] = (await bob.conversations.history({ channel: general })).messages ?? [];
    expect(message.files ?? []).toEqual([]);
  });
});
