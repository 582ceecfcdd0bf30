// The workflow the crash, takeover and lease-recovery tests run (engine and CLI): its step writes its
// pid to the marker file and then runs for five minutes; once the marker exists it succeeds at once
// (idempotent), so a second attempt after a takeover finishes. Inputs: node (the Node binary), marker.
const LONG_STEP = "const fs=require('fs');if(fs.existsSync(process.argv[1]))process.exit(0);fs.writeFileSync(process.argv[1],String(process.pid));setTimeout(()=>{},300000)";

/** OSOP text of the long-step workflow (`id: long`). */
export const LONG_STEP_WORKFLOW = `osop_version: "1.1"
id: long
name: Long step
inputs: [{ name: node }, { name: marker }]
nodes:
  - { id: long, type: cli, idempotent: true, runtime: { command: ${JSON.stringify(['${inputs.node}', '-e', LONG_STEP, '${inputs.marker}'])} } }
  - { id: end, type: system, runtime: { action: noop } }
edges:
  - { from: long, to: end }
`;
