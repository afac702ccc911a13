// The whole API, one area per file. The renderer imports only the type.
import { containersApi } from './containers';
import { engineApi } from './engine';
import { imagesApi } from './images';
import { statsApi } from './stats';

export const router = {
  engine: engineApi,
  containers: containersApi,
  images: imagesApi,
  stats: statsApi,
};

export type BerthRouter = typeof router;
