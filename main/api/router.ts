// The whole API, one area per file. The renderer imports only the type.
import { containersApi } from './containers';
import { engineApi } from './engine';
import { imagesApi } from './images';

export const router = {
  engine: engineApi,
  containers: containersApi,
  images: imagesApi,
};

export type BerthRouter = typeof router;
