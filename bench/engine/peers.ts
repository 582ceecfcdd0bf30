import { Engine as BpmnEngine } from 'bpmn-engine';
import { createActor, createMachine, fromPromise, toPromise } from 'xstate';

/** bpmn-engine (in memory, not durable): a process of `steps` service tasks in a row; resolves when it ends. */
export function createBpmnRunner(steps: number): () => Promise<void> {
  const tasks = Array.from({ length: steps }, (_, i) => `<serviceTask id="s${i}" implementation="\${environment.services.step}" />`).join('');
  const flows = ['start', ...Array.from({ length: steps }, (_, i) => `s${i}`), 'end']
    .slice(0, -1).map((from, i, all) => `<sequenceFlow id="f${i}" sourceRef="${from}" targetRef="${i + 1 < all.length ? all[i + 1] : 'end'}" />`).join('');
  const source = `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="http://bpmn.io/schema/bpmn">
  <process id="p" isExecutable="true"><startEvent id="start" />${tasks}<endEvent id="end" />${flows}</process>
</definitions>`;
  return () => new Promise<void>((resolve, reject) => {
    const engine = new BpmnEngine({ name: 'bench', source, services: { step: (_ctx: unknown, next: (err: unknown, out?: unknown) => void) => next(null, { ok: true }) } });
    engine.once('end', () => resolve());
    engine.once('error', reject);
    void engine.execute();
  });
}

/** XState 5 (in memory): a machine of `steps` states, each invoking one promise; resolves when it is done. */
export function createXstateRunner(steps: number): () => Promise<void> {
  const states: Record<string, object> = {};
  for (let i = 0; i < steps; i++) {
    states[`s${i}`] = { invoke: { src: 'step', onDone: { target: i + 1 < steps ? `s${i + 1}` : 'done' } } };
  }
  states.done = { type: 'final' };
  const machine = createMachine({ id: 'bench', initial: 's0', states }).provide({ actors: { step: fromPromise(async () => ({ ok: true })) } });
  return async () => {
    const actor = createActor(machine);
    actor.start();
    await toPromise(actor);
  };
}
