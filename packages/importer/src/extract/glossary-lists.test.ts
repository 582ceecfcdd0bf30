import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { importDocument } from '../index.js';

/** A numbered-section SOP (6, 6.1, 6.2, 6.2.1 …) with a list of terms that start like some of its headings. */
function numberedSop(termsHeading: string, terms: string[]): Uint8Array {
  return new TextEncoder().encode([
    '# Equipment fault handling', '',
    '## 1 Purpose', '', 'This procedure says how faults in shared lab equipment are handled.', '',
    `## 2 ${termsHeading}`, '', ...terms.map((t) => `- ${t}`), '',
    '## 3 Fault intake', '',
    '### 3.1 Report', '', 'The user shall report the fault in the equipment log.', '',
    '### 3.2 Triage', '', 'The lab manager shall rate the fault within one working day.', '',
    '## 4 Repair and prevention', '',
    '### 4.1 Diagnosis of the fault', '', 'The technician shall find the cause of the fault.', '',
    '### 4.2 Planning the work', '', 'The technician shall write a repair plan.', '',
    '#### 4.2.1 Repair work', '', 'The technician shall book the repair with the vendor.', '',
    '#### 4.2.2 Prevention work', '', 'The lab manager shall update the maintenance schedule.', '',
    '#### 4.2.3 Stopgap measures', '', 'The technician shall label the unit out of service.', '',
    '### 4.3 Plan sign-off', '', 'The lab manager shall approve the plan.', '',
    '## 5 Return to service', '',
    '### 5.1 Acceptance test', '', 'The technician shall run the acceptance test.', '',
    '### 5.2 Release', '', 'The lab manager shall release the unit and close the log entry.', '',
  ].join('\n'));
}

const TERMS = [
  'Fault: any failure of a unit to perform as specified.',
  'Repair work: work that removes the cause of a fault.',
  'Return to service: the moment a repaired unit may be used again.',
  'Stopgap measure: a temporary control while the repair is pending.',
  'Prevention work: work that stops a fault from happening elsewhere.',
  'Repair and prevention: the two kinds of follow-up.',
];

const labels = (r: Awaited<ReturnType<typeof importDocument>>) => r.sops.map((s) => s.steps.map((x) => x.label ?? x.title).join(' '));

describe('a list of defined terms that start like later headings', () => {
  it('is a glossary, not an index: the numbered sections stay one procedure, each once and in order', async () => {
    const r = await importDocument(numberedSop('Definitions', TERMS), 'faults.md');
    const all = r.sops.flatMap((s) => s.steps.map((x) => x.label)).filter(Boolean);
    assert.equal(new Set(all).size, all.length, labels(r).join(' || '));
    for (const seq of r.sops.map((s) => s.steps.map((x) => x.label).filter(Boolean) as string[])) {
      const order = seq.map((l) => l.split('.').map(Number));
      const sorted = [...order].sort((a, b) => a[0] - b[0] || (a[1] ?? 0) - (b[1] ?? 0) || (a[2] ?? 0) - (b[2] ?? 0));
      assert.deepEqual(order, sorted, labels(r).join(' || '));
    }
    assert.ok(all.includes('4.2.1') && all.includes('5.2'), labels(r).join(' || '));
  });

  it('names no sections when its terms come in another order than the headings, whatever its heading says', async () => {
    const r = await importDocument(numberedSop('Words used here', TERMS), 'faults.md');
    const all = r.sops.flatMap((s) => s.steps.map((x) => x.label)).filter(Boolean);
    assert.equal(new Set(all).size, all.length, labels(r).join(' || '));
    assert.ok(all.includes('3.1') && all.includes('4.2.1') && all.includes('5.2'), labels(r).join(' || '));
  });
});
