/** The SOPs the demo library adds beside the examples, with a run history of their own (see seedDemoHistory). */

/**
 * A request is logged, a budget holder approves or denies it, the order is placed. When the budget
 * holder has not answered within four hours, the approval is escalated to the finance lead.
 */
export const PURCHASE_REQUEST = `osop_version: "1.0"
id: purchase-request
name: Purchase request
description: A request is logged, a budget holder approves or denies it (the finance lead when the budget holder has not answered within four hours), and the order is placed.
version: 1.0.0
roles: [budget-holder, finance-lead]
nodes:
  - { id: log_request, type: system, name: Log the request, runtime: { action: noop } }
  - id: approve
    type: human
    name: Budget holder decides
    role: budget-holder
    approval_gate: { required: true }
    timeout: 4h
    on_timeout: { role: finance-lead, reason: the budget holder did not answer within four hours }
  - { id: place_order, type: system, name: Place the order, runtime: { action: noop } }
  - { id: close, type: system, name: Close the request, runtime: { action: noop } }
edges:
  - { from: log_request, to: approve, mode: sequential }
  - { from: approve, to: place_order, mode: sequential }
  - { from: place_order, to: close, mode: sequential }
`;

/**
 * An expense claim: logged, its receipt checked by a scanner (a failed check sends it back to the
 * employee to add the receipt), reviewed by finance (trialing an agent), paid. Version 1.0 also had
 * the department head sign off every claim; 1.1 dropped that step. The scanner is not an executor a
 * server has: on a live server a person does the check (the engine opens a task for it).
 */
export function expenseClaim(version: '1.0.0' | '1.1.0'): string {
  const signOff = version === '1.0.0';
  return `osop_version: "1.0"
id: expense-claim
name: Expense claim
description: An expense claim is logged, its receipt checked, reviewed by finance${signOff ? ', signed off by the department head' : ''} and paid.
version: ${version}
roles: [employee, finance-clerk${signOff ? ', department-head' : ''}]
nodes:
  - { id: log_claim, type: system, name: Log the claim, runtime: { action: noop } }
  - { id: check_receipt, type: system, name: Check the receipt, runtime: { action: receipts.check } }
  - { id: fix_claim, type: human, name: Add the missing receipt, role: employee }
  - id: review
    type: human
    name: Review the claim
    role: finance-clerk
    delegation_state: trialing
    form:
      type: object
      required: [category, within_policy]
      properties:
        category: { type: string, title: Category, enum: [travel, meals, equipment, training] }
        within_policy: { type: boolean, title: Within policy }
${signOff ? '  - { id: head_sign_off, type: human, name: Department head signs off, role: department-head }\n' : ''}  - { id: pay, type: system, name: Pay the claim, runtime: { action: noop } }
edges:
  - { from: log_claim, to: check_receipt, mode: sequential }
  - { from: check_receipt, to: review, mode: sequential }
  - { from: check_receipt, to: fix_claim, mode: error }
  - { from: fix_claim, to: review, mode: sequential }
${signOff ? '  - { from: review, to: head_sign_off, mode: sequential }\n  - { from: head_sign_off, to: pay, mode: sequential }\n' : '  - { from: review, to: pay, mode: sequential }\n'}`;
}
