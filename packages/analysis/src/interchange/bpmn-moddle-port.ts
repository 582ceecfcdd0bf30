// @ts-expect-error bpmn-moddle's exports map gives TypeScript no declarations under this module resolution.
import { BpmnModdle as BpmnModdleClass } from 'bpmn-moddle';
// @ts-expect-error bpmn-auto-layout ships no type declarations.
import { layoutProcess } from 'bpmn-auto-layout';

/**
 * The slice of bpmn-moddle 10 and bpmn-auto-layout 1.3 that the BPMN converters use, typed here
 * (moddle elements are dynamic objects). Static imports, so the CLI bundle resolves their ES modules.
 */
export interface BpmnElement {
  $type: string;
  id?: string;
  name?: string;
  $attrs?: Record<string, string>;
  $parent?: BpmnElement;
  get(name: string): unknown;
  set(name: string, value: unknown): void;
  [key: string]: unknown;
}

export interface BpmnModdle {
  create(type: string, attrs?: Record<string, unknown>): BpmnElement;
  toXML(element: BpmnElement, options?: { format?: boolean }): Promise<{ xml: string }>;
  fromXML(xml: string, type?: string): Promise<{ rootElement: BpmnElement; warnings: { message: string }[] }>;
}

export const SOPFLOW_BPMN_NS = 'https://sopflow.dev/schema/bpmn';

/** A fresh bpmn-moddle instance. */
export async function createBpmnModdle(): Promise<BpmnModdle> {
  return new (BpmnModdleClass as new () => BpmnModdle)();
}

/** bpmn-auto-layout's `layoutProcess`: adds BPMN DI (shapes and edges) to a diagram without one. */
export async function layoutBpmn(xml: string): Promise<string> {
  return (layoutProcess as (xml: string) => Promise<string>)(xml);
}
