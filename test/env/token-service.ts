// A Docker-style token service for the token-auth test registry: checks Basic
// credentials at GET /token (and the OAuth2 refresh-token POST), and answers a
// JWT signed RS256 whose header carries the signing certificate (x5c). The
// registry trusts it through `auth.token.rootcertbundle` = that self-signed
// certificate (distribution 2.8 needs the x5c chain, a jwk, or a kid that a
// bundle key matches; x5c is the one that needs no libtrust key id).
// Anonymous callers get pull on public/* only; the user gets everything.
import { execFileSync } from 'node:child_process';
import { createSign, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

export interface TokenService {
  realm: string;
  service: string;
  issuer: string;
  certPath: string;
  stop(): Promise<void>;
}

interface Access {
  type: string;
  name: string;
  actions: string[];
}

const b64url = (data: Buffer | string) => Buffer.from(data).toString('base64url');

export async function startTokenService(dir: string, user: { username: string; password: string }): Promise<TokenService> {
  mkdirSync(dir, { recursive: true });
  const keyPath = join(dir, 'token.key');
  const certPath = join(dir, 'token.crt');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', keyPath, '-out', certPath, '-days', '3', '-subj', '/CN=berth-test-token-service'], { stdio: 'ignore' });
  const key = readFileSync(keyPath, 'utf8');
  const certDer = Buffer.from(readFileSync(certPath, 'utf8').replace(/-----[^-]+-----|\s/g, ''), 'base64').toString('base64');
  const service = 'berth-test-registry';
  const issuer = 'berth-test-token-service';

  const mint = (access: Access[], subject = user.username) => {
    const now = Math.floor(Date.now() / 1000);
    const header = b64url(JSON.stringify({ typ: 'JWT', alg: 'RS256', x5c: [certDer] }));
    const claims = b64url(JSON.stringify({ iss: issuer, sub: subject, aud: service, exp: now + 300, nbf: now - 10, iat: now, jti: randomBytes(8).toString('hex'), access }));
    const signature = createSign('RSA-SHA256').update(`${header}.${claims}`).sign(key);
    return `${header}.${claims}.${b64url(signature)}`;
  };

  const grant = (scopes: string[], authenticated: boolean): Access[] =>
    scopes.flatMap((scope) => {
      const [type, name, actions] = [scope.slice(0, scope.indexOf(':')), scope.slice(scope.indexOf(':') + 1, scope.lastIndexOf(':')), scope.slice(scope.lastIndexOf(':') + 1)];
      if (!type || !name) return [];
      const wanted = actions.split(',').filter(Boolean);
      if (authenticated) return [{ type, name, actions: wanted }];
      return type === 'repository' && name.startsWith('public/') ? [{ type, name, actions: wanted.filter((a) => a === 'pull') }] : [];
    });

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const answer = (status: number, body: object) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (url.pathname !== '/token') return answer(404, { details: 'not found' });
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      let authenticated = false;
      let scopes = url.searchParams.getAll('scope').flatMap((s) => s.split(' '));
      const basic = /^Basic (.+)$/i.exec(req.headers.authorization ?? '');
      if (req.method === 'POST') {
        // OAuth2: a refresh token (what an identity-token login holds) for a token.
        const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
        if (form.get('grant_type') !== 'refresh_token' || form.get('refresh_token') !== `refresh-${user.password}`) return answer(401, { details: 'bad refresh token' });
        scopes = (form.get('scope') ?? '').split(' ').filter(Boolean);
        return answer(200, { access_token: mint(grant(scopes, true)), expires_in: 300, refresh_token: `refresh-${user.password}` });
      }
      if (basic) {
        const decoded = Buffer.from(basic[1]!, 'base64').toString('utf8');
        if (decoded !== `${user.username}:${user.password}`) return answer(401, { details: 'wrong user name or password' });
        authenticated = true;
      }
      answer(200, { token: mint(grant(scopes, authenticated), authenticated ? user.username : ''), expires_in: 300, issued_at: new Date().toISOString() });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    realm: `http://127.0.0.1:${port}/token`,
    service,
    issuer,
    certPath,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
