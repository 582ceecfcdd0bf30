/** OSOP text of the smallest process that runs end to end: two noop system steps (`id: two-steps`), for engine, service and CLI tests. */
export const TWO_STEPS_WORKFLOW = `osop_version: "1.1"
id: two-steps
name: Two noop steps
nodes:
  - { id: start, type: system, runtime: { action: noop } }
  - { id: finish, type: system, runtime: { action: noop } }
edges:
  - { from: start, to: finish }
`;
