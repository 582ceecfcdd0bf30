/** Step roles of the large SOP, by lane: every fourth step is a system step ("No role"). */
export const LARGE_SOP_ROLES = ['ops', 'finance', 'legal'] as const;

/** The role of step `i` of the large SOP, or null for a system step. */
export function largeSopRole(i: number): string | null {
  return i % 4 === 3 ? null : LARGE_SOP_ROLES[i % 3]!;
}

/**
 * An .osop of `steps` steps in a row across three roles and system steps, every seventh step with a
 * fallback path four steps ahead: a layout ELK takes a while over (the editor's worst case in the issue).
 */
export function largeSop(steps: number, name = 'Large process'): string {
  const nodes = Array.from({ length: steps }, (_, i) => {
    const role = largeSopRole(i);
    return role === null
      ? `  - { id: s${i}, type: system, name: "Step ${i + 1}", runtime: { action: noop } }`
      : `  - { id: s${i}, type: human, name: "Step ${i + 1}", role: ${role} }`;
  });
  const edges = Array.from({ length: steps - 1 }, (_, i) => `  - { from: s${i}, to: s${i + 1} }`);
  for (let i = 0; i + 4 < steps; i += 7) edges.push(`  - { from: s${i}, to: s${i + 4}, mode: fallback }`);
  return `osop_version: "1.0"\nid: large-process\nname: ${name}\nroles: [${LARGE_SOP_ROLES.join(', ')}]\nnodes:\n${nodes.join('\n')}\nedges:\n${edges.join('\n')}\n`;
}
