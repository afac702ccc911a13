import { z } from 'zod';
import { previewPrune, prune } from '../containers/prune';
import { mutation, query } from './procedure';
import { withHost } from './schemas';

export const pruneApi = {
  /** Exactly what a prune would remove now. */
  preview: query(withHost({}), (input, ctx) => previewPrune(ctx.engine(input.host).driver().docker)),
  /** Removes stopped containers and/or dangling images that existed at the preview; reports what went and the space reclaimed. */
  run: mutation(withHost({ containers: z.boolean(), images: z.boolean(), until: z.number().int().positive() }), (input, ctx) =>
    prune(ctx.engine(input.host).driver().docker, input),
  ),
};
