import type { ExpectedDoc } from './score.js';

/**
 * Expected outlines of the corpus documents (../shared/corpus/sopdocs), transcribed by hand from
 * that folder's EXPECTED.md: titles, steps in order, roles, decisions (targets are step ids or
 * 'end') and timers. Steps the outline calls sub-steps or leaves open ("either reading is
 * accepted") are optional: matching them is fine, missing them is not penalised.
 */
export const CORPUS_EXPECTED: ExpectedDoc[] = [
  {
    file: 'gdi-sop0003-dac-recommendation-approval.md',
    title: 'European GDI – 1+MG DAC Recommendation Approval (GDI-SOP0003)',
    roles: [{ name: '1+MG DAC' }, { name: 'NCP', optional: true }],
    steps: [
      { id: '1', text: 'Initiate application check', decisions: ['2', '10'] },
      { id: '2', text: 'Recommend application for approval', decisions: ['3', '4', '5'] },
      { id: '3', text: 'Confirm approval (no NCP response)', decisions: ['9'] },
      { id: '4', text: 'Confirm approval (NCP agrees)', decisions: ['9'] },
      { id: '5', text: 'Initiate NCP review process', decisions: ['8', '6', '7'] },
      { id: '6', text: 'Confirm approval (recommendation upheld)', decisions: ['9'] },
      { id: '7', text: 'Reject application (recommendation overruled)', decisions: ['10'] },
      { id: '8', text: 'Inform data user that the process is delayed', decisions: ['5'] },
      { id: '9', text: 'Inform data requestor — approval confirmed', decisions: ['end'] },
      { id: '10', text: 'Inform data requestor — rejection confirmed', decisions: ['end'] },
    ],
    timers: [
      { amount: 5, unit: 'day', business: true },
      { amount: 6, unit: 'day', business: false },
      { amount: 11, unit: 'day', business: true },
      { amount: 2, unit: 'month' },
    ],
  },
  {
    file: 'openregulatory-sop-capa.md',
    title: 'SOP Corrective and Preventive Action (CAPA)',
    roles: [{ name: 'QMO' }, { name: 'Medical Device Safety Officer / PRRC', optional: true }, { name: 'Other people in company', optional: true }],
    steps: [
      { id: '1', text: 'Input for CAPA' },
      { id: '2', text: 'Decision on next steps and immediate action' },
      { id: '3', text: 'Root cause analysis' },
      { id: '4', text: 'Implementation of action' },
      { id: '5', text: 'Verification and check of effectiveness', decisions: ['end'] },
    ],
  },
  {
    file: 'derived-openregulatory-sop-capa.docx',
    title: 'SOP Corrective and Preventive Action (CAPA)',
    roles: [{ name: 'QMO' }, { name: 'Medical Device Safety Officer / PRRC', optional: true }, { name: 'Other people in company', optional: true }],
    steps: [
      { id: '1', text: 'Input for CAPA' },
      { id: '2', text: 'Decision on next steps and immediate action' },
      { id: '3', text: 'Root cause analysis' },
      { id: '4', text: 'Implementation of action' },
      { id: '5', text: 'Verification and check of effectiveness', decisions: ['end'] },
    ],
  },
  {
    file: 'openregulatory-sop-purchasing.md',
    title: 'SOP Purchasing',
    roles: [{ name: 'purchasing employee' }, { name: 'QMO' }, { name: 'supervisor' }],
    steps: [
      { id: '1', text: 'Preliminary regulatory assessment', decisions: ['3', '2'], optionalDecisions: ['end'] },
      { id: '2', text: 'Initial supplier evaluation', decisions: ['3'], optionalDecisions: ['end'] },
      { id: '3', text: 'Budget approval' },
      { id: '4', text: 'Verification', optionalDecisions: ['5'] },
      { id: '5', text: 'Supplier surveillance' },
      { id: '5.1', text: 'Continuous supplier surveillance' },
      { id: '5.2', text: 'Annual supplier evaluation' },
    ],
    timers: [{ amount: 1, unit: 'year' }],
  },
  {
    file: 'pagerduty-post_mortem_process.md',
    title: 'Post-Mortem Process',
    roles: [{ name: 'Incident Commander' }, { name: 'postmortem owner' }, { name: 'Customer Support', optional: true }, { name: 'invitees', optional: true }],
    steps: [
      { id: '0', text: 'Owner designation' },
      { id: '1', text: 'Create a new postmortem' },
      { id: '2', text: 'Schedule the postmortem meeting on the shared calendar' },
      { id: '3', text: 'Begin populating: timeline first; identify responders from Slack; mark IC and Scribe' },
      { id: '4', text: 'Add detail: a data source or metric link per timeline item; link the call recording' },
      { id: '5', text: 'Analyse: capture data, customer impact, underlying cause' },
      { id: '6', text: 'Write the external customer message' },
      { id: '7', text: 'Post the link in Slack for review about 24 hours before the meeting' },
      { id: '8', text: 'Attend the postmortem meeting' },
      { id: '8.1', text: 'Recap the timeline', optional: true },
      { id: '8.2', text: 'Recap important points', optional: true },
      { id: '8.3', text: 'Discuss how it could have been caught', optional: true },
      { id: '8.4', text: 'Discuss customer impact', optional: true },
      { id: '8.5', text: 'Review action items', optional: true },
      { id: '9', text: 'Create follow-up JIRA tickets' },
      { id: '10', text: 'Communicate internally' },
    ],
    timers: [{ amount: 3, unit: 'day', business: false }, { amount: 5, unit: 'day', business: true }, { amount: 24, unit: 'hour' }],
  },
  {
    file: 'certsg-IRM-17-Ransomware.pdf',
    title: 'IRM #17 Ransomware',
    roles: [],
    steps: [
      { id: '1', text: 'Preparation' },
      { id: '2', text: 'Identification' },
      { id: '3', text: 'Containment' },
      { id: '4', text: 'Remediation' },
      { id: '5', text: 'Recovery' },
      { id: '6', text: 'Lessons learned' },
    ],
  },
];
