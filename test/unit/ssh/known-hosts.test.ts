import { describe, expect, it } from 'vitest';
import { checkHostKey, fingerprintOf, knownHostsLine, knownKeyTypes } from '../../../main/ssh/known-hosts';

// Made with ssh-keygen; the hashed lines with `ssh-keygen -H` (the first for
// [server.example]:2222, the second for plain.example).
const K1 = { type: 'ssh-ed25519', base64: 'AAAAC3NzaC1lZDI1NTE5AAAAIJo6jAR1a7Q5BiLTDsN9Iong5hhVrd9AA8ljUBxtJEeh' };
const K2 = { type: 'ssh-ed25519', base64: 'AAAAC3NzaC1lZDI1NTE5AAAAIPQQ2w39byNJCDx+M2tuamGdx1z8up6soXX9fOUw+gH6' };
const HASHED = [
  `|1|fzlJ7mBDXFKrgoKXASWlNKDjmYg=|mFy2bE0uR/LQbKlbIrdpbt59eak= ${K1.type} ${K1.base64}`,
  `|1|jTQ2pOR3hmTTBhAbwZU+wDI6Qm8=|yI4J2t6/HiKVNEGCCmABkKzD/Ow= ${K1.type} ${K1.base64}`,
].join('\n');

describe('host key fingerprints', () => {
  it('prints SHA256 as ssh-keygen -l does', () => {
    expect(fingerprintOf(K1.base64)).toBe('SHA256:MV2pzDiEu69AUC6iti771Ngz70h/5NZWSb5VmtdHZyM');
  });
});

describe('checking a host key against known_hosts', () => {
  it('knows a key listed under the plain name on port 22, and under [host]:port otherwise', () => {
    const text = `# comment\nplain.example,10.0.0.1 ${K1.type} ${K1.base64} me@laptop\n[other.example]:2222 ${K2.type} ${K2.base64}\n`;
    expect(checkHostKey(text, '10.0.0.1', 22, K1).status).toBe('known');
    expect(checkHostKey(text, 'other.example', 2222, K2).status).toBe('known');
    // The port is part of the name: the same host on port 22 is a different entry.
    expect(checkHostKey(text, 'other.example', 22, K2).status).toBe('unknown');
  });

  it('matches hashed entries (HMAC-SHA1 of the name)', () => {
    expect(checkHostKey(HASHED, 'server.example', 2222, K1).status).toBe('known');
    expect(checkHostKey(HASHED, 'plain.example', 22, K1).status).toBe('known');
    expect(checkHostKey(HASHED, 'server.example', 22, K1).status).toBe('unknown');
    expect(checkHostKey(HASHED, 'server.example', 2222, K2)).toMatchObject({ status: 'changed', knownTypes: ['ssh-ed25519'], lines: [1] });
  });

  it('honours wildcards and negation in host patterns', () => {
    const text = `*.lab,!secret.lab ${K1.type} ${K1.base64}`;
    expect(checkHostKey(text, 'a.lab', 22, K1).status).toBe('known');
    expect(checkHostKey(text, 'secret.lab', 22, K1).status).toBe('unknown');
  });

  it('reports a changed key with the offered fingerprint, so the user can compare', () => {
    const verdict = checkHostKey(`plain.example ${K1.type} ${K1.base64}`, 'plain.example', 22, K2);
    expect(verdict).toEqual({ status: 'changed', fingerprint: fingerprintOf(K2.base64), knownTypes: ['ssh-ed25519'], lines: [1] });
  });

  it('refuses a revoked key for any host, even one that also lists it', () => {
    const text = `@revoked * ${K2.type} ${K2.base64}\nplain.example ${K2.type} ${K2.base64}`;
    expect(checkHostKey(text, 'plain.example', 22, K2)).toMatchObject({ status: 'revoked', line: 1 });
  });

  it('does not take a @cert-authority line as the host key', () => {
    const text = `@cert-authority *.example ${K1.type} ${K1.base64}`;
    expect(checkHostKey(text, 'plain.example', 22, K1).status).toBe('unknown');
    expect(knownKeyTypes(text, 'plain.example', 22)).toEqual([]);
  });

  it('writes an accepted key so that it is known next time', () => {
    const line = knownHostsLine('127.0.0.1', 2200, K1);
    expect(line).toBe(`[127.0.0.1]:2200 ${K1.type} ${K1.base64}`);
    expect(checkHostKey(`${line}\n`, '127.0.0.1', 2200, K1).status).toBe('known');
    expect(knownKeyTypes(line, '127.0.0.1', 2200)).toEqual(['ssh-ed25519']);
  });
});
