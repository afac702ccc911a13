// How Node's http/https reach an endpoint: a socket path or host and port,
// and an agent carrying TLS settings (agent options override request options,
// so rejectUnauthorized and client certificates hold for every request).
import http from 'node:http';
import https from 'node:https';
import { inspect } from 'node:util';
import type { Endpoint } from './endpoint';

/**
 * docker-modem formats every request's options with util.inspect (showHidden,
 * depth null) for its debug log, even with the log off, and the options hold
 * the agent: every pooled socket (for SSH, every channel and the whole ssh2
 * client behind it) was walked on every request. With 100 open event streams
 * that took seconds per request, and milliseconds per call on any keep-alive
 * agent. An agent Berth hands to dockerode prints as its name instead.
 */
export function briefWhenInspected<T extends http.Agent>(agent: T): T {
  Object.defineProperty(agent, inspect.custom, { value: () => `[${agent.constructor.name}]`, configurable: true });
  return agent;
}

export interface DialTarget {
  protocol: 'http:' | 'https:';
  socketPath?: string;
  host?: string;
  port?: number;
  agent: http.Agent;
}

export function dialTarget(endpoint: Endpoint, agentOptions: http.AgentOptions = {}): DialTarget {
  if (endpoint.kind !== 'tcp') return { protocol: 'http:', socketPath: endpoint.path, agent: briefWhenInspected(new http.Agent(agentOptions)) };
  const { tls } = endpoint;
  if (!tls) return { protocol: 'http:', host: endpoint.host, port: endpoint.port, agent: briefWhenInspected(new http.Agent(agentOptions)) };
  const agent = new https.Agent({
    ...agentOptions,
    rejectUnauthorized: tls.verify,
    ...(tls.ca ? { ca: tls.ca } : {}),
    ...(tls.cert && tls.key ? { cert: tls.cert, key: tls.key } : {}),
  });
  return { protocol: 'https:', host: endpoint.host, port: endpoint.port, agent: briefWhenInspected(agent) };
}
