import { createHmac } from 'node:crypto';
import type { ChainScheme } from './hash-event.js';

/** What a run head MAC covers: enough to tell a rewritten head, a cut tail or an edited status without reading events. */
export interface RunHead {
  runId: string;
  version: number;
  lastHash: string;
  status: string;
  workflowHash: string;
  scheme: ChainScheme;
}

/** Pure; HMAC-SHA256 under the audit key over the run's id, version, last hash, status, workflow hash and chain scheme. */
export function headMac(secret: Buffer, head: RunHead): string {
  return createHmac('sha256', secret)
    .update(`run-head\n${head.runId}\n${head.version}\n${head.lastHash}\n${head.status}\n${head.workflowHash}\n${head.scheme}`)
    .digest('hex');
}
