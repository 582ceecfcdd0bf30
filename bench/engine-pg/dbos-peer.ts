import { DBOS } from '@dbos-inc/dbos-sdk';

/**
 * DBOS Transact on the same PostgreSQL server (its system tables in their own schema): a workflow of
 * `steps` trivial steps, `runs` times, serially and with `concurrent` workflows at once. Each step is
 * a `DBOS.runStep` (one checkpoint row per step, as sopflow records one decision per step). DBOS keeps
 * one process-wide instance, so both rounds share one launch.
 */
export async function dbosPeer(url: string, schema: string, runs: number, steps: number, concurrent: number): Promise<{ serial: number; parallel: number }> {
  DBOS.setConfig({ name: 'sopflow-bench', systemDatabaseUrl: url, systemDatabaseSchemaName: schema, logLevel: 'error' });
  const tenSteps = DBOS.registerWorkflow(async (i: number) => {
    let sum = i;
    for (let s = 0; s < steps; s++) sum = await DBOS.runStep(async () => sum + 1, { name: `s${s}` });
    return sum;
  }, { name: 'bench' });
  await DBOS.launch();
  try {
    const round = async (width: number): Promise<number> => {
      const started = performance.now();
      let next = 0;
      await Promise.all(Array.from({ length: width }, async () => {
        while (next < runs) await tenSteps(next++);
      }));
      return (runs * steps) / ((performance.now() - started) / 1000);
    };
    const serial = await round(1);
    const parallel = await round(concurrent);
    return { serial, parallel };
  } finally {
    await DBOS.shutdown();
  }
}
