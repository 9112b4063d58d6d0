/**
 * Child process of the twins suite: serves one OpenAI-compatible mock on a free loopback port,
 * answering every model request with the text argv[3], and runs until it is killed.
 * argv[2] is `twin` (the @darkfactory/twins OpenAI twin, a one-rule script) or `aimock`
 * (@copilotkit/aimock's LLMock, a catch-all fixture, text streamed in `argv[4]`-character chunks).
 * Sends `{ url }` (the SDK base URL) over IPC once listening, and answers each `"cpu"` message with
 * its `process.cpuUsage()`.
 * @module
 */
const [kind, text, chunkSize] = process.argv.slice(2);

let baseUrl;
if (kind === "twin") {
  const { startTwin } = await import("@darkfactory/twins");
  const script = JSON.stringify({ rules: [{ match: {}, reply: { text } }] });
  const twin = await startTwin("openai", { port: 0, host: "127.0.0.1", script });
  baseUrl = twin.sdkBaseUrl;
} else if (kind === "aimock") {
  const { LLMock } = await import("@copilotkit/aimock");
  const mock = new LLMock({ port: 0, host: "127.0.0.1", chunkSize: Number(chunkSize) });
  mock.onMessage(/.*/, { content: text });
  await mock.start();
  baseUrl = `${mock.url}/v1`;
} else {
  throw new Error(`unknown mock '${kind}': twin or aimock`);
}

process.on("message", (message) => {
  if (message === "cpu") process.send({ cpu: process.cpuUsage() });
});
process.send({ url: baseUrl });
