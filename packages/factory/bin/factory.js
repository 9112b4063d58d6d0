#!/usr/bin/env node
// The `factory` command. The CLI itself is TypeScript, compiled to ../dist by `tsc -b`
// (the repository's `prepare` script runs it on `npm ci`).
import { main } from "../dist/cli.js";

process.exitCode = await main(process.argv);
