import { Environment } from '@marcbachmann/cel-js';

const ARITHMETIC: Record<string, (a: number, b: number) => number> = {
  '+': (a, b) => a + b,
  '-': (a, b) => a - b,
  '*': (a, b) => a * b,
  '/': (a, b) => a / b,
};

/**
 * A CEL environment with sopflow's extensions: mixed `int`/`double` arithmetic (result `double`),
 * heterogeneous list/map literals. Pure; callers register variables on it or on a clone.
 */
export function createCelEnvironment(options: { unlistedVariablesAreDyn?: boolean } = {}): Environment {
  const env = new Environment({
    unlistedVariablesAreDyn: options.unlistedVariablesAreDyn ?? false,
    homogeneousAggregateLiterals: false,
    limits: { maxAstNodes: 10_000, maxDepth: 100, maxListElements: 1_000, maxMapEntries: 1_000, maxCallArguments: 32 },
  });
  for (const [op, apply] of Object.entries(ARITHMETIC)) {
    env.registerOperator(`int ${op} double: double`, (a: bigint, b: number) => apply(Number(a), b));
    env.registerOperator(`double ${op} int: double`, (a: number, b: bigint) => apply(a, Number(b)));
  }
  return env;
}
