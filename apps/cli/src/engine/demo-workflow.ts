/** The SOP `sopflow demo` runs: an expense claim with a manager's approval (a human step with a form). */
export const DEMO_WORKFLOW = `osop_version: "1.1"
id: expense-claim
name: Expense claim
description: A claim is checked, a manager approves it, and it is paid or the claimant is told why not.
inputs:
  - { name: claimant, type: string, required: true }
  - { name: amount, type: double, required: true }
nodes:
  - { id: submit, type: system, name: Receive the claim, runtime: { action: noop } }
  - { id: check, type: gateway, name: Check it against the policy }
  - id: approve
    type: human
    name: Manager approves the claim
    role: manager
    form:
      type: object
      required: [approved]
      properties:
        approved: { type: boolean, title: Approve the claim }
        comment: { type: string, title: Comment }
  - { id: pay, type: system, name: Pay the claimant, runtime: { action: noop } }
  - { id: explain, type: system, name: Tell the claimant why not, runtime: { action: noop } }
edges:
  - { from: submit, to: check }
  - { from: check, to: approve }
  - { from: approve, to: pay, mode: conditional, when: "steps.approve.outputs.approved == true" }
  - { from: approve, to: explain, mode: conditional, when: "steps.approve.outputs.approved != true" }
`;
