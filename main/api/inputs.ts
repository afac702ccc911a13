import { z } from 'zod';

/** A host id: 'local' for this machine; remote hosts come with their own ids. */
export const hostInput = z.object({ host: z.string().min(1).max(64).regex(/^[A-Za-z0-9._-]+$/, 'a host id is letters, digits, dot, dash or underscore').default('local') }).strict();
