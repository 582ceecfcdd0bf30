import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A 127.0.0.1 port that was just listened on and closed again, so connecting to it is refused. */
export async function closedPort(): Promise<number> {
  const closed = createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const port = (closed.address() as AddressInfo).port;
  await new Promise((resolve) => closed.close(resolve));
  return port;
}
