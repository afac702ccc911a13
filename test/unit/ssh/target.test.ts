import { describe, expect, it } from 'vitest';
import { formatTarget, parseTarget } from '../../../main/ssh/target';

describe('user@host[:port]', () => {
  it('parses the forms users type', () => {
    expect(parseTarget('root@10.0.0.2:2222')).toEqual({ user: 'root', host: '10.0.0.2', port: 2222 });
    expect(parseTarget(' build ')).toEqual({ user: null, host: 'build', port: null });
    expect(parseTarget('ssh://me@server.example')).toEqual({ user: 'me', host: 'server.example', port: null });
    expect(parseTarget('ops@[::1]:22')).toEqual({ user: 'ops', host: '::1', port: 22 });
  });

  it('says what is wrong', () => {
    expect(() => parseTarget('')).toThrow(/Enter a host/);
    expect(() => parseTarget('root@host:99999')).toThrow(/outside 1–65535/);
    expect(() => parseTarget('root@host:ssh')).toThrow(/"ssh" is not a number/);
    expect(() => parseTarget('@host')).toThrow(/Nothing before "@"/);
    expect(() => parseTarget('::1')).toThrow(/brackets/);
    expect(() => parseTarget('tcp://host:2375')).toThrow(/Only ssh:\/\//);
    expect(() => parseTarget('root@ho st')).toThrow(/space/);
  });

  it('formats back as users write it', () => {
    expect(formatTarget({ user: 'root', host: '::1', port: 2222 })).toBe('root@[::1]:2222');
    expect(formatTarget({ user: null, host: 'a', port: 22 })).toBe('a');
  });
});
