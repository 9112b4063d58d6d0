// attractor-pi-dev ships golden scenarios next to its pipelines: a workflow, an optional seed
// (extra CLI arguments, files such as a checkpoint to resume from) and the expected run. We run
// each through `factory run --simulate` and compare what the spec defines: exit code, outcome,
// completed nodes, current node, node statuses and the spec's context keys.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { corpusDir, haveCorpus } from "./corpus.js";

const REPO = "siarhei-belavus__attractor-pi-dev";
const PREFIX = "packages__attractor-cli__tests__golden__";

/** Scenarios that depend on attractor-pi-dev's own test harness rather than on the spec. */
const NOT_APPLICABLE: Record<string, string> = {
  "waiting-human-gate":
    "its seed makes attractor-pi-dev's interviewer pause and persist the question (`wait_once` test config), a feature of that CLI",
  "manager-loop-max-cycles":
    "its seed attaches a scripted supervisor through attractor-pi-dev's test config; the pipeline has no child DOT file",
};

/** Context keys the spec defines; the goldens also record keys specific to attractor-pi-dev. */
const SPEC_KEYS = ["outcome", "last_stage", "human.gate.label", "human.gate.selected", "parallel.fan_in.best_outcome"];

interface Golden {
  cli: { exitCode: number; stderr: string[] };
  run: {
    outcome: { status: string; failureReason: string };
    currentNode: string;
    completedNodes: string[];
    keyContext: Record<string, unknown>;
    artifacts: {
      nodeStatus: Record<
        string,
        { status: string; preferredLabel?: string; failureReason?: string; suggestedNextIds?: string[] }
      >;
    };
  };
}

interface Seed {
  cliArgs?: string[];
  files?: Record<string, unknown>;
  env?: Record<string, string>;
  testConfig?: unknown;
}

if (!haveCorpus)
  console.warn(`golden scenarios skipped: ${corpusDir} not found (../shared is not beside this checkout)`);

const scenarios = haveCorpus
  ? readdirSync(join(corpusDir, REPO))
      .filter((f) => f.startsWith(`${PREFIX}expected__`))
      .map((f) => f.slice(`${PREFIX}expected__`.length, -".json".length))
  : [];

describe.skipIf(!haveCorpus)("attractor-pi-dev golden scenarios", () => {
  const roots: string[] = [];
  afterAll(() => {
    for (const r of roots) rmSync(r, { recursive: true, force: true });
  });

  it("every scenario is either compared or explained", () => {
    expect(scenarios.length).toBeGreaterThanOrEqual(12);
    expect(Object.keys(NOT_APPLICABLE).every((s) => scenarios.includes(s))).toBe(true);
  });

  for (const name of scenarios) {
    it.skipIf(name in NOT_APPLICABLE)(
      name,
      async () => {
        const golden = JSON.parse(
          readFileSync(join(corpusDir, REPO, `${PREFIX}expected__${name}.json`), "utf8"),
        ) as Golden;
        const seedPath = join(corpusDir, REPO, `${PREFIX}seed__${name}.json`);
        const seed: Seed = existsSync(seedPath) ? JSON.parse(readFileSync(seedPath, "utf8")) : {};
        const root = mkdtempSync(join(tmpdir(), `golden-${name}-`));
        roots.push(root);
        // The workflows folder as the scenario sees it (child pipelines are named relative to the repo root).
        const workflows = join(root, "packages/attractor-cli/tests/golden/workflows");
        mkdirSync(workflows, { recursive: true });
        for (const f of readdirSync(join(corpusDir, REPO)).filter((f) => f.startsWith(`${PREFIX}workflows__`))) {
          writeFileSync(
            join(workflows, f.slice(`${PREFIX}workflows__`.length)),
            readFileSync(join(corpusDir, REPO, f)),
          );
        }
        for (const [file, content] of Object.entries(seed.files ?? {})) {
          const target = join(root, file);
          mkdirSync(dirname(target), { recursive: true });
          writeFileSync(target, typeof content === "string" ? content : JSON.stringify(content, null, 2));
        }
        const args = (seed.cliArgs ?? []).map((a) => a.replaceAll("<TMP_ROOT>", root));
        const resumeAt = args.indexOf("--resume-from");
        if (resumeAt >= 0) args[resumeAt] = "--resume";
        const logs = resumeAt >= 0 ? args[resumeAt + 1] : join(root, "logs");
        const result = await runCli(
          ["run", join(workflows, `${name}.dot`), "--simulate", ...(resumeAt >= 0 ? [] : ["--logs", logs]), ...args],
          { cwd: root, env: { ...process.env, ...seed.env } },
        );

        const checkpoint = JSON.parse(readFileSync(join(logs, "checkpoint.json"), "utf8")) as {
          status: string;
          failure_reason?: string;
          current_node: string;
          completed_nodes: string[];
          context: Record<string, unknown>;
          node_outcomes: Record<
            string,
            {
              outcome: string;
              status?: string;
              preferred_label?: string;
              failure_reason?: string;
              suggested_next_ids?: string[];
            }
          >;
        };
        const expected = golden.run;
        expect(result.code).toBe(golden.cli.exitCode);
        expect(checkpoint.status).toBe(expected.outcome.status);
        if (expected.outcome.failureReason) expect(checkpoint.failure_reason).toContain(expected.outcome.failureReason);
        expect(checkpoint.current_node).toBe(expected.currentNode);
        expect(checkpoint.completed_nodes).toEqual(expected.completedNodes);
        for (const key of SPEC_KEYS.filter((k) => k in expected.keyContext)) {
          expect({ key, value: checkpoint.context[key] }).toEqual({ key, value: expected.keyContext[key] });
        }
        for (const [node, status] of Object.entries(expected.artifacts.nodeStatus)) {
          const ours = checkpoint.node_outcomes[node];
          expect({ node, status: ours?.status ?? ours?.outcome }).toEqual({ node, status: status.status });
          if (status.preferredLabel) expect(ours.preferred_label).toBe(status.preferredLabel);
          if (status.failureReason) expect(ours.failure_reason).toContain(status.failureReason);
          if (status.suggestedNextIds) expect(ours.suggested_next_ids).toEqual(status.suggestedNextIds);
        }
        // The golden's warnings are printed as `[WARN] [rule] ...`; ours as `file:line:col warning rule ...`.
        for (const line of golden.cli.stderr.filter((l) => l.startsWith("[WARN]"))) {
          const rule = /\[WARN\] \[([a-z_]+)\]/.exec(line)?.[1];
          expect(result.stderr).toContain(`warning ${rule}`);
        }
      },
      30_000,
    );
  }
});
