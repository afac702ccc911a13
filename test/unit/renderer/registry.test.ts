import { describe, expect, it } from 'vitest';
import { displayRepository, historyStep, layerFormat, plainHttpElsewhere, platformText, sortTags } from '../../../renderer/src/lib/registry';

describe('registry browser wording', () => {
  it("shows Docker Hub's official images the way people type them, others as they are", () => {
    expect(displayRepository('dockerhub', 'library/nginx')).toBe('nginx');
    expect(displayRepository('dockerhub', 'bitnami/nginx')).toBe('bitnami/nginx');
    expect(displayRepository('generic', 'library/nginx')).toBe('library/nginx');
  });

  it('names platforms like docker does, and layer compression from the media type', () => {
    expect(platformText({ os: 'linux', architecture: 'arm', variant: 'v7' })).toBe('linux/arm/v7');
    expect(platformText({ os: 'linux', architecture: 'amd64' })).toBe('linux/amd64');
    expect(layerFormat('application/vnd.oci.image.layer.v1.tar+zstd')).toBe('zstd');
    expect(layerFormat('application/vnd.oci.image.layer.v1.tar+gzip')).toBe('gzip');
    expect(layerFormat('application/vnd.docker.image.rootfs.diff.tar.gzip')).toBe('gzip');
    expect(layerFormat('application/vnd.oci.image.layer.v1.tar')).toBe('tar');
  });

  it('reads build steps as Dockerfile lines', () => {
    expect(historyStep('/bin/sh -c #(nop)  CMD ["sh"]')).toBe('CMD ["sh"]');
    expect(historyStep('/bin/sh -c apk add curl')).toBe('RUN apk add curl');
    expect(historyStep('COPY file:abc in /app')).toBe('COPY file:abc in /app');
  });
});

describe('tag order', () => {
  const tags = [
    { name: '1.10', updated: '2026-01-01T00:00:00.000Z' },
    { name: '1.9', updated: '2026-03-01T00:00:00.000Z' },
    { name: 'latest', updated: '2026-03-01T00:00:00.000Z' },
    { name: '1.2' },
  ];
  it('sorts names by their numbers, so 1.10 comes after 1.9', () => {
    expect(sortTags(tags, 'name').map((t) => t.name)).toEqual(['1.2', '1.9', '1.10', 'latest']);
  });
  it('sorts by date newest first, ties by name, undated last', () => {
    expect(sortTags(tags, 'updated').map((t) => t.name)).toEqual(['1.9', 'latest', '1.10', '1.2']);
  });
});

describe('plain http warning', () => {
  it('warns for http to another host, typed or implied by the insecure mark', () => {
    expect(plainHttpElsewhere('http://registry.lan:5000', false)).toBe(true);
    expect(plainHttpElsewhere('registry.lan:5000', true)).toBe(true);
  });
  it('does not warn for this machine, for https, or before anything is typed', () => {
    expect(plainHttpElsewhere('http://127.0.0.1:5000', false)).toBe(false);
    expect(plainHttpElsewhere('localhost:5000', true)).toBe(false);
    expect(plainHttpElsewhere('[::1]:5000', true)).toBe(false);
    expect(plainHttpElsewhere('https://registry.lan', false)).toBe(false);
    expect(plainHttpElsewhere('registry.lan', false)).toBe(false);
    expect(plainHttpElsewhere('', true)).toBe(false);
  });
});
