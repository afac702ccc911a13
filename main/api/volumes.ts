import { z } from 'zod';
import { createVolume, listVolumes, removeVolumes, volumeSizes } from '../volumes/volumes';
import { dockerFor } from './engine-access';
import { mutation, query } from './procedure';
import { withHost } from './schemas';

const name = z.string().max(255).regex(/^$|^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/, 'a volume name is letters, digits, _, . and -, starting with a letter or digit');
const labels = z.record(z.string().max(255), z.string().max(4096)).default({});

export const volumesApi = {
  list: query(withHost({}), async (input, ctx) => listVolumes(await dockerFor(ctx, input.host))),
  /** Sizes by volume name, after the list: sizing is slow on a big host. */
  sizes: query(withHost({}), async (input, ctx) => volumeSizes(await dockerFor(ctx, input.host))),
  create: mutation(withHost({ name, driver: z.string().max(128).default('local'), labels }), async (input, ctx) => createVolume(await dockerFor(ctx, input.host), input)),
  /** Refuses volumes in use, saying by whom; reports what was removed. */
  remove: mutation(withHost({ names: z.array(name.min(1)).min(1).max(1000) }), async (input, ctx) => removeVolumes(await dockerFor(ctx, input.host), input.names)),
};
