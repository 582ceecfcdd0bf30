/**
 * Generates a valid layered workflow of about `nodes` nodes and twice as many edges: one start node,
 * layers in which every node branches conditionally to two nodes of the next layer, one end node.
 */
export function generateLargeWorkflow(nodes: number): { text: string; nodes: number; edges: number } {
  const width = 102;
  const layers = Math.max(1, Math.floor((nodes - 2) / width));
  const lines: string[] = [
    'osop_version: "1.1"',
    'id: generated-large',
    'name: Generated large workflow',
    'version: 1.0.0',
    'inputs:',
    '  - { name: amount, type: int }',
    'nodes:',
    '  - { id: start, type: system, purpose: start, runtime: { action: noop } }',
  ];
  const types = ['human', 'agent', 'api', 'cli', 'system'];
  for (let l = 0; l < layers; l++) {
    for (let w = 0; w < width; w++) {
      const type = types[(l + w) % types.length];
      const runtime = type === 'cli' ? ', runtime: { command: [echo, ok] }' : type === 'system' ? ', runtime: { action: noop }' : '';
      lines.push(`  - { id: n${l}_${w}, type: ${type}, name: Step ${l}.${w}, purpose: generated step, timeout_sec: 60${runtime} }`);
    }
  }
  lines.push('  - { id: end, type: system, purpose: end, runtime: { action: noop } }');
  lines.push('edges:');
  let count = 0;
  for (let w = 0; w < width; w++, count++) lines.push(`  - { from: start, to: n0_${w}, mode: parallel }`);
  for (let l = 0; l + 1 < layers; l++) {
    for (let w = 0; w < width; w++) {
      lines.push(`  - { from: n${l}_${w}, to: n${l + 1}_${w}, mode: conditional, when: "inputs.amount > ${w}" }`);
      lines.push(`  - { from: n${l}_${w}, to: n${l + 1}_${(w + 1) % width}, mode: conditional, when: "inputs.amount <= ${w}" }`);
      count += 2;
    }
  }
  for (let w = 0; w < width; w++, count++) lines.push(`  - { from: n${layers - 1}_${w}, to: end }`);
  return { text: `${lines.join('\n')}\n`, nodes: layers * width + 2, edges: count };
}
