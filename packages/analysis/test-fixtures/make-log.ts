import { createLogBuilder, type EventLog } from '../src/index.js';

/** A log from activity sequences like 'a b c' (one case each; `n×` prefix repeats), hourly timestamps. */
export function makeLog(traces: string[]): EventLog {
  const builder = createLogBuilder();
  let id = 0;
  for (const spec of traces) {
    const m = /^(\d+)×\s*(.*)$/.exec(spec);
    const times = m ? Number(m[1]) : 1;
    const acts = (m ? m[2] : spec).split(/\s+/).filter(Boolean);
    for (let k = 0; k < times; k++) {
      id++;
      builder.addCase({
        id: `case-${id}`,
        attributes: {},
        events: acts.map((activity, i) => ({ activity, timestamp: Date.UTC(2024, 0, 1, i) + id * 86_400_000 })),
      });
    }
  }
  return builder.build();
}
