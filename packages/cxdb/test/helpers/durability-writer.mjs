// Child process of test/store/durability.test.ts: appends to a store (synchronous FULL) as fast as it
// can and prints "ack <context> <turn> <depth> <hash>" after each acknowledged append, until killed.
import { openStore } from "../../dist/index.js";

const file = process.argv[2];
const store = await openStore(file, { synchronous: "FULL" });
const contexts = [];
for (let i = 0; i < 4; i++) contexts.push(store.createContext().contextId);
process.stdout.write(`ready ${contexts.join(",")}\n`);

let n = 0;
for (;;) {
  n++;
  const contextId = contexts[n % contexts.length];
  const text = `turn ${n} `.repeat(1 + (n % 700));
  const items = Array.from({ length: n % 7 === 0 ? 5 : 1 }, (_, k) => ({
    typeId: "test.Durable",
    typeVersion: 1,
    payload: new Map([
      [1, n],
      [2, k],
      [3, text],
    ]),
    idempotencyKey: `${n}-${k}`,
  }));
  const results = items.length === 1 ? [store.append(contextId, items[0])] : store.appendBatch(contextId, items);
  process.stdout.write(results.map((r) => `ack ${r.contextId} ${r.turnId} ${r.depth} ${r.contentHash}\n`).join(""));
  if (n % 50 === 0) {
    const forked = store.fork(results[0].turnId).contextId;
    contexts.push(forked);
    process.stdout.write(`fork ${forked} ${results[0].turnId}\n`);
  }
}
