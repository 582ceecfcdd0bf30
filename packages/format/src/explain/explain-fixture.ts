/** Test-only (not exported): a clinical triage SOP in the SOP-graph style. */
export const TRIAGE_FIXTURE = `osop_version: "1.1"
id: er-triage
name: Emergency triage
description: Assess walk-in patients and route them to the right care within minutes.
version: 2.4.1
certification_status: certified
jurisdiction: [UK]
roles: [nurse, senior_nurse, physician]
auth_levels: [nurse, senior_nurse, physician]
entry_point: gather_vitals
exit_conditions:
  - node: discharge
    outcome: patient discharged with advice
  - node: admit
    outcome: patient admitted
escalation_paths:
  - id: clinical_escalation
    role: senior_nurse
    description: any doubt about acuity
nodes:
  - id: gather_vitals
    kind: information_gather
    type: human
    role: nurse
    timeout: 10m
    on_success: assess_acuity
    on_timeout:
      role: senior_nurse
  - id: assess_acuity
    kind: assessment
    type: agent
    role: nurse
    confidence_requirement: 0.85
    delegation_state: agent_supervised
    on_success: decide
    on_failure:
      role: senior_nurse
  - id: decide
    kind: decision
    type: human
    role: physician
    human_auth_required: true
    auth_level: physician
  - id: admit
    kind: handover
    type: human
    role: physician
  - id: discharge
    kind: documentation
    type: system
    sla:
      due_sec: 1800
edges:
  - from: decide
    to: admit
    mode: conditional
    when: steps.assess_acuity.outputs.acuity >= 3
  - from: decide
    to: discharge
    mode: conditional
    when: steps.assess_acuity.outputs.acuity < 3
`;
