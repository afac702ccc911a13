// Pushing a local image to a registry that asks for a login, through the
// engine with the login Berth kept (X-Registry-Auth), with per-layer progress;
// then deleting the tag, which reports what went and that the space returns
// only after the registry's garbage collection.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { PushEvent } from '../../../main/images/push';
import type { EngineSession } from '../../../main/live/types';
import { docker } from '../../env';
import { collect, localSession } from '../../support/api-client';
import { berthApi } from './berth-api';

const env = inject('testEnv');
const RUN = `${process.pid}-${Date.now().toString(36)}`;
const REPO = `pushed/layered-${RUN}`;
let session: EngineSession;
let berth: Awaited<ReturnType<typeof berthApi>>;
let registryId: string;

beforeAll(async () => {
  session = localSession(env.dockerHost);
  berth = await berthApi({ sessions: new Map([['local', session]]) });
  registryId = (await berth.api.registries.add.mutate({ kind: 'generic', address: env.registryAuth.basic.address })).id;
});

afterAll(async () => {
  berth?.close();
  await session?.close();
  await docker(env, 'rmi', `${env.registryAuth.basic.address}/${REPO}:1`).catch(() => '');
});

describe('push and delete', () => {
  it('refuses to push without a login, saying to log in', async () => {
    const sub = collect<PushEvent>((h) => berth.api.registries.push.subscribe({ image: env.images.layered, registry: registryId, repository: REPO, tag: '0' }, h));
    expect(await sub.ended()).toMatchObject({ message: expect.stringMatching(/log in/i) });
  });

  it('pushes a local image with the login kept in Berth, layer by layer, and the registry then has it', async () => {
    await berth.api.registries.login.mutate({ registry: registryId, username: env.registryAuth.basic.username, password: env.registryAuth.basic.password });
    const sub = collect<PushEvent>((h) => berth.api.registries.push.subscribe({ image: env.images.layered, registry: registryId, repository: REPO, tag: '1' }, h));
    expect(await sub.ended()).toBeNull();
    const done = sub.events.at(-1)!;
    expect(done.phase).toBe('done');
    expect(done.reference).toBe(`${env.registryAuth.basic.address}/${REPO}:1`);
    expect(done.layers).toHaveLength(4);
    expect(done.layers.every((l) => l.state === 'pushed' || l.state === 'exists')).toBe(true);
    expect(done.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    const details = await berth.api.registries.tag.query({ registry: registryId, repository: REPO, tag: '1' });
    expect(details.digest).toBe(done.digest);
    expect(details.config.labels['org.opencontainers.image.title']).toBe('Berth layered fixture');
  });

  it('deletes the tag’s manifest, reports the digest and the garbage collection, and the tag is gone', async () => {
    const before = await berth.api.registries.tag.query({ registry: registryId, repository: REPO, tag: '1' });
    const report = await berth.api.registries.deleteTag.mutate({ registry: registryId, repository: REPO, tag: '1' });
    expect(report).toEqual({
      reference: `${env.registryAuth.basic.address}/${REPO}:1`,
      digest: before.digest,
      note: expect.stringMatching(/every tag .* pointed at it is gone too\. The registry frees the space only when its garbage collection runs\./),
    });
    expect((await berth.api.registries.tags.query({ registry: registryId, repository: REPO })).tags).toEqual([]);
    await expect(berth.api.registries.deleteTag.mutate({ registry: registryId, repository: REPO, tag: '1' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
