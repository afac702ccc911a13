import { describe, expect, it } from 'vitest';
import { decideAccess, isLoopbackHost, isSameOrigin, tokenCookieName, type RequestFacts } from '../../../main/server/access';

const token = 'tok-123';
const cookie = `${tokenCookieName(token)}=${token}`;
const request = (over: Partial<RequestFacts>): RequestFacts => ({ method: 'GET', url: '/', host: '127.0.0.1:7730', origin: undefined, cookie: undefined, upgrade: false, ...over });

describe('who may use berth serve', () => {
  it('accepts loopback hosts on any port (ssh -L forwards) and refuses other names (DNS rebinding)', () => {
    expect(isLoopbackHost('127.0.0.1:7730')).toBe(true);
    expect(isLoopbackHost('localhost:9000')).toBe(true);
    expect(isLoopbackHost('[::1]:80')).toBe(true);
    expect(isLoopbackHost('LOCALHOST')).toBe(true);
    expect(isLoopbackHost('evil.example:7730')).toBe(false);
    expect(isLoopbackHost('127.0.0.1.evil.example')).toBe(false);
    expect(isLoopbackHost(undefined)).toBe(false);
  });

  it('needs the origin to be exactly the host asked', () => {
    expect(isSameOrigin('http://127.0.0.1:7730', '127.0.0.1:7730')).toBe(true);
    expect(isSameOrigin('http://localhost:7730', '127.0.0.1:7730')).toBe(false);
    expect(isSameOrigin('https://127.0.0.1:7730', '127.0.0.1:7730')).toBe(false);
    expect(isSameOrigin('null', '127.0.0.1:7730')).toBe(false);
  });

  it('turns a token in the URL into a cookie and a redirect to the clean URL', () => {
    const decision = decideAccess(token, request({ url: `/?token=${token}&tab=images` }));
    expect(decision).toEqual({ allow: true, via: 'query', cookie: `${cookie}; Path=/; HttpOnly; SameSite=Strict`, location: '/?tab=images' });
  });

  it('lets requests with the cookie through', () => {
    expect(decideAccess(token, request({ url: '/assets/index.js', cookie: `other=1; ${cookie}` }))).toEqual({ allow: true, via: 'cookie' });
  });

  it('refuses requests without the token or with a wrong one, saying what to do', () => {
    expect(decideAccess(token, request({}))).toMatchObject({ allow: false, status: 401, reason: expect.stringContaining('open the URL that `berth serve` printed') });
    expect(decideAccess(token, request({ url: '/?token=guess' }))).toMatchObject({ allow: false, status: 401, reason: expect.stringContaining('wrong') });
    expect(decideAccess(token, request({ cookie: `${tokenCookieName(token)}=tok-12` }))).toMatchObject({ allow: false, status: 401 });
    // A cookie of another Berth server on the same machine does not open this one.
    expect(decideAccess(token, request({ cookie: `${tokenCookieName('other')}=${token}` }))).toMatchObject({ allow: false, status: 401 });
  });

  it('refuses a foreign Host header even with the token', () => {
    expect(decideAccess(token, request({ host: 'attacker.example:7730', cookie }))).toMatchObject({ allow: false, status: 421 });
  });

  it('refuses cross-origin requests and WebSockets, even with the cookie', () => {
    expect(decideAccess(token, request({ origin: 'http://attacker.example', cookie }))).toMatchObject({ allow: false, status: 403 });
    expect(decideAccess(token, request({ upgrade: true, url: '/api', origin: 'http://attacker.example', cookie }))).toMatchObject({ allow: false, status: 403 });
    // A WebSocket without any Origin is not from a page Berth served.
    expect(decideAccess(token, request({ upgrade: true, url: '/api', cookie }))).toMatchObject({ allow: false, status: 403 });
    expect(decideAccess(token, request({ upgrade: true, url: '/api', origin: 'http://127.0.0.1:7730', cookie }))).toEqual({ allow: true, via: 'cookie' });
  });

  it('does not accept the token in a WebSocket URL, where it would end up in logs', () => {
    expect(decideAccess(token, request({ upgrade: true, url: `/api?token=${token}`, origin: 'http://127.0.0.1:7730' }))).toMatchObject({ allow: false, status: 401 });
  });
});
