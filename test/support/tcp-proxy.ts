// A TCP forwarder on loopback that a test can cut or slow down: every
// connection through it is counted, cut() drops them all at once, as a dead
// network link would, and `trickle` passes the target's first bytes at full
// speed and the rest slowly, as a poor link would, keeping a transfer under way
// for as long as a test needs it.
import net from 'node:net';
import { Transform } from 'node:stream';

export interface TcpProxyOptions {
  /** On each connection, the target's bytes after the first `after` go at `bytesPerSecond`. */
  trickle?: { after: number; bytesPerSecond: number };
}

export interface TcpProxy {
  port: number;
  /** Connections accepted so far. */
  readonly accepted: number;
  /** Connections past their full-speed bytes that the client still keeps open. */
  readonly trickling: number;
  cut(): void;
  close(): Promise<void>;
}

export async function tcpProxy(targetPort: number, options: TcpProxyOptions = {}): Promise<TcpProxy> {
  const sockets = new Set<net.Socket>();
  const trickling = new Set<net.Socket>();
  let accepted = 0;
  const server = net.createServer((inbound) => {
    accepted++;
    const outbound = net.connect({ host: '127.0.0.1', port: targetPort });
    for (const s of [inbound, outbound]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => undefined);
    }
    inbound.pipe(outbound);
    const { trickle } = options;
    if (trickle) {
      const slow = slowAfter(trickle.after, trickle.bytesPerSecond, () => trickling.add(inbound));
      outbound.pipe(slow).pipe(inbound);
      inbound.on('close', () => slow.destroy());
    } else outbound.pipe(inbound);
    inbound.on('close', () => {
      trickling.delete(inbound);
      outbound.destroy();
    });
    outbound.on('close', () => inbound.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const cut = () => sockets.forEach((s) => s.destroy());
  return {
    port: (server.address() as net.AddressInfo).port,
    get accepted() {
      return accepted;
    },
    get trickling() {
      return trickling.size;
    },
    cut,
    close: () => {
      cut();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

const TICK_MS = 100;

/** Passes the first `limit` bytes at once, then `bytesPerSecond` in ticks; backpressure holds the source meanwhile. */
function slowAfter(limit: number, bytesPerSecond: number, onSlow: () => void): Transform {
  let passed = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const perTick = Math.max(1, Math.round((bytesPerSecond * TICK_MS) / 1000));
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      const fast = Math.max(0, Math.min(chunk.length, limit - passed));
      passed += chunk.length;
      if (fast > 0) this.push(chunk.subarray(0, fast));
      if (fast === chunk.length) return done();
      onSlow();
      let rest = chunk.subarray(fast);
      const tick = () => {
        this.push(rest.subarray(0, perTick));
        rest = rest.subarray(perTick);
        if (rest.length === 0) done();
        else timer = setTimeout(tick, TICK_MS);
      };
      timer = setTimeout(tick, TICK_MS);
    },
    destroy(error, callback) {
      clearTimeout(timer);
      callback(error);
    },
  });
}
