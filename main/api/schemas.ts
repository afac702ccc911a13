// Inputs shared by the pull, run and lifecycle areas.
import { z } from 'zod';
import { hostInput } from './inputs';

export const containerId = z.string().min(1).max(128).regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'a container id or name');
export const withHost = <S extends z.ZodRawShape>(shape: S) => hostInput.extend(shape);

const text = (max: number) => z.string().max(max);

export const runSpecInput = z
  .object({
    image: text(512),
    name: text(128),
    command: text(16_384),
    entrypoint: text(4096),
    env: text(262_144),
    ports: z.array(z.object({ hostPort: text(8), hostIp: text(64), containerPort: text(8), protocol: z.enum(['tcp', 'udp', 'sctp']) }).strict()).max(256),
    mounts: z.array(z.object({ type: z.enum(['bind', 'volume']), source: text(4096), target: text(4096), readOnly: z.boolean() }).strict()).max(128),
    network: text(256),
    restart: z.enum(['no', 'always', 'unless-stopped', 'on-failure']),
    maxRetries: text(10),
    autoRemove: z.boolean(),
    cpus: text(16),
    memory: text(32),
    pidsLimit: text(16),
    labels: text(65_536),
    tty: z.boolean(),
  })
  .strict();
