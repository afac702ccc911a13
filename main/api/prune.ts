import { z } from 'zod';
import { previewPrune, prune } from '../containers/prune';
import { dockerFor } from './engine-access';
import { mutation, query } from './procedure';
import { withHost } from './schemas';

export const pruneApi = {
  /** Exactly what a prune would remove now. */
  preview: query(withHost({}), async (input, ctx) => previewPrune(await dockerFor(ctx, input.host))),
  /** Removes stopped containers and/or dangling images that existed at the preview; reports what went and the space reclaimed. */
  run: mutation(withHost({ containers: z.boolean(), images: z.boolean(), until: z.number().int().positive() }), async (input, ctx) =>
    prune(await dockerFor(ctx, input.host), input),
  ),
};
