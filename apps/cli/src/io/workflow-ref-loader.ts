import { dirname, resolve } from 'node:path';
import { loadWorkflow, type Workflow } from '@sopflow/format';
import { readTextFile } from '@sopflow/service/read-text-file';

/**
 * Resolves `workflow_ref` values to workflows on disk, relative to the referring file.
 * Caches by absolute path; a file that cannot be read or parsed resolves to undefined.
 */
export function createWorkflowRefLoader(rootFile: string): (ref: string, from: Workflow) => Workflow | undefined {
  const byPath = new Map<string, Workflow | undefined>();
  const fileOf = new Map<Workflow, string>();
  return (ref, from) => {
    const base = fileOf.get(from) ?? rootFile;
    const path = resolve(dirname(base), ref);
    if (!byPath.has(path)) {
      const source = readTextFile(path);
      const loaded = source.text === undefined ? undefined : loadWorkflow(source.text, path).workflow;
      byPath.set(path, loaded);
      if (loaded) fileOf.set(loaded, path);
    }
    return byPath.get(path);
  };
}
