import type { StepExecutor } from '../../ports/step-executor.js';

/** `system` nodes with `runtime.action: noop` (and gateways): complete at once with their inputs as output. */
export function createNoopExecutor(): StepExecutor {
  return {
    handles: ['noop'],
    async execute(request) {
      return { status: 'completed', output: { ...request.input } };
    },
  };
}
