/**
 * What a conversion between sopflow and another format could not carry across. Never dropped
 * silently: every converter returns its list and the CLI prints each one as a warning.
 */
export interface InterchangeLoss {
  /** Stable code, e.g. `failure-path`, `role`, `arc-weight`. */
  code: string;
  /** The node, edge or element it concerns (`from → to` for an edge). */
  element?: string;
  message: string;
}

/** A converted model with what it lost. */
export interface Converted<T> {
  value: T;
  losses: InterchangeLoss[];
}
