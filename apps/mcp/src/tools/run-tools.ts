import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { completeTenantTask, getTenantRun, listTenantTasks, runSop } from '@sopflow/service';
import { processContext, type McpContext } from '../mcp-context.js';
import { toolResult } from '../tool-result.js';

const Task = z.looseObject({
  id: z.string(), runId: z.string(), stepId: z.string(), kind: z.string(), role: z.string().nullable(), title: z.string(), status: z.string(),
});
const Step = z.looseObject({ id: z.string(), state: z.enum(['todo', 'now', 'done', 'blocked']) });

/** `run_sop`, `get_run`, `list_tasks`, `complete_task`: running SOPs and deciding their people's steps. */
export function registerRunTools(server: McpServer, ctx: McpContext): void {
  server.registerTool('run_sop', {
    title: 'Run an SOP',
    description: "Starts a run of an active SOP's current version as the caller. Returns the run id, its status and the run's open tasks (steps waiting for a person or a review). Needs the runs.start permission.",
    inputSchema: {
      id: z.string().describe('the SOP id, sop_…'),
      inputs: z.record(z.string(), z.unknown()).optional().describe("the run's inputs, as the SOP declares them"),
    },
    outputSchema: { runId: z.string(), status: z.string(), tasks: z.array(Task) },
    annotations: { readOnlyHint: false, destructiveHint: false },
  }, async ({ id, inputs }) => toolResult(async () => {
    const pc = processContext(ctx);
    const started = await runSop(pc, id, { ...(inputs === undefined ? {} : { inputs }), ...(ctx.inlineRuns ? { inline: true } : {}) });
    const run = await getTenantRun(pc, started.runId);
    const tasks = (await listTenantTasks(pc)).filter((t) => t.runId === started.runId);
    return { runId: started.runId, status: run.status, tasks };
  }));

  server.registerTool('get_run', {
    title: 'Get a run',
    description: "One run: its status (running, waiting, completed, failed, cancelled), each step's live state (todo, now, done, blocked), its open tasks and what it waits for. The run's full record is the resource sopflow://runs/{id}.osoplog.",
    inputSchema: { id: z.string().describe('the run id, r-…') },
    outputSchema: { run: z.looseObject({ runId: z.string(), status: z.string(), steps: z.array(Step), tasks: z.array(z.looseObject({})) }) },
    annotations: { readOnlyHint: true },
  }, async ({ id }) => toolResult(async () => ({ run: await getTenantRun(processContext(ctx), id) })));

  server.registerTool('list_tasks', {
    title: 'List tasks',
    description: "The tenant's tasks (open by default): steps waiting for a person's decision or a review of an agent's proposal, with the role that may complete each.",
    inputSchema: {
      status: z.enum(['open', 'completed', 'cancelled', 'all']).optional().describe('default open'),
      runId: z.string().optional().describe('only the tasks of this run'),
    },
    outputSchema: { tasks: z.array(Task) },
    annotations: { readOnlyHint: true },
  }, async ({ status, runId }) => toolResult(async () => {
    const tasks = await listTenantTasks(processContext(ctx), status === undefined ? {} : { status });
    return { tasks: runId === undefined ? tasks : tasks.filter((t) => t.runId === runId) };
  }));

  server.registerTool('complete_task', {
    title: 'Complete a task',
    description: "Records the caller's decision on a task: done or not_done for work, approved or denied for approvals and reviews (default done or approved), with data for the step's form. The caller must hold the task's role (and the step's auth level), like anyone else; nothing is recorded otherwise.",
    inputSchema: {
      id: z.string().describe('the task id'),
      decision: z.enum(['done', 'not_done', 'approved', 'denied']).optional(),
      data: z.record(z.string(), z.unknown()).optional().describe("values for the step's form"),
      reason: z.string().optional().describe('why (expected with not_done and denied)'),
    },
    outputSchema: { task: Task, run: z.object({ id: z.string(), status: z.string() }) },
    annotations: { readOnlyHint: false, destructiveHint: false },
  }, async ({ id, decision, data, reason }) => toolResult(async () => ({
    ...await completeTenantTask(processContext(ctx), id, {
      ...(decision === undefined ? {} : { decision }), ...(data === undefined ? {} : { data }), ...(reason === undefined ? {} : { reason }),
    }),
  })));
}
