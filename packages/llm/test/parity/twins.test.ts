// The §8.9 parity matrix against the digital twins (@darkfactory/twins): our adapters talk to the
// OpenAI, Anthropic and Gemini twins started in-process, which answer from one twin script
// (twins/parity-script.yaml) and inject the 429 with their fault rules. Like the scripted backend,
// the twins expose what they received (their journal), so every row checks the wire too. Every
// row runs: the tool loop quotes its random keys through the script's regular-expression captures.
import { describeParityMatrix } from "./parity-matrix.js";
import { twinColumn } from "./twins/twin-target.js";

describeParityMatrix("twins", () => ({
  openai: twinColumn("openai"),
  anthropic: twinColumn("anthropic"),
  gemini: twinColumn("gemini"),
}));
