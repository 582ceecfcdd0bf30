import type { DelegationMix, DelegationState } from '../api/api-types';
import { DELEGATION } from './state-badges';
import classes from './delegation-mix.module.css';

/**
 * An SOP's steps by delegation state: a small stacked bar (its colours only repeat the words) and a
 * line of words such as "2 human · 1 autonomous", states with no step left out, in the ladder's order.
 * Plain elements: a library page holds a hundred of them.
 */
export function DelegationMixBar({ mix }: { mix: DelegationMix }) {
  const states = (Object.keys(DELEGATION) as DelegationState[]).filter((state) => mix[state] > 0);
  if (states.length === 0) return <span className={classes.none}>—</span>;
  return (
    <div className={classes.mix} title={states.map((state) => `${mix[state]} ${DELEGATION[state].label}`).join(', ')}>
      <div className={classes.bar} aria-hidden>
        {states.map((state) => <span key={state} className={classes.segment} style={{ flexGrow: mix[state], background: swatch(state) }} />)}
      </div>
      <div className={classes.words}>
        {states.map((state) => (
          <span key={state} className={classes.word}>
            <span className={classes.swatch} style={{ background: swatch(state) }} aria-hidden />
            {mix[state]} {DELEGATION[state].short}
          </span>
        ))}
      </div>
    </div>
  );
}

function swatch(state: DelegationState): string {
  return `var(--mantine-color-${DELEGATION[state].color}-5)`;
}
