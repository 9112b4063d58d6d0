// The Slack twin's web UI in real Chromium (playwright-core with the system's chromium): the page
// loads under its CSP, a person posts, replies in a thread, reacts, runs a slash command, clicks a
// message's button and fills in the modal the app opens, what an app posts appears live, unread
// counts follow, and app text stays text. Saves test-output/slack-ui.png and slack-ui-modal.png.
import { existsSync, mkdirSync } from "node:fs";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningTwin, type SlackSeed, slackState } from "../../../src/index.js";
import { type AppReceiver, type Received, startAppReceiver } from "../events/app-receiver.js";
import { ALICE_TOKEN, BOT_TOKEN, slackClient, startSlackTwin } from "../helpers.js";

const CHROMIUM = "/usr/bin/chromium";
const SCREENSHOT_DIR = new URL("../../../../../test-output/", import.meta.url);
const hasChromium = existsSync(CHROMIUM);

const SEED: SlackSeed = {
  team: { name: "Acme Robotics" },
  users: [
    { name: "alice", realName: "Alice Martin", token: ALICE_TOKEN, admin: true },
    { name: "bob", realName: "Bob Nakamura", token: "xoxp-ui-bob" },
    { name: "carol", realName: "Carol Diaz" },
  ],
  apps: [{ name: "Deploy Bot", botName: "deploybot", botToken: BOT_TOKEN, signingSecret: "ui-secret" }],
  channels: [
    { name: "general", general: true, topic: "Company-wide announcements" },
    { name: "random", members: ["alice", "bob", "deploybot"] },
    { name: "design", members: ["bob", "carol"] },
  ],
  messages: [
    { channel: "general", user: "bob", text: "Morning all! Standup in 10 :coffee:" },
    { channel: "general", user: "carol", text: "The *new* dashboard is live: <https://example.com|have a look>" },
  ],
};

describe.skipIf(!hasChromium)(`web UI in Chromium${hasChromium ? "" : ` (skipped: no ${CHROMIUM})`}`, () => {
  let twin: RunningTwin;
  let browser: Browser;
  let page: Page;
  let receiver: AppReceiver;
  const problems: string[] = [];
  const ids = { general: "", random: "", alice: "", bot: "" };

  beforeAll(async () => {
    receiver = await startAppReceiver();
    twin = await startSlackTwin({ slack: { seed: SEED } });
    const state = slackState(twin.kit);
    ids.general = state.channelByName("general")!.id;
    ids.random = state.channelByName("random")!.id;
    ids.alice = state.findUser("alice")!.id;
    ids.bot = state.findUser("deploybot")!.id;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
    });
    page = await browser.newPage({ viewport: { width: 1280, height: 760 } });
    page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
    page.on("console", (message) => {
      if (message.type() === "error") problems.push(`console: ${message.text()}`);
    });
  });
  afterAll(async () => {
    await browser?.close();
    await twin?.close();
    await receiver?.close();
  });

  const bot = () => slackClient(twin, BOT_TOKEN);
  const messages = () => page.locator("#messages > li");

  it("loads under a strict CSP, with channels, DMs and the first person", async () => {
    const response = await page.goto(`${twin.url}/`);
    expect(response?.status()).toBe(200);
    expect(response?.headers()["content-security-policy"]).toContain("script-src 'self'");
    await expect.poll(() => page.locator("#channel-title").textContent()).toBe("# general");
    expect(await page.locator("#team-name").textContent()).toBe("Acme Robotics");
    expect(await page.locator("#viewer").inputValue()).toBe("alice");
    expect(await page.locator("#channels .label").allTextContents()).toEqual(["design", "general", "random"]);
    expect(await page.locator("#dms .label").allTextContents()).toContain("Deploy Bot");
    expect(await messages().count()).toBe(2);
    expect(await page.locator("#messages a").getAttribute("href")).toBe("https://example.com");
    await expect.poll(() => page.locator("#live").textContent()).toBe("live");
  });

  it("posts as the person, and the message is in the Web API's history", async () => {
    await page.locator("#composer-text").fill("Hello from the browser");
    await page.locator("#composer-text").press("Enter");
    await expect.poll(() => messages().last().locator(".text").textContent()).toBe("Hello from the browser");
    const history = await bot().conversations.history({ channel: ids.general, limit: 1 });
    expect(history.messages?.[0]).toMatchObject({ user: ids.alice, text: "Hello from the browser" });
  });

  it("shows what an app posts live, as text", async () => {
    await bot().chat.postMessage({ channel: ids.general, text: "Deployed *v2.3.1* to production <script>x</script>" });
    const last = messages().last();
    await expect.poll(() => last.locator(".author").textContent()).toBe("Deploy Bot");
    expect(await last.locator(".app-badge").textContent()).toBe("APP");
    expect(await last.locator(".text strong").textContent()).toBe("v2.3.1");
    expect(await last.locator(".text").textContent()).toContain("<script>x</script>");
    expect(await page.locator("#messages script").count()).toBe(0);
  });

  it("counts unread messages in other channels, and clears them when opened", async () => {
    await bot().chat.postMessage({ channel: ids.random, text: "Build #42 passed :white_check_mark:" });
    const random = page.locator(`#channels button[data-id="${ids.random}"]`);
    await expect.poll(() => random.locator(".badge").textContent()).toBe("1");
    await random.click();
    await expect.poll(() => page.locator("#channel-title").textContent()).toBe("# random");
    await expect.poll(() => messages().last().locator(".text").textContent()).toBe("Build #42 passed ✅");
    await expect.poll(() => random.locator(".badge").count()).toBe(0);
    await page.locator(`#channels button[data-id="${ids.general}"]`).click();
    await expect.poll(() => page.locator("#channel-title").textContent()).toBe("# general");
  });

  it("replies in a thread", async () => {
    const root = messages().filter({ hasText: "Deployed" });
    await root.hover();
    await root.getByRole("button", { name: "Reply in thread" }).click();
    await expect.poll(() => page.locator("#thread").isVisible()).toBe(true);
    await page.locator("#thread-text").fill("Nice, checking the dashboards");
    await page.locator("#thread-text").press("Enter");
    await expect.poll(() => page.locator("#thread-messages > li").count()).toBe(2);
    await expect.poll(() => root.locator(".replies").textContent()).toBe("1 reply");
    const ts = await root.getAttribute("data-ts");
    const replies = await bot().conversations.replies({ channel: ids.general, ts: ts! });
    expect(replies.messages?.[1]).toMatchObject({ user: ids.alice, text: "Nice, checking the dashboards" });
    // The app answers in the thread: it appears live in the open thread.
    await bot().chat.postMessage({ channel: ids.general, thread_ts: ts!, text: "Rollback plan is ready" });
    await expect.poll(() => page.locator("#thread-messages > li").count()).toBe(3);
  });

  it("reacts, and takes the reaction back", async () => {
    const root = messages().filter({ hasText: "Deployed" });
    await root.hover();
    await root.getByRole("button", { name: "React with tada" }).click();
    const pill = root.locator('.reaction[data-name="tada"]');
    await expect.poll(() => pill.locator(".count").textContent()).toBe("1");
    expect(await pill.getAttribute("class")).toContain("mine");
    const ts = (await root.getAttribute("data-ts"))!;
    const got = await bot().reactions.get({ channel: ids.general, timestamp: ts });
    expect(got.message?.reactions).toEqual([{ name: "tada", users: [ids.alice], count: 1 }]);
    // Someone else's reaction shows up live next to it.
    await slackClient(twin, "xoxp-ui-bob").reactions.add({ channel: ids.general, timestamp: ts, name: "rocket" });
    await expect.poll(() => root.locator(".reaction").count()).toBe(2);

    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await page.mouse.move(130, 600);
    await page.screenshot({ path: new URL("slack-ui.png", SCREENSHOT_DIR).pathname });

    await pill.click();
    await expect.poll(() => pill.count()).toBe(0);
  });

  it("opens a DM with the app, which hears app_home_opened", async () => {
    const set = await fetch(`${twin.url}/_twin/slack/apps/Deploy%20Bot/request-url`, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ url: receiver.url }),
    });
    expect(set.status).toBe(200);
    await page.locator("#dms button", { hasText: "Deploy Bot" }).click();
    await expect.poll(() => page.locator("#channel-title").textContent()).toBe("Deploy Bot");
    const opened = await receiver.waitFor((r) => r.body.event?.type === "app_home_opened");
    expect(opened.body.event).toMatchObject({ user: ids.alice, tab: "messages", channel: expect.stringMatching(/^D/) });
  });

  it("runs a slash command and shows the app's answer to the person only", async () => {
    receiver.answer = (r) =>
      r.body.command === "/deploy" ? { body: JSON.stringify({ text: `Deploying ${r.body.text}…` }) } : {};
    await page.locator(`#channels button[data-id="${ids.general}"]`).click();
    await page.locator("#composer-text").fill("/deploy v2.4.0");
    await page.locator("#composer-text").press("Enter");
    const command = await receiver.waitFor((r) => r.body.command === "/deploy");
    expect(command.body).toMatchObject({ text: "v2.4.0", user_id: ids.alice, channel_id: ids.general });
    const ephemeral = page.locator("#messages > li.ephemeral");
    await expect.poll(() => ephemeral.locator(".text").textContent()).toBe("Deploying v2.4.0…");
    expect(await ephemeral.locator(".only-you").textContent()).toBe("Only visible to you");
  });

  it("clicks a message's button, and fills in the modal the app opens", async () => {
    const payloadOf = (r: Received) => JSON.parse(String(r.body.payload ?? "{}"));
    receiver.answer = (r) => {
      const payload = payloadOf(r);
      if (payload.type !== "view_submission") return {};
      const name = payload.view.state.values.release.name.value ?? "";
      const errors = { release: "Give the release a name of 3 characters or more" };
      return name.length >= 3 ? {} : { body: JSON.stringify({ response_action: "errors", errors }) };
    };
    const posted = await bot().chat.postMessage({
      channel: ids.general,
      text: "Release v2.4.0?",
      blocks: [
        { type: "section", text: { type: "mrkdwn", text: "Release *v2.4.0* to production?" } },
        {
          type: "actions",
          elements: [
            { type: "button", action_id: "ship", style: "primary", text: { type: "plain_text", text: "Ship it" } },
            { type: "button", action_id: "hold", style: "danger", text: { type: "plain_text", text: "Hold" } },
          ],
        },
      ],
    });
    const row = page.locator(`#messages > li[data-ts="${posted.ts}"]`);
    await expect.poll(() => row.locator(".block-text strong").textContent()).toBe("v2.4.0");
    await row.getByRole("button", { name: "Ship it" }).click();
    const click = payloadOf(await receiver.waitFor((r) => payloadOf(r).type === "block_actions"));
    expect(click).toMatchObject({ user: { id: ids.alice }, actions: [{ action_id: "ship", type: "button" }] });
    expect(click.container).toMatchObject({ message_ts: posted.ts, channel_id: ids.general });

    await bot().views.open({
      trigger_id: click.trigger_id,
      view: {
        type: "modal",
        callback_id: "release",
        title: { type: "plain_text", text: "Release notes" },
        submit: { type: "plain_text", text: "Ship" },
        close: { type: "plain_text", text: "Cancel" },
        blocks: [
          {
            type: "input",
            block_id: "release",
            label: { type: "plain_text", text: "Release name" },
            element: { type: "plain_text_input", action_id: "name" },
          },
        ],
      },
    });
    const dialog = page.getByRole("dialog", { name: "Release notes" });
    await expect.poll(() => dialog.isVisible()).toBe(true);
    await dialog.getByRole("textbox").fill("v2");
    await dialog.getByRole("button", { name: "Ship" }).click();
    await expect
      .poll(() => dialog.locator(".block-error").textContent())
      .toBe("Give the release a name of 3 characters or more");
    await page.screenshot({ path: new URL("slack-ui-modal.png", SCREENSHOT_DIR).pathname });
    expect(await dialog.getByRole("textbox").inputValue()).toBe("v2");

    await dialog.getByRole("textbox").fill("Spring release");
    await dialog.getByRole("button", { name: "Ship" }).click();
    await expect.poll(() => dialog.count()).toBe(0);
    const submitted = await receiver.waitFor(
      (r) => payloadOf(r).view?.state?.values?.release?.name?.value === "Spring release",
    );
    expect(payloadOf(submitted)).toMatchObject({ type: "view_submission", view: { callback_id: "release" } });

    // The app answers through the response_url: the message is replaced, live.
    const replaced = await fetch(click.response_url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ replace_original: true, text: "Shipped *v2.4.0* :rocket:" }),
    });
    expect(replaced.status).toBe(200);
    await expect.poll(() => row.locator(".text").textContent()).toBe("Shipped v2.4.0 🚀 (edited)");
    expect(await row.getByRole("button").filter({ hasText: "Ship it" }).count()).toBe(0);
  });

  it("joins a public channel the person is not in", async () => {
    const design = page.locator(`#channels button[data-id="${slackState(twin.kit).channelByName("design")!.id}"]`);
    expect(await design.getAttribute("class")).toContain("muted");
    await design.click();
    await expect.poll(() => page.locator("#join").isVisible()).toBe(true);
    expect(await page.locator("#composer").isVisible()).toBe(false);
    await page.locator("#join-button").click();
    await expect.poll(() => page.locator("#composer").isVisible()).toBe(true);
    await expect.poll(() => messages().last().textContent()).toBe("Alice Martin has joined the channel");
  });

  it("acts as another person", async () => {
    await page.locator("#viewer").selectOption("bob");
    await expect
      .poll(() => page.locator("#channels .label").allTextContents())
      .toEqual(["design", "general", "random"]);
    await page.locator(`#channels button[data-id="${ids.general}"]`).click();
    await page.locator("#composer-text").fill("Bob here");
    await page.locator("#composer-text").press("Enter");
    await expect.poll(() => messages().last().locator(".author").textContent()).toBe("Bob Nakamura");
    expect(problems).toEqual([]);
  });
});
