import pg from 'pg';
import type { ChangeVersions } from '@sopflow/engine';
import { changeVersionChannel, CREDENTIALS_VERSION_KEY, libraryVersionKey } from '../schema/change-versions.js';

/** ChangeVersions kept in memory from the schema's NOTIFYs, and the LISTEN connection to end. */
export interface PostgresChangeVersions extends ChangeVersions {
  close(): Promise<void>;
}

const MAX_RECONNECT_WAIT_MS = 5000;

/**
 * Versions without a round trip: one dedicated connection (opened on the first read, kept alive with
 * TCP keep-alive, reopened with backoff when lost) LISTENs on the schema's channel, and every bump's
 * NOTIFY — sent by PostgreSQL when the bumping transaction commits — moves the key's count. While the
 * connection is not listening (before the first LISTEN, after a loss) every read is undefined: no cache
 * then, never a stale one. Each (re)connect moves every version, since bumps made meanwhile were missed.
 */
export function createPostgresChangeVersions(clientConfig: pg.ClientConfig, schema: string): PostgresChangeVersions {
  const channel = changeVersionChannel(schema);
  const counts = new Map<string, number>();
  let base = 0;
  let listening = false;
  let closed = false;
  let failures = 0;
  let client: pg.Client | undefined;
  let retry: NodeJS.Timeout | undefined;

  function connect(): void {
    if (closed || client !== undefined || retry !== undefined) return;
    const current = new pg.Client({ ...clientConfig, keepAlive: true });
    client = current;
    const lost = (): void => {
      if (client !== current) return;
      client = undefined;
      listening = false;
      current.end().catch(() => undefined);
      if (closed) return;
      retry = setTimeout(() => { retry = undefined; connect(); }, Math.min(100 * 2 ** Math.min(failures, 6), MAX_RECONNECT_WAIT_MS));
      retry.unref();
      failures += 1;
    };
    current.on('error', lost);
    current.on('end', lost);
    current.on('notification', (message) => {
      if (message.channel !== channel) return;
      const key = message.payload ?? '';
      counts.set(key, (counts.get(key) ?? 0) + 1);
    });
    current.connect().then(() => current.query(`LISTEN "${channel}"`)).then(() => {
      if (client !== current) return;
      failures = 0;
      base += 1;
      listening = true;
    }, lost);
  }

  function version(key: string): number | undefined {
    if (!listening) {
      connect();
      return undefined;
    }
    return base + (counts.get(key) ?? 0);
  }

  return {
    credentials: () => version(CREDENTIALS_VERSION_KEY),
    library: (tenantId) => version(libraryVersionKey(tenantId)),
    async close() {
      closed = true;
      listening = false;
      clearTimeout(retry);
      const current = client;
      client = undefined;
      await current?.end().catch(() => undefined);
    },
  };
}
