// The whole API, one area per file. The renderer imports only the type.
import { containerActionsApi } from './container-actions';
import { containersApi } from './containers';
import { criApi } from './cri';
import { engineApi } from './engine';
import { hostsApi } from './hosts';
import { imagesApi } from './images';
import { layersApi } from './layers';
import { networksApi } from './networks';
import { podsApi } from './pods';
import { pruneApi } from './prune';
import { pullApi } from './pull';
import { registriesApi } from './registries';
import { runtimesApi } from './runtimes';
import { statsApi } from './stats';
import { volumesApi } from './volumes';

export const router = {
  engine: engineApi,
  hosts: hostsApi,
  containers: { ...containersApi, ...containerActionsApi },
  images: { ...imagesApi, ...pullApi },
  stats: statsApi,
  prune: pruneApi,
  volumes: volumesApi,
  networks: networksApi,
  layers: layersApi,
  registries: registriesApi,
  pods: podsApi,
  runtimes: runtimesApi,
  cri: criApi,
};

export type BerthRouter = typeof router;
