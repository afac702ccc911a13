// A Node client for `berth serve`: logs in with the printed URL the way a
// browser does (token → cookie), then speaks the API over the WebSocket.
import { request } from 'node:http';
import WebSocket from 'ws';
import type { ClientMessage, MessagePipe, ServerMessage } from '../../main/api/protocol';
import type { BerthRouter } from '../../main/api/router';
import { createClient, type ApiClient } from '../../renderer/src/rpc/client';

export interface HttpAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export function httpGet(url: string, headers: Record<string, string> = {}): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** The cookie `berth serve` sets for the URL it printed. */
export async function loginCookie(printedUrl: string): Promise<string> {
  const answer = await httpGet(printedUrl);
  const setCookie = answer.headers['set-cookie'];
  if (answer.status !== 303 || !setCookie?.[0]) throw new Error(`login failed: HTTP ${answer.status} ${answer.body}`);
  return setCookie[0].split(';')[0]!;
}

export function openSocket(origin: string, headers: Record<string, string>): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`${origin.replace(/^http/, 'ws')}/api`, { headers: { Origin: origin, ...headers } });
    socket.once('open', () => resolve(socket));
    socket.once('unexpected-response', (_req, res) => reject(new Error(`WebSocket refused: HTTP ${res.statusCode}`)));
    socket.once('error', reject);
  });
}

export function socketPipe(socket: WebSocket): MessagePipe<ClientMessage, ServerMessage> {
  return {
    send: (message) => socket.send(JSON.stringify(message)),
    onMessage: (handler) => socket.on('message', (data) => handler(JSON.parse(data.toString()) as ServerMessage)),
    onClose: (handler) => socket.on('close', () => handler()),
  };
}

export interface ConnectedClient extends ApiClient<BerthRouter> {
  socket: WebSocket;
}

/** Connects to a running `berth serve` given the URL it printed. */
export async function connectToServer(printedUrl: string): Promise<ConnectedClient> {
  const origin = new URL(printedUrl).origin;
  const socket = await openSocket(origin, { Cookie: await loginCookie(printedUrl) });
  const client = createClient<BerthRouter>(socketPipe(socket));
  return { ...client, socket, close: () => (client.close(), socket.close()) };
}
