import type { WorkflowNode } from '../model/workflow.js';

/** Pure; whether the step's declared risk is high or critical (case-insensitive, as authors write it). */
export function isHighRisk(node: WorkflowNode): boolean {
  const level = node.riskLevel?.toLowerCase();
  return level === 'high' || level === 'critical';
}
