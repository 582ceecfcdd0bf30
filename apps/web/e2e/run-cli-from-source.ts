// Runs the CLI from its TypeScript sources (SOPFLOW_E2E_FROM_SOURCE=1): for working on the web app
// while other packages' builds are in flux. CI runs the built binary.
import { runCli } from '../../cli/src/main.js';

process.exitCode = await runCli(process.argv.slice(2));
