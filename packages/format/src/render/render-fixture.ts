/** Test-only (not exported): a workflow that uses lanes, every performer, approvals, risk, loops, parallel and switch. */
export const RENDER_FIXTURE = `osop_version: "1.1"
id: release-train
name: Release "train" <weekly>
description: Ship the weekly release safely.
version: 2.1.0
roles: [engineer, qa, release-manager]
timeout_sec: 86400
inputs:
  - name: channel
    type: string
nodes:
  - id: cut_branch
    type: git
    name: Cut release branch
    role: engineer
  - id: unit_tests
    type: cicd
    name: Unit tests
    role: engineer
    timeout_sec: 1800
  - id: ai_review
    type: agent
    name: AI change review
    role: qa
    confidence_requirement: 0.8
  - id: merge_results
    type: system
    name: Merge results
  - id: choose_channel
    type: gateway
    name: Choose channel
  - id: manual_qa
    type: human
    name: "Manual QA\\nsign-off"
    role: qa
    approval_gate:
      required: true
      approver_role: qa
  - id: deploy
    type: infra
    name: Deploy to production
    role: release-manager
    security:
      risk_level: critical
    approval_gate:
      required: true
      approver_role: release-manager
  - id: canary
    type: infra
    name: Canary
    role: release-manager
  - id: rollback
    type: cli
    name: Roll back
    role: release-manager
    runtime:
      command: [kubectl, rollout, undo]
edges:
  - from: cut_branch
    to: unit_tests
    mode: parallel
  - from: cut_branch
    to: ai_review
    mode: parallel
  - from: unit_tests
    to: merge_results
    join_mode: wait_all
  - from: ai_review
    to: merge_results
    join_mode: wait_all
  - from: merge_results
    to: choose_channel
  - from: choose_channel
    to: deploy
    mode: switch
    when: inputs.channel
    cases:
      - value: stable
        to: manual_qa
      - value: canary
        to: canary
    default_to: deploy
  - from: manual_qa
    to: deploy
  - from: canary
    to: deploy
  - from: deploy
    to: rollback
    mode: error
  - from: unit_tests
    to: unit_tests
    mode: loop
    when: "steps.unit_tests.status == 'failed'"
    max_iterations: 3
`;
