/** An accepting Petri net: places, (possibly silent) transitions, weighted arcs, initial and final markings. */
export interface PetriNet {
  readonly places: ReadonlyArray<{ readonly name: string }>;
  /** `label` null = silent (tau) transition. */
  readonly transitions: ReadonlyArray<{ readonly name: string; readonly label: string | null }>;
  readonly arcs: readonly PetriArc[];
  /** Tokens per place index. */
  readonly initialMarking: readonly number[];
  readonly finalMarking: readonly number[];
}

/** `placeToTransition`: source is a place index, target a transition index; otherwise the reverse. */
export interface PetriArc {
  readonly direction: 'placeToTransition' | 'transitionToPlace';
  readonly place: number;
  readonly transition: number;
  readonly weight: number;
}

/** Pre/post sets per transition and per place, precomputed for replay. */
export interface CompiledNet {
  readonly net: PetriNet;
  readonly pre: ReadonlyArray<ReadonlyArray<readonly [place: number, weight: number]>>;
  readonly post: ReadonlyArray<ReadonlyArray<readonly [place: number, weight: number]>>;
  /** Transitions consuming from each place. */
  readonly consumers: ReadonlyArray<readonly number[]>;
  /** Transitions producing into each place. */
  readonly producers: ReadonlyArray<readonly number[]>;
  readonly silent: readonly boolean[];
}

export function compileNet(net: PetriNet): CompiledNet {
  const pre = net.transitions.map(() => [] as [number, number][]);
  const post = net.transitions.map(() => [] as [number, number][]);
  const consumers = net.places.map(() => [] as number[]);
  const producers = net.places.map(() => [] as number[]);
  for (const a of net.arcs) {
    if (a.direction === 'placeToTransition') {
      pre[a.transition].push([a.place, a.weight]);
      consumers[a.place].push(a.transition);
    } else {
      post[a.transition].push([a.place, a.weight]);
      producers[a.place].push(a.transition);
    }
  }
  return { net, pre, post, consumers, producers, silent: net.transitions.map((t) => t.label === null) };
}

/** Counts as PM4Py reports them. */
export function netSize(net: PetriNet): { places: number; transitions: number; silent: number; arcs: number } {
  return {
    places: net.places.length,
    transitions: net.transitions.length,
    silent: net.transitions.filter((t) => t.label === null).length,
    arcs: net.arcs.length,
  };
}
