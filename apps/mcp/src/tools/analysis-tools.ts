import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { validateSource, type Workflow } from '@sopflow/format';
import { debriefRuns, diffRuns, diffWorkflows, getRunLog, getSopDocument, getTenantRun, listSopRuns, ServiceError, type ProcessContext, type RecordSource } from '@sopflow/service';
import { processContext, type McpContext } from '../mcp-context.js';
import { toolResult } from '../tool-result.js';

const Side = z.object({
  sopId: z.string().optional().describe("an SOP of the tenant: its current version"),
  osop: z.string().optional().describe('.osop text'),
  runId: z.string().optional().describe('a run of the tenant'),
}).describe('exactly one of sopId, osop or runId');

type SideInput = z.infer<typeof Side>;

/** `diff`, `debrief`: comparing processes or runs, and what the SOP's runs say about it. */
export function registerAnalysisTools(server: McpServer, ctx: McpContext): void {
  server.registerTool('diff', {
    title: 'Compare two processes or two runs',
    description: 'Two processes (each an SOP id or .osop text): steps, edges and fields added, removed and changed. Or two runs (run ids): step by step, what each did. Both sides must be of the same kind.',
    inputSchema: { a: Side, b: Side },
    outputSchema: { kind: z.enum(['processes', 'runs']), diff: z.looseObject({}) },
    annotations: { readOnlyHint: true },
  }, async ({ a, b }) => toolResult(async () => {
    const pc = processContext(ctx);
    const [left, right] = [sideKind(a, 'a'), sideKind(b, 'b')];
    if (left !== right) throw new ServiceError('invalid_request', `a is a ${left} and b is a ${right}: compare two processes or two runs`, { field: 'b' });
    if (left === 'run') {
      const diff = await diffRuns({}, await runSource(pc, a.runId!), await runSource(pc, b.runId!));
      return { kind: 'runs', diff: { ...diff } };
    }
    const diff = await diffWorkflows(await workflowOf(pc, a, 'a'), await workflowOf(pc, b, 'b'));
    return { kind: 'processes', diff: { ...diff } };
  }));

  server.registerTool('debrief', {
    title: 'Debrief an SOP',
    description: "The SOP's finished runs against its current version: adherence per step and per run, deviations classified (OUTCOME, ESCALATION, EDGE_CASE, ORG_NUANCE, POTENTIAL_ERROR), outcome correlations and update candidates awaiting a person's approval. Changes nothing.",
    inputSchema: {
      id: z.string().describe('the SOP id, sop_…'),
      since: z.string().optional().describe('ISO date or time: leave out runs that started before it'),
      until: z.string().optional().describe('ISO date or time: leave out runs that started at or after it'),
    },
    outputSchema: { report: z.looseObject({ workflowId: z.string(), runs: z.number(), adherence: z.looseObject({ runRate: z.number() }) }) },
    annotations: { readOnlyHint: true },
  }, async ({ id, since, until }) => toolResult(async () => {
    const pc = processContext(ctx);
    const workflow = await workflowOf(pc, { sopId: id }, 'id');
    const runs = await listSopRuns(pc, id, { finished: true, limit: 200 });
    if (runs.length === 0) throw new ServiceError('empty', `SOP ${id} has no finished runs yet`, { sopId: id });
    const sources: RecordSource[] = [];
    for (const run of runs.reverse()) sources.push({ kind: 'text', name: `${run.runId}.osoplog`, text: await getRunLog(pc, run.runId, 'json') });
    const { report } = await debriefRuns({}, { workflow, sources, ...(since === undefined ? {} : { since }), ...(until === undefined ? {} : { until }) });
    return { report: { ...report } };
  }));
}

function sideKind(side: SideInput, field: string): 'process' | 'run' {
  const given = [side.sopId, side.osop, side.runId].filter((v) => v !== undefined).length;
  if (given !== 1) throw new ServiceError('invalid_request', `${field}: give exactly one of sopId, osop or runId`, { field });
  return side.runId === undefined ? 'process' : 'run';
}

async function workflowOf(pc: ProcessContext, side: SideInput, field: string): Promise<Workflow> {
  const text = side.osop ?? (await getSopDocument(pc, side.sopId!)).text;
  const report = validateSource(text, 'workflow.osop');
  if (report.workflow === undefined || report.kind !== 'workflow') {
    const diagnostics = report.diagnostics.filter((d) => d.severity === 'error').map((d) => ({ code: d.code, message: d.message, line: d.line, column: d.column }));
    throw new ServiceError('invalid_document', `${field}: not a valid workflow${diagnostics[0] === undefined ? '' : ` (line ${diagnostics[0].line}, column ${diagnostics[0].column}: ${diagnostics[0].message})`}`, { field, diagnostics });
  }
  return report.workflow;
}

async function runSource(pc: ProcessContext, runId: string): Promise<RecordSource> {
  await getTenantRun(pc, runId);
  return { kind: 'text', name: `${runId}.osoplog`, text: await getRunLog(pc, runId, 'json') };
}
