// How Node's http/https reach an endpoint: a socket path or host and port,
// and an agent carrying TLS settings (agent options override request options,
// so rejectUnauthorized and client certificates hold for every request).
import http from 'node:http';
import https from 'node:https';
import type { Endpoint } from './endpoint';

export interface DialTarget {
  protocol: 'http:' | 'https:';
  socketPath?: string;
  host?: string;
  port?: number;
  agent: http.Agent;
}

export function dialTarget(endpoint: Endpoint, agentOptions: http.AgentOptions = {}): DialTarget {
  if (endpoint.kind !== 'tcp') return { protocol: 'http:', socketPath: endpoint.path, agent: new http.Agent(agentOptions) };
  const { tls } = endpoint;
  if (!tls) return { protocol: 'http:', host: endpoint.host, port: endpoint.port, agent: new http.Agent(agentOptions) };
  const agent = new https.Agent({
    ...agentOptions,
    rejectUnauthorized: tls.verify,
    ...(tls.ca ? { ca: tls.ca } : {}),
    ...(tls.cert && tls.key ? { cert: tls.cert, key: tls.key } : {}),
  });
  return { protocol: 'https:', host: endpoint.host, port: endpoint.port, agent };
}
