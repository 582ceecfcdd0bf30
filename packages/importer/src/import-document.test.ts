import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { importDocument, importFile, type ImportResult, type ImportedSop } from './index.js';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), '..', 'test-fixtures');
const load = (name: string) => importFile(join(fixtures, name));
const titles = (sop: ImportedSop) => sop.steps.map((s) => s.title);
const only = (r: ImportResult) => { assert.equal(r.sops.length, 1, JSON.stringify(r.diagnostics)); return r.sops[0]; };

describe('importDocument on documents of every shape', () => {
  it('reads a numbered procedure with roles, timers and a document history kept as a note', async () => {
    const sop = only(await load('numbered-sample-intake.md'));
    assert.equal(sop.title, 'SOP-LAB-014 Sample Intake at the Reception Bench');
    assert.equal(sop.steps.length, 6);
    assert.deepEqual(sop.steps.map((s) => s.sequence_order), [1, 2, 3, 4, 5, 6]);
    assert.match(sop.steps[0].title, /^Collect the sample box/);
    assert.ok(sop.roles.includes('Reception technician') && sop.roles.includes('Laboratory supervisor'), sop.roles.join());
    assert.equal(sop.steps[4].role?.toLowerCase(), 'laboratory supervisor');
    assert.deepEqual(sop.steps[2].timers.map((t) => [t.amount, t.unit, t.kind]), [[2, 'hour', 'deadline']]);
    assert.ok(sop.notes.some((n) => n.startsWith('Document History')), 'history kept as a note');
    assert.ok(!titles(sop).some((t) => /Version|R\. Okafor/.test(t)), 'history rows are not steps');
    assert.match(sop.steps[1].description, /red tray/, 'nested bullet stays in the description');
    assert.equal(sop.steps[1].source.line, 16);
    assert.equal(sop.steps[1].source.from, 'list-item');
  });

  it('reads steps under headings with Participants / Input / Output tables, decisions and a terminal outcome', async () => {
    const sop = only(await load('tabular-complaint-handling.md'));
    assert.deepEqual(titles(sop), ['Complaint Intake', 'Triage', 'Investigation', 'Response to Customer']);
    assert.deepEqual(sop.steps.map((s) => s.role), ['Support Agent', 'Quality Manager', 'Product Engineer', 'Support Agent']);
    assert.deepEqual(sop.steps[0].inputs, ['Complaint']);
    assert.deepEqual(sop.steps[0].outputs, ['Register entry created']);
    assert.deepEqual(sop.steps[1].decisions, [{ when: 'the complaint concerns patient safety', goto: 4 }]);
    assert.deepEqual(sop.steps[3].decisions.map((d) => d.goto), ['end']);
    assert.equal(sop.steps[2].timers[0].business, true);
    assert.ok(!/Participants/.test(sop.steps[0].description), 'attribute tables are read, not repeated');
    assert.equal(sop.steps.length, 4, 'the example sources (phone, e-mail, forms) are not steps');
  });

  it('reads a decision-heavy procedure: "continue with step 2.4", loops back, the end', async () => {
    const sop = only(await load('decisions-change-request.md'));
    const gotos = sop.steps.map((s) => s.decisions.map((d) => `${d.goto}${d.loop ? '↺' : ''}`));
    assert.deepEqual(gotos, [['1↺'], ['4', '5'], ['end', '1↺'], [], ['4↺'], ['end']]);
    assert.deepEqual(sop.steps.map((s) => s.label), ['2.1', '2.2', '2.3', '2.4', '2.5', '2.6']);
    assert.deepEqual(sop.roles.slice(0, 3), ['Requester', 'Change Manager', 'Change Advisory Board']);
    assert.ok(!titles(sop).some((t) => /Metadata|SOP-IT-031/.test(t)));
  });

  it('finds several procedures in one file', async () => {
    const r = await load('multi-procedure-onboarding.md');
    assert.deepEqual(r.sops.map((s) => [s.title, s.steps.length]), [['Onboarding Procedure', 4], ['Offboarding Procedure', 3]]);
  });

  it('marks placeholder steps of a skeleton incomplete and warns', async () => {
    const r = await load('skeleton-vendor-review.md');
    const sop = only(r);
    assert.deepEqual(sop.steps.map((s) => s.incomplete), [true, true, true, true]);
    assert.ok(r.diagnostics.some((d) => d.code === 'incomplete-steps' && d.severity === 'warning'));
    assert.match(sop.warnings[0], /4 of 4 steps/);
  });

  it('finds no procedure in a policy text and invents nothing', async () => {
    const r = await load('policy-acceptable-use.md');
    assert.equal(r.sops.length, 0);
    assert.deepEqual(r.diagnostics.map((d) => [d.code, d.severity]), [['no-procedure-found', 'error']]);
  });

  for (const [file, count, first, role] of [
    ['step-table-badge-access.md', 5, "Check the visitor's photo ID against the visit list", 'Receptionist'],
    ['checklist-server-decommission.md', 6, 'Confirm the change ticket is approved by the change manager', undefined],
    ['yes-no-forklift-check.md', 5, 'Tyres free of visible damage', undefined],
    ['prose-fire-drill.md', 6, 'Announce the drill date to the floor wardens one week in advance', undefined],
    ['plain-text-spill-response.txt', 5, 'Warn everyone in the room and keep people away from the spill', undefined],
    ['html-laptop-setup.html', 4, 'Unpack the laptop and record the serial number in the asset register', undefined],
  ] as const) {
    it(`reads ${file}`, async () => {
      const sop = only(await load(file));
      assert.equal(sop.steps.length, count, titles(sop).join(' | '));
      assert.equal(sop.steps[0].title, first);
      assert.equal(sop.steps[0].role, role);
      assert.ok(sop.steps.every((s) => !/^(step|phase)\s*\d/i.test(s.title)), 'no "Step N" prefixes');
    });
  }

  it('turns a mermaid flowchart into steps with branches and ends', async () => {
    const sop = only(await load('flowchart-password-reset.md'));
    assert.deepEqual(titles(sop), ['Receive reset request', 'Identity verified?', 'Issue temporary password', 'Reject request and log attempt', 'User sets a new password']);
    assert.deepEqual(sop.steps[1].decisions, [{ when: 'yes', goto: 3 }, { when: 'no', goto: 4 }]);
    assert.deepEqual(sop.steps[3].decisions, [{ when: 'always', goto: 'end' }]);
  });

  it('never runs a script embedded in HTML', async () => {
    const html = '<html><body><script>globalThis.__ran = true</script><h2>Procedure</h2><ol><li>Open the valve.</li><li>Close the valve.</li></ol><img src=x onerror="globalThis.__ran=true"></body></html>';
    const r = await importDocument(new TextEncoder().encode(html), 'valve.html');
    assert.equal((globalThis as Record<string, unknown>).__ran, undefined);
    assert.deepEqual(titles(only(r)), ['Open the valve', 'Close the valve']);
    assert.ok(!only(r).steps.some((s) => s.description.includes('__ran')));
  });

  it('keeps lettered sub-items in the step and reads "Step N:" lines of plain text', async () => {
    const md = await importDocument(new TextEncoder().encode('# Sign-in\n\n## Procedure\n\n1. Greet the visitor.\n   a. Ask for their name.\n   b. Check their ID.\n2. Print a badge.\n'), 'signin.md');
    assert.deepEqual(titles(only(md)), ['Greet the visitor', 'Print a badge']);
    assert.equal(only(md).steps[0].description, '- Ask for their name.\n- Check their ID.');
    const txt = await load('plain-text-step-lines.txt');
    assert.deepEqual(titles(only(txt)), ['Disarm the alarm at the back door', 'Switch on the lights and the tills', 'Count the cash float and record it', 'Unlock the front door at 9:00']);
    assert.equal(only(txt).title, 'Opening the store');
  });

  it('reads numbered sub-sections under "4. Procedure" and skips purpose, scope, records and history', async () => {
    const sop = only(await load('numbered-sections-calibration.md'));
    assert.deepEqual(sop.steps.map((s) => `${s.label} ${s.title}`), ['4.1 Daily check', '4.2 Monthly calibration', '4.3 Out-of-tolerance handling']);
    assert.deepEqual(sop.steps.map((s) => s.decisions.map((d) => d.goto)), [[3], [], [1]]);
    assert.deepEqual(sop.steps[1].timers.map((t) => t.kind), ['recurrence']);
  });

  it('splits "Label – instruction" items into a short title and a description', async () => {
    const sop = only(await load('labelled-items-release.md'));
    assert.deepEqual(titles(sop), ['Freeze', 'Build', 'Verify', 'Ship']);
    assert.equal(sop.steps[2].role, 'QA engineer');
    assert.deepEqual(sop.steps.map((s) => s.decisions.map((d) => d.goto)), [[], [1], [], ['end']]);
  });

  it('records the sha256 and format of the input', async () => {
    const bytes = readFileSync(join(fixtures, 'checklist-server-decommission.md'));
    const r = await importDocument(new Uint8Array(bytes), 'checklist.md');
    assert.equal(r.format, 'markdown');
    assert.match(r.sha256, /^[0-9a-f]{64}$/);
  });
});

describe('advice next to a procedure', () => {
  it('does not turn a tips list beside a numbered procedure into a second SOP', async () => {
    const md = '# Printer jam\n\n## Procedure\n\n1. Open the front cover.\n2. Remove the jammed paper.\n3. Close the cover.\n\n## Tips\n\n- Keep the paper dry.\n- Store the paper flat.\n- Use the recommended paper weight.\n';
    const r = await importDocument(new TextEncoder().encode(md), 'jam.md');
    assert.deepEqual(r.sops.map((s) => s.steps.length), [3]);
  });
});

describe('steps typed as numbered paragraphs', () => {
  it('reads "Step 1: …" paragraphs of HTML as a numbered procedure', async () => {
    const html = '<h1>Fridge defrost</h1><p>Step 1: Move the stock to the backup fridge.</p><p>Step 2: Switch off the fridge and leave the door open.</p><p>Step 3: Wipe the inside dry after 2 hours.</p>';
    const r = await importDocument(new TextEncoder().encode(html), 'defrost.html');
    assert.deepEqual(r.sops[0].steps.map((s) => [s.label, s.title]), [['1', 'Move the stock to the backup fridge'], ['2', 'Switch off the fridge and leave the door open'], ['3', 'Wipe the inside dry after 2 hours']]);
  });
});

describe('check boxes typed into paragraphs', () => {
  it('reads "☐ …" paragraphs (a Word checklist without list formatting) as a checklist', async () => {
    const html = '<h1>Cold room opening</h1><p>☐ Check the temperature display</p><p>☑ Switch on the lights</p><p>☐ Log the temperature in the register</p>';
    const r = await importDocument(new TextEncoder().encode(html), 'coldroom.html');
    assert.deepEqual(r.sops[0].steps.map((s) => [s.title, s.source.from]), [['Check the temperature display', 'checklist'], ['Switch on the lights', 'checklist'], ['Log the temperature in the register', 'checklist']]);
  });
});

describe('markdown extras', () => {
  it('keeps front matter as metadata and admonitions inside the step description', async () => {
    const md = '---\ntitle: Sample heating\nowner: Lab\n---\n## Procedure\n\n### 1. Heat the sample\n\n!!! warning "Hot surface"\n    Wear heat-resistant gloves.\n\nPlace the vial in the block at 60 °C.\n\n### 2. Cool the sample\n\nLeave the vial on the rack for 10 minutes.\n';
    const r = await importDocument(new TextEncoder().encode(md), 'heat.md');
    const sop = only(r);
    assert.equal(sop.title, 'Sample heating');
    assert.equal(sop.steps[0].description, 'WARNING: Hot surface. Wear heat-resistant gloves.\nPlace the vial in the block at 60 °C.');
    assert.equal(sop.steps[0].source.line, 7, 'lines count from the top of the file, front matter included');
    assert.ok(sop.notes.includes('metadata owner: Lab'));
  });
});

describe('policies', () => {
  it('reads numbered rules and imperative bullets of a policy as rules, not a procedure', async () => {
    const md = '# Password Policy\n\n## Passwords\n\n1. Passwords must be at least 14 characters long.\n2. Accounts must be locked after 5 failed attempts.\n3. Passwords must be changed after a suspected compromise.\n\n## Good habits\n\n- Use a password manager.\n- Lock your screen when you leave your desk.\n- Report phishing e-mails to the service desk.\n';
    const r = await importDocument(new TextEncoder().encode(md), 'password-policy.md');
    assert.deepEqual(r.diagnostics.map((d) => d.code), ['no-procedure-found']);
  });

  it('still reads a procedure section inside a policy', async () => {
    const md = '# Password Policy\n\n## Purpose\n\nRules for passwords.\n\n## Reset procedure\n\n1. Verify the caller with two security questions.\n2. Issue a one-time password.\n';
    const r = await importDocument(new TextEncoder().encode(md), 'password-policy.md');
    assert.deepEqual(r.sops.map((s) => s.steps.length), [2]);
  });
});
