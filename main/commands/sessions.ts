// The engine sessions an app run starts with: the local engine, found the way
// the docker CLI finds it. Remote hosts join this map when they are added.
import { createEngineSession } from '../live/session';
import type { EngineSession } from '../live/types';

export function openSessions(): Map<string, EngineSession> {
  return new Map([['local', createEngineSession()]]);
}
