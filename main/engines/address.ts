// An engine address: what every API call takes as `host`. A host's default
// engine is addressed by the host id alone ("local", "build-box"), so routes
// and saved choices from before engines could be picked keep working; another
// engine of the same host is "host:engine" ("local:3fa9c2d1"). Plain data:
// the renderer imports it too.

export interface EngineAddress {
  host: string;
  /** null: the host's default engine. */
  engine: string | null;
}

export function parseEngineAddress(address: string): EngineAddress {
  const at = address.indexOf(':');
  return at < 0 ? { host: address, engine: null } : { host: address.slice(0, at), engine: address.slice(at + 1) };
}

export function formatEngineAddress(host: string, engine: string | null): string {
  return engine === null ? host : `${host}:${engine}`;
}
