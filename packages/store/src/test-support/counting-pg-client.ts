import pg from 'pg';

/**
 * A `pg.Client` class for a store's pool that records each statement it sends (its name when it is a
 * named statement, else its text) into `sent`, in order; tests count reads and round trips with it.
 */
export function countingClient(sent: string[]): typeof pg.Client {
  return class CountingClient extends pg.Client {
    override query(...args: unknown[]): never {
      const first = args[0] as string | { name?: string; text: string };
      sent.push(typeof first === 'string' ? first : first.name ?? first.text);
      return (super.query as (...a: unknown[]) => never)(...args);
    }
  };
}
