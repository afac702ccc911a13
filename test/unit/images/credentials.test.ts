import { describe, expect, it } from 'vitest';
import { authFromConfig } from '../../../main/images/credentials';

const b64 = (s: string) => Buffer.from(s).toString('base64');

describe('authFromConfig', () => {
  const config = JSON.stringify({
    auths: {
      'https://index.docker.io/v1/': { auth: b64('hub-user:hub:pass') },
      'registry.example.com': { auth: b64('me:secret') },
      'https://quay.io/v2/': { identitytoken: 'tok' },
    },
  });

  it('finds the entry of the reference registry the way the CLI keys it', () => {
    expect(authFromConfig(config, { domain: 'docker.io' })).toEqual({ username: 'hub-user', password: 'hub:pass', serveraddress: 'https://index.docker.io/v1/' });
    expect(authFromConfig(config, { domain: 'registry.example.com' })).toEqual({ username: 'me', password: 'secret', serveraddress: 'registry.example.com' });
    expect(authFromConfig(config, { domain: 'quay.io' })).toEqual({ identitytoken: 'tok', serveraddress: 'quay.io' });
  });

  it('gives nothing for an unknown registry or a broken file', () => {
    expect(authFromConfig(config, { domain: 'localhost:5000' })).toBeNull();
    expect(authFromConfig('{not json', { domain: 'docker.io' })).toBeNull();
    expect(authFromConfig('{"credsStore":"desktop"}', { domain: 'docker.io' })).toBeNull();
  });
});
