import type { ReactNode } from 'react';
import classes from './table-scroll.module.css';

/**
 * A wide table's own sideways scroll, so the page never scrolls sideways on a phone: a region named
 * `label`, focusable (Tab, then the arrow keys scroll it) for people without a pointer.
 */
export function TableScroll({ label, children }: { label: string; children: ReactNode }) {
  return <div className={classes.scroll} role="region" aria-label={label} tabIndex={0}>{children}</div>;
}
