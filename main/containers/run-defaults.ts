// The run dialog's blank form. A module of plain data with type-only imports,
// so the renderer may import it (eslint.config.js allows it by name).
import type { RunSpec } from './run-spec';

export const EMPTY_RUN_SPEC: Omit<RunSpec, 'image'> = {
  name: '',
  command: '',
  entrypoint: '',
  env: '',
  ports: [],
  mounts: [],
  network: '',
  restart: 'no',
  maxRetries: '',
  autoRemove: false,
  cpus: '',
  memory: '',
  pidsLimit: '',
  labels: '',
  tty: false,
};
