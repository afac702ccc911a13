import { z } from 'zod';

/** A host id ('local' for this machine; remote hosts come with their own ids), or "host:engine" for one of its other engines (engines/address.ts). */
export const hostInput = z
  .object({ host: z.string().min(1).max(64).regex(/^[A-Za-z0-9._-]+(:[A-Za-z0-9._-]+)?$/, 'a host id is letters, digits, dot, dash or underscore, then optionally ":" and an engine id').default('local') })
  .strict();
