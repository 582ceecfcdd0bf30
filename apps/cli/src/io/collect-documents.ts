import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const DOCUMENT = /\.(osop|osoplog|sop)(\.ya?ml|\.json)?$/i;

/** True when a file name is an OSOP document by its extension. */
export function isDocumentName(name: string): boolean {
  return DOCUMENT.test(name);
}

export interface CollectedDocuments {
  files: string[];
  /** Arguments that do not exist. */
  missing: string[];
}

/**
 * Expands arguments into document paths: files as given (whatever their extension), directories
 * walked recursively for `.osop`/`.osoplog`/`.sop` files (other files are ignored). Sorted per argument.
 */
export function collectDocuments(args: readonly string[]): CollectedDocuments {
  const files: string[] = [];
  const missing: string[] = [];
  for (const arg of args) {
    let isDir: boolean;
    try {
      isDir = statSync(arg).isDirectory();
    } catch {
      missing.push(arg);
      continue;
    }
    if (isDir) walk(arg, files);
    else files.push(arg);
  }
  return { files, missing };
}

function walk(dir: string, out: string[]): void {
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path, out);
    else if (entry.isFile() && isDocumentName(entry.name)) out.push(path);
  }
}
