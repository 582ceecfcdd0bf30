import { existsSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { CliError, ExitCode } from '../io/exit-code.js';
import { engineCall } from '../engine/open-engine.js';
import { terminalText } from '../output/terminal-text.js';
import { printJson } from '../output/print-json.js';

interface DiscoverOptions { json?: boolean; pull?: string; output?: string; force?: boolean }

/**
 * `sopflow discover URL [--json] [--pull NAME [-o FILE]]`: reads a site's `.sop` collection
 * (`/.well-known/sop`, then `/.sop`), validates it and lists its operations; `--pull` saves one
 * validated `.osop`. A thin adapter over the service's discoverSite / pullOperation.
 */
export function registerDiscoverCommand(program: Command): void {
  program
    .command('discover')
    .description("read a site's .sop collection (/.well-known/sop, then /.sop) and list what it offers: steps, who does what, approvals")
    .argument('<url>', 'the site (https://example.com) or its .sop URL')
    .option('--json', 'print the collection and its operations as JSON')
    .option('--pull <name>', "save one operation's .osop (by title, workflow id or ref) after validating it")
    .option('-o, --output <file>', 'where --pull saves it (default: <workflow id>.osop here)')
    .option('--force', 'let --pull overwrite an existing file')
    .action(async (url: string, opts: DiscoverOptions) => {
      const { discoverSite, pullOperation } = await import('@sopflow/service');
      if (opts.output !== undefined && opts.pull === undefined) throw new CliError('-o/--output goes with --pull NAME', ExitCode.usage);
      if (opts.pull !== undefined) {
        const pulled = await engineCall(() => pullOperation(url, opts.pull!));
        const file = resolve(opts.output ?? pulled.fileName);
        if (existsSync(file) && opts.force !== true) throw new CliError(`${file} exists; give -o FILE or --force`, ExitCode.failed);
        writeFileSync(file, pulled.text);
        if (opts.json === true) printJson({ name: pulled.name, url: pulled.url, file, bytes: Buffer.byteLength(pulled.text) });
        else process.stdout.write(`${terminalText(`saved "${pulled.name}" from ${pulled.url} to ${file}`)}\n`);
        return;
      }
      const site = await engineCall(() => discoverSite(url));
      if (opts.json === true) {
        printJson(site, 2);
        return;
      }
      const lines = [`${site.collection.name} — ${site.operations.length} operation${site.operations.length === 1 ? '' : 's'} (${site.collectionUrl})`];
      if (site.collection.description !== null) lines.push(site.collection.description);
      for (const op of site.operations) {
        lines.push('', `■ ${op.name}${op.workflowId === null ? '' : ` (${op.workflowId})`} — ${op.section}`);
        if (op.description !== null) lines.push(`  ${op.description}`);
        lines.push(`  ${op.url}`);
        if (!op.valid) {
          lines.push(`  ✗ not usable: ${op.problems.map((p) => `${p.line === undefined ? '' : `${p.line}:${p.column} `}${p.message} (${p.code})`).join('; ')}`);
          continue;
        }
        lines.push(`  Who does what: ${op.whoDoesWhat.map((w) => `${w.role} ${w.steps.length} step${w.steps.length === 1 ? '' : 's'}`).join(', ')}`);
        lines.push(`  Approvals: ${op.approvals.length === 0 ? 'none' : op.approvals.map((a) => `"${a.step}"${a.approverRole === null ? '' : ` by ${a.approverRole}`}`).join(', ')}`);
        // The outline opens with the name and description already printed above.
        const outline = op.outline.trimEnd().split('\n').slice(1).filter((l) => l !== op.description);
        lines.push(...outline.map((l) => (l === '' ? '' : `  ${l}`)));
      }
      process.stdout.write(`${terminalText(lines.join('\n'))}\n`);
    });
}
