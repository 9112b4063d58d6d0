// The §8.9 cross-provider parity matrix (unified-llm-spec §8.9) as one describe factory run against
// interchangeable backends (STYLE.md pattern 12): every row × provider is one named test,
// "§8.9 <row> [<provider>]". A backend is a ParitySetup (parity-types.ts): scripted.test.ts,
// live.test.ts and twins.test.ts (the digital twins).
import { afterAll, beforeAll, describe, it } from "vitest";
import {
  PARITY_PROVIDERS,
  PARITY_ROWS,
  type ParityProvider,
  type ParityRowId,
  type ParitySetup,
  type ParityTarget,
} from "./parity-types.js";
import { callRecorder, type ParityRow } from "./rows/context.js";
import { errorRows } from "./rows/error-rows.js";
import { outputRows } from "./rows/output-rows.js";
import { textRows } from "./rows/text-rows.js";
import { toolRows } from "./rows/tool-rows.js";
import { usageRows } from "./rows/usage-rows.js";

export type { ParityProbe, ParityProviderSetup, ParitySetup, ParityTarget } from "./parity-types.js";

const ROWS = new Map<ParityRowId, ParityRow>(
  [...textRows, ...toolRows, ...outputRows, ...errorRows, ...usageRows].map((row) => [row.id, row]),
);

/**
 * Cells that fail because of an adapter bug, run as `fails` tests (they pass while the bug is
 * there, and fail once it is fixed, so the entry gets removed). Keyed `<row>:<provider>`.
 */
export const KNOWN_ADAPTER_BUGS: Partial<Record<`${ParityRowId}:${ParityProvider}`, string>> = {};

/** The §8.9 test name of a cell. */
export function parityTestName(row: ParityRowId, provider: ParityProvider): string {
  return `§8.9 ${ROWS.get(row)?.title ?? row} [${provider}]`;
}

/**
 * Declares the §8.9 matrix for one backend: a describe per provider (skipped with the backend's
 * reason, e.g. a missing API key) holding one test per row (skipped with a reason when the backend
 * cannot run it, e.g. a 429 on a live API). Each provider's target is started once, before its
 * first row, and closed after its last; the matrix adds a middleware to the target's client that
 * records the unified requests of each row.
 */
export function describeParityMatrix(backendName: string, setup: ParitySetup): void {
  const providers = setup();
  describe(`§8.9 cross-provider parity matrix (${backendName})`, () => {
    for (const provider of PARITY_PROVIDERS) {
      const entry = providers[provider];
      const title = entry.skip === undefined ? provider : `${provider} (skipped: ${entry.skip})`;
      describe.skipIf(entry.skip !== undefined)(title, () => {
        let target: ParityTarget | undefined;
        const recorder = callRecorder();
        beforeAll(async () => {
          target = await entry.start();
          target.client.use(recorder.middleware);
        }, entry.timeoutMs);
        afterAll(async () => {
          await target?.close?.();
        });
        for (const id of PARITY_ROWS) {
          const row = ROWS.get(id);
          if (!row) throw new Error(`no test for row ${id}`);
          const skip = entry.skipRows?.[id];
          const name = parityTestName(id, provider) + (skip === undefined ? "" : ` (skipped: ${skip})`);
          const options = { fails: KNOWN_ADAPTER_BUGS[`${id}:${provider}`] !== undefined, timeout: entry.timeoutMs };
          it.skipIf(skip !== undefined)(name, options, async () => {
            if (!target) throw new Error(`the ${provider} target of ${backendName} did not start`);
            recorder.reset();
            const probe = target.begin?.(id);
            await row.run({
              provider,
              target,
              model: target.model,
              client: target.client,
              calls: recorder.calls(),
              probe,
            });
          });
        }
      });
    }
  });
}
