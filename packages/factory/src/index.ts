/**
 * darkfactory: the `factory` command line, usable in-process (`main`) and its building blocks.
 * @module
 */

export type { AgentBackendOptions } from "./agent/codergen-backend.js";
export { AgentCodergenBackend } from "./agent/codergen-backend.js";
export type { AgentProvider, AgentProviders } from "./agent/providers.js";
export { agentProvidersFromEnv } from "./agent/providers.js";
export { CliError, ExitCode, type ReportOptions, reportError, withExitCode } from "./cli/errors.js";
export { readTextFile, systemReason, writeFileAtomic } from "./cli/files.js";
export type { CliIo } from "./cli/io.js";
export { processIo, writeText } from "./cli/io.js";
export type { GlobalOptions } from "./cli.js";
export { createProgram, main } from "./cli.js";
export type { AgentCommandOptions } from "./commands/agent.js";
export { agentCommand, registerAgentCommand } from "./commands/agent.js";
export type { GraphCommandOptions } from "./commands/graph.js";
export { graphCommand, registerGraphCommand } from "./commands/graph.js";
export type { RunCommandOptions } from "./commands/run.js";
export { registerRunCommand, runCommand } from "./commands/run.js";
export type { ValidateCommandOptions } from "./commands/validate.js";
export { registerValidateCommand, validateCommand } from "./commands/validate.js";
export type { TtyInterviewerOptions } from "./interviewer/tty-interviewer.js";
export { TtyInterviewer } from "./interviewer/tty-interviewer.js";
export type { RenderRunStatus } from "./render/svg.js";
export { CURRENT_NODE_COLOR, DEFAULT_FILL, renderDot, renderSvg, STATUS_FILL } from "./render/svg.js";
export type { NodeRunStatus, RunStatusReport } from "./run-status.js";
export { readRunStatus } from "./run-status.js";
