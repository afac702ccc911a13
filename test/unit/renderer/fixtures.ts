import type { ContainerRow, ImageRow, PortMapping } from '../../../main/engines/types';

export function container(partial: Partial<ContainerRow> & { id: string }): ContainerRow {
  return {
    name: partial.id,
    image: 'nginx:latest',
    imageId: 'sha256:1111',
    command: 'nginx -g daemon off;',
    state: 'running',
    status: 'Up 3 minutes',
    statusSince: null,
    created: 1_700_000_000,
    ports: [],
    labels: {},
    ...partial,
  };
}

export function image(partial: Partial<ImageRow> & { id: string }): ImageRow {
  return {
    repoTags: [],
    repoDigests: [],
    dangling: false,
    size: 1_000_000,
    sharedSize: null,
    created: 1_700_000_000,
    containers: 0,
    ...partial,
  };
}

export const port = (privatePort: number, publicPort: number | null = null, ip: string | null = publicPort === null ? null : '0.0.0.0', type = 'tcp'): PortMapping => ({
  privatePort,
  publicPort,
  ip,
  type,
});
