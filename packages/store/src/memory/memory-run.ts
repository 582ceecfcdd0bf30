import type { RunSummary, StoredEvent } from '@sopflow/engine';
import type { ChainScheme } from '../audit/hash-event.js';

/** One run as the memory store keeps it: the summary, the events with their stored JSON, and the chain head. */
export interface MemoryRun {
  summary: RunSummary;
  events: StoredEvent[];
  dataJson: string[];
  lastHash: string;
  scheme: ChainScheme;
  headMac?: string;
}
