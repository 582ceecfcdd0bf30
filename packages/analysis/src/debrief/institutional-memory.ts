/** One organisation-specific pattern kept across debriefs. */
export interface MemoryEntry {
  pattern: string;
  /** The team that shows it, when it is one team's habit. */
  team?: string;
  description: string;
  rule: string;
  runs: number;
  firstSeen?: string;
  lastSeen?: string;
  debriefs: number;
}

export interface InstitutionalMemory {
  workflowId: string;
  entries: MemoryEntry[];
}

/**
 * Pure; merges the organisation-specific patterns of one debrief into the memory: counts add up,
 * first/last seen widen, a new pattern is appended. Returns a new memory; the old one is unchanged.
 */
export function mergeInstitutionalMemory(memory: InstitutionalMemory | undefined, workflowId: string, found: readonly Omit<MemoryEntry, 'debriefs'>[]): InstitutionalMemory {
  const entries = new Map((memory?.entries ?? []).map((e) => [`${e.pattern}\u0000${e.team ?? ''}`, { ...e }]));
  for (const f of found) {
    const key = `${f.pattern}\u0000${f.team ?? ''}`;
    const old = entries.get(key);
    if (old === undefined) {
      entries.set(key, { ...f, debriefs: 1 });
      continue;
    }
    old.runs += f.runs;
    old.debriefs += 1;
    old.description = f.description;
    if (f.firstSeen !== undefined && (old.firstSeen === undefined || f.firstSeen < old.firstSeen)) old.firstSeen = f.firstSeen;
    if (f.lastSeen !== undefined && (old.lastSeen === undefined || f.lastSeen > old.lastSeen)) old.lastSeen = f.lastSeen;
  }
  return { workflowId: memory?.workflowId ?? workflowId, entries: [...entries.values()] };
}
