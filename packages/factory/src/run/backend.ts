/**
 * The one place where `factory run` chooses how codergen stages run: with an LLM backend, or
 * simulated (attractor-spec §4.5).
 * @module
 */
import type { CodergenBackend } from "@darkfactory/attractor";

/** How codergen stages will run, and the notice that says so (the first line of a run's output). */
export interface BackendChoice {
  /** The backend to hand the engine; `undefined` means simulation. */
  backend: CodergenBackend | undefined;
  simulated: boolean;
  /** One line starting with `simulation:` when simulated, e.g. `simulation: --simulate`. */
  notice: string;
}

/** Options of {@link chooseBackend}. */
export interface ChooseBackendOptions {
  /** `--simulate`: simulate even when a backend could be configured. */
  simulate: boolean;
  /** Environment the backend would read its configuration and API keys from. */
  env: Readonly<Record<string, string | undefined>>;
}

/**
 * Chooses the codergen backend. There is no LLM backend yet, so every run is simulated; the
 * backend (factory -> agent -> llm, configured from `env`) is to be built here and nowhere else.
 * Never throws.
 */
export function chooseBackend(options: ChooseBackendOptions): BackendChoice {
  if (options.simulate) {
    return { backend: undefined, simulated: true, notice: "simulation: --simulate — codergen stages are simulated" };
  }
  return {
    backend: undefined,
    simulated: true,
    notice: "simulation: no LLM backend configured — codergen stages are simulated",
  };
}
