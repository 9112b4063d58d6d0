// The twin web UI in a real Chromium (Debian's /usr/bin/chromium through playwright-core): the
// journal appears live as the SDK makes requests, and an entry expands to its request and
// response. Leaves a screenshot in test-output/ for a person to look at.
import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { type Browser, chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningTwin } from "../../../src/index.js";
import { loadScriptInto } from "../../helpers/admin.js";
import { sdkClient, startOpenAITwin, WEATHER_TOOL } from "../../helpers/twins.js";

const CHROMIUM = "/usr/bin/chromium";
const hasChromium = existsSync(CHROMIUM);
const OUT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../test-output");

if (!hasChromium) {
  // Say why the suite is skipped (vitest lists it as skipped).
  process.stderr.write(`twin UI browser test skipped: ${CHROMIUM} not found (apt-get install -y chromium)\n`);
}

describe.skipIf(!hasChromium)("twin web UI in Chromium", () => {
  let twin: RunningTwin;
  let browser: Browser;
  beforeAll(async () => {
    twin = await startOpenAITwin();
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
    });
  });
  afterAll(async () => {
    await browser?.close();
    await twin?.close();
  });

  it("shows requests live, newest first, and expands one to its request and response", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${twin.url}/_twin/ui`);
    await page.locator("#status.live").waitFor();
    await expect.poll(() => page.locator("#empty").isVisible()).toBe(true);

    const client = sdkClient(twin);
    await client.responses.create({ model: "gpt-4.1", input: "Hello from the browser test" });
    await page.locator("li.entry").first().waitFor();
    await loadScriptInto(
      twin,
      "rules:\n  - reply: { toolCalls: [{ name: get_weather, arguments: { city: Paris } }] }\n",
    );
    await client.responses.create({ model: "gpt-5-mini", input: "weather?", tools: [WEATHER_TOOL] });
    await client.chat.completions
      .create({ model: "gpt-4o", messages: [{ role: "user", content: "chat too" }] })
      .catch(() => undefined);
    await sdkClient(twin, { apiKey: "sk with space" })
      .models.list()
      .catch(() => undefined);

    const rows = page.locator("li.entry");
    await expect.poll(() => rows.count()).toBe(4);
    const paths = await page.locator("li.entry .path").allTextContents();
    expect(paths).toEqual(["/v1/models", "/v1/chat/completions", "/v1/responses", "/v1/responses"]);
    expect(await page.locator("li.entry .badge").allTextContents()).toEqual(["401", "200", "200", "200"]);
    expect(await page.locator("#count").textContent()).toBe("4 requests");

    const oldest = rows.last();
    await oldest.locator("summary").click();
    const requestBody = oldest.locator(".request pre").nth(1);
    await expect.poll(() => requestBody.isVisible()).toBe(true);
    expect(await requestBody.textContent()).toContain('"input": "Hello from the browser test"');
    expect(await oldest.locator(".request pre").first().textContent()).toContain("authorization: Bearer [redacted]");
    expect(await oldest.locator(".response pre").nth(2).textContent()).toContain("Echo: Hello from the browser test");

    mkdirSync(OUT, { recursive: true });
    await page.screenshot({ path: path.join(OUT, "twin-ui.png"), fullPage: true });

    await page.locator("#filter").fill("chat");
    await expect.poll(() => page.locator("li.entry:visible").count()).toBe(1);
  });
});
