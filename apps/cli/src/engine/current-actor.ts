import { userInfo } from 'node:os';
import type { Actor } from '@sopflow/service';
import type { EngineSession } from './open-engine.js';
import { engineCall } from './open-engine.js';

/** The OS account this process runs as: the CLI's only source of identity (never a flag). */
export function currentOsUser(): string {
  return userInfo().username;
}

/** The directory user the OS account maps to; an unknown account is refused with how an admin adds it. */
export async function currentActor(session: EngineSession): Promise<Actor> {
  const { resolveActor } = await import('@sopflow/service');
  return engineCall(() => resolveActor(session.store, currentOsUser()));
}
