// Berth's API with a registry book of its own, as the app builds it: a data
// folder, a docker config folder (DOCKER_CONFIG) and PATH for credential
// helpers, a memory secret store, and an optional fetch (counting, faulty).
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { contextFromSessions } from '../../../main/api/create-context';
import { serveApi } from '../../../main/api/dispatch';
import { router, type BerthRouter } from '../../../main/api/router';
import { RegistryCredentials } from '../../../main/images/credentials';
import type { EngineSession } from '../../../main/live/types';
import { RegistryBook } from '../../../main/registry/book';
import type { Fetch } from '../../../main/registry/client';
import { memoryStore } from '../../../main/secrets/secret-store';
import { createClient } from '../../../renderer/src/rpc/client';
import { pipePair } from '../../support/pipe-pair';

export interface BerthApiOptions {
  /** config.json's content, e.g. { auths } or { credsStore: 'berthtest' }. */
  dockerConfig?: object;
  /** Extra environment for credential helpers (PATH, their state). */
  env?: NodeJS.ProcessEnv;
  fetch?: Fetch;
  pageSize?: number;
  sessions?: Map<string, EngineSession>;
}

export async function berthApi(options: BerthApiOptions = {}) {
  const dataDir = await mkdtemp(join(tmpdir(), 'berth-registries-'));
  const dockerConfigDir = await mkdtemp(join(tmpdir(), 'berth-docker-config-'));
  if (options.dockerConfig) await writeFile(join(dockerConfigDir, 'config.json'), JSON.stringify(options.dockerConfig));
  const secrets = memoryStore();
  const credentials = new RegistryCredentials({ env: { ...process.env, ...options.env, DOCKER_CONFIG: dockerConfigDir }, secrets });
  const registries = new RegistryBook({ dataDir, credentials, fetch: options.fetch, pageSize: options.pageSize });
  await registries.load();
  const pair = pipePair();
  serveApi(router, contextFromSessions(options.sessions ?? new Map(), { registries, secrets }), pair.server);
  return { api: createClient<BerthRouter>(pair.client).api, registries, secrets, dataDir, dockerConfigDir, close: pair.close };
}

/** A docker-credential-NAME helper (a small node script) in a PATH folder of its own, keeping logins as files there. */
export async function credentialHelper(name: string): Promise<{ env: NodeJS.ProcessEnv; dir: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'berth-cred-helper-'));
  const script = `#!${process.execPath}
const fs = require('fs'), path = require('path');
const dir = process.env.BERTH_TEST_HELPER_STATE;
let input = '';
process.stdin.on('data', (d) => (input += d)).on('end', () => {
  const file = (server) => path.join(dir, 'login-' + Buffer.from(server.trim()).toString('hex') + '.json');
  const action = process.argv[2];
  if (action === 'store') { const c = JSON.parse(input); fs.writeFileSync(file(c.ServerURL), JSON.stringify(c)); return; }
  const f = file(input);
  if (!fs.existsSync(f)) { process.stdout.write('credentials not found in native keychain\\n'); process.exit(1); }
  if (action === 'get') process.stdout.write(fs.readFileSync(f));
  else if (action === 'erase') fs.unlinkSync(f);
  else { process.stderr.write('unknown action ' + action + '\\n'); process.exit(2); }
});
`;
  await writeFile(join(dir, `docker-credential-${name}`), script, { mode: 0o755 });
  return { dir, env: { PATH: `${dir}:${process.env.PATH ?? ''}`, BERTH_TEST_HELPER_STATE: dir } };
}
