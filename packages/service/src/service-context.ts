import type { Engine, RunStore } from '@sopflow/engine';

/** Who is acting: a user of the store's directory, as the adapter authenticated them. */
export interface Actor {
  /** The directory user's name: what decisions record as `by`. */
  name: string;
  roles: readonly string[];
  level?: string;
  admin: boolean;
  /** The OS account (CLI) this user was recognised by, when that is how they came in. */
  osUser?: string;
}

/** What every service function works in: the store, the engine over it when it runs things, and who acts. */
export interface ServiceContext {
  store: RunStore;
  engine?: Engine;
  actor?: Actor;
}
