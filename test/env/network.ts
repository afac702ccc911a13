// Private address space and bridges, so the run's engines never share a bridge,
// a subnet or an iptables chain with another engine on the machine (the
// machine's docker0 and podman0, or another run in another slot).
//
// A slot owns a "bank" of four /16s of 10.0.0.0/8: 10.{200+4b} … 10.{203+4b}
// (b = 0…12, the slot number when free). The bank is remembered in the slot, so
// whatever a crashed run left (bridges, Docker's br-* and Podman's podmanN
// bridges, netavark's iptables rules) is recognised by its addresses and removed.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { runSync } from './process';

export interface SlotNetwork {
  /** The bank number (10.{200+4·bank}.0.0 is the first /16). */
  bank: number;
  /** Linux bridge the private dockerd uses as its default `bridge` network. */
  dockerBridge: string;
  /** Address of that bridge with prefix, e.g. 10.200.0.1/24 (containers get 10.200.0.2…). */
  dockerBridgeAddress: string;
  /** Pool for user-defined Docker networks, e.g. 10.201.0.0/16 cut in /24s. */
  dockerPool: string;
  /** Name of Podman's default network (not `podman`: netavark names its iptables chains after it). */
  podmanNetwork: string;
  /** Bridge of Podman's default network (netavark creates it on demand). */
  podmanBridge: string;
  /** Subnet of Podman's default network, e.g. 10.202.0.0/24. */
  podmanSubnet: string;
  /** Pool for user-defined Podman networks, e.g. 10.203.0.0/16. */
  podmanPool: string;
  /** Address prefixes of Podman's networks (iptables rules that mention them are the slot's). */
  podmanPrefixes: string[];
}

interface Net {
  address: number;
  bits: number;
}

const BANKS = 13;
const firstOctet = (bank: number) => 200 + 4 * bank;

function bankNets(bank: number): Net[] {
  return [0, 1, 2, 3].map((i) => ({ address: ((10 << 24) | ((firstOctet(bank) + i) << 16)) >>> 0, bits: 16 }));
}

function parseCidr(cidr: string): Net | undefined {
  const match = /^(\d+)\.(\d+)\.(\d+)\.(\d+)\/(\d+)$/.exec(cidr);
  if (!match) return undefined;
  const [a, b, c, d] = match.slice(1, 5).map(Number) as [number, number, number, number];
  return { address: ((a << 24) | (b << 16) | (c << 8) | d) >>> 0, bits: Number(match[5]) };
}

function overlaps(a: Net, b: Net): boolean {
  const bits = Math.min(a.bits, b.bits);
  const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
  return ((a.address & mask) >>> 0) === ((b.address & mask) >>> 0);
}

function hexToIPv4(hex: string): number {
  // /proc/net/route prints addresses little-endian.
  const n = parseInt(hex, 16);
  return ((((n & 0xff) << 24) | (((n >>> 8) & 0xff) << 16) | (((n >>> 16) & 0xff) << 8) | (n >>> 24)) >>> 0);
}

/** IPv4 networks routed on this machine (main table), default route excluded. */
function routedNetworks(): Net[] {
  let text: string;
  try {
    text = readFileSync('/proc/net/route', 'utf8');
  } catch {
    return [];
  }
  const nets: Net[] = [];
  for (const line of text.trim().split('\n').slice(1)) {
    const [iface, dest, , , , , , mask] = line.trim().split(/\s+/);
    if (!iface || !dest || !mask) continue;
    const maskValue = hexToIPv4(mask);
    if (maskValue === 0) continue;
    nets.push({ address: hexToIPv4(dest), bits: maskValue.toString(2).replace(/0+$/, '').length });
  }
  return nets;
}

/** Names of the bridges of the slot with this id: Docker's default bridge, Podman's default network's. */
export function bridgeNames(id: string): [string, string] {
  return [`berthd${id}`, `berthp${id}`];
}

function describe(bank: number, id: string): SlotNetwork {
  const first = firstOctet(bank);
  const [dockerBridge, podmanBridge] = bridgeNames(id);
  return {
    bank,
    dockerBridge,
    dockerBridgeAddress: `10.${first}.0.1/24`,
    dockerPool: `10.${first + 1}.0.0/16`,
    podmanNetwork: `berth-${id}`,
    podmanBridge,
    podmanSubnet: `10.${first + 2}.0.0/24`,
    podmanPool: `10.${first + 3}.0.0/16`,
    podmanPrefixes: [`10.${first + 2}.`, `10.${first + 3}.`],
  };
}

/** The bank a slot used last time, if it recorded one. */
export function previousNetwork(stateFile: string, id: string): SlotNetwork | undefined {
  try {
    const { bank } = JSON.parse(readFileSync(stateFile, 'utf8')) as { bank: number };
    return Number.isInteger(bank) && bank >= 0 && bank < BANKS ? describe(bank, id) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Picks the slot's bank: the one it used before, else the slot number, else the
 * first bank with no route on the machine. Call after `releaseNetwork` of the
 * previous one, so the slot's own leftovers do not count. Records the choice.
 */
export function chooseNetwork(stateFile: string, slot: number, id: string, previous?: SlotNetwork): SlotNetwork {
  const used = routedNetworks();
  const candidates = [previous?.bank, slot, ...Array.from({ length: BANKS }, (_, b) => b)].filter(
    (b): b is number => b !== undefined && b < BANKS,
  );
  for (const bank of candidates) {
    if (bankNets(bank).some((net) => used.some((u) => overlaps(net, u)))) continue;
    writeFileSync(stateFile, JSON.stringify({ bank }));
    return describe(bank, id);
  }
  throw new Error('no free 10.x.0.0/16 range between 10.200 and 10.251 for the test engines');
}

/** Network interfaces with an IPv4 address inside the bank (bridges its engines made), with their addresses. */
function interfacesInBank(bank: number): { name: string; address: string }[] {
  const out = runSync('ip', ['-4', '-o', 'addr', 'show']) ?? '';
  const nets = bankNets(bank);
  const found: { name: string; address: string }[] = [];
  for (const line of out.split('\n')) {
    const match = /^\d+:\s+(\S+)\s+inet\s+(\S+)/.exec(line);
    const address = match?.[2] ? parseCidr(match[2]) : undefined;
    if (match?.[1] && match[2] && address && nets.some((n) => overlaps(n, { address: address.address, bits: 32 }))) {
      found.push({ name: match[1].replace(/@.*$/, ''), address: match[2] });
    }
  }
  return found;
}

/**
 * Removes what the slot's engines left on the host network: bridges, iptables
 * rules (synchronous). Does nothing if another slot's Docker bridge holds the
 * bank now (the bank was given to a live run since).
 */
export function releaseNetwork(net: SlotNetwork): void {
  const inBank = interfacesInBank(net.bank);
  if (inBank.some((i) => i.address === net.dockerBridgeAddress && i.name !== net.dockerBridge)) return;
  const links = new Set([net.dockerBridge, net.podmanBridge, ...inBank.map((i) => i.name)]);
  links.forEach(deleteLink);
  removeFirewallRules(net.podmanPrefixes);
}

export function deleteLink(name: string): void {
  if (existsSync(`/sys/class/net/${name}`)) runSync('ip', ['link', 'del', name]);
}

/** (Re)creates a Linux bridge with an address, up. */
export function createBridge(name: string, addressWithPrefix: string): void {
  deleteLink(name);
  for (const args of [
    ['link', 'add', name, 'type', 'bridge'],
    ['addr', 'add', addressWithPrefix, 'dev', name],
    ['link', 'set', name, 'up'],
  ]) {
    if (runSync('ip', args) === undefined) throw new Error(`\`ip ${args.join(' ')}\` failed`);
  }
}

/** Splits an `iptables -S` line into arguments (double-quoted comments included). */
function splitRule(line: string): string[] {
  const args: string[] = [];
  for (const match of line.matchAll(/"((?:[^"\\]|\\.)*)"|(\S+)/g)) args.push(match[1] ?? match[2] ?? '');
  return args;
}

/**
 * Deletes iptables rules that mention addresses with the given prefixes (e.g.
 * `10.202.`): netavark's rules for containers a crashed run could not tear
 * down. Rules of anything else are left alone.
 */
export function removeFirewallRules(prefixes: string[]): void {
  const patterns = prefixes.map((p) => new RegExp(`(^|[^0-9])${p.replace(/\./g, '\\.')}`));
  for (const table of ['nat', 'filter']) {
    const rules = runSync('iptables', ['-w', '-t', table, '-S']) ?? '';
    for (const line of rules.split('\n')) {
      if (!line.startsWith('-A ') || !patterns.some((p) => p.test(line))) continue;
      runSync('iptables', ['-w', '-t', table, '-D', ...splitRule(line).slice(1)]);
    }
  }
}
