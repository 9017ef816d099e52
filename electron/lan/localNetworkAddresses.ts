/**
 * Which of this machine's addresses the embedded signaling server listens on, so colleagues on
 * the same office network or VPN can reach it. Pure: main passes `os.networkInterfaces()`.
 *
 * Only IPv4, because the addresses go into invite links that people on the same network type
 * into y-webrtc as ws://host:port, and IPv6 link-local addresses need a zone id that differs
 * between machines. Left out: loopback and other internal interfaces, link-local 169.254/16
 * (no DHCP answered: not a network anyone else is on), and the bridges virtual machines and
 * containers create (Docker, libvirt, VirtualBox, VMware, WSL), which no colleague can reach.
 * Private ranges (RFC 1918, and 100.64/10, which VPNs such as Tailscale use) come first; a
 * public address is used only when there is no private one.
 */

/** The fields of `os.NetworkInterfaceInfo` read here. `family` was a number in Node 18.0–18.3. */
export interface NetworkInterfaceAddress {
  readonly address: string;
  readonly family: string | number;
  readonly internal: boolean;
}

export type NetworkInterfaces = Readonly<Record<string, readonly NetworkInterfaceAddress[] | undefined>>;

/** One server per address; a machine with more than this is a router, not a laptop. */
export const MAX_LOCAL_NETWORK_ADDRESSES = 4;

/** Interface names of virtual bridges that only reach VMs or containers on this machine. */
const VIRTUAL_BRIDGE_NAMES = [
  /^docker\d*$/i,
  /^br-[0-9a-f]{6,}$/i, // docker compose networks
  /^veth/i,
  /^virbr\d*/i, // libvirt
  /^vboxnet\d*/i, // VirtualBox host-only (Linux, macOS)
  /^vmnet\d*/i, // VMware (Linux, macOS)
  /^(cni|flannel|cali|weave|podman|lxcbr|lxdbr|kube-bridge)/i, // container runtimes
  /^vEthernet \((WSL|Default Switch)/i, // Hyper-V's WSL and NAT switches (Windows)
  /^VirtualBox Host-Only/i,
  /^VMware Network Adapter/i,
];

function parseIpv4(address: string): [number, number, number, number] | null {
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(address);
  if (match === null) return null;
  const octets = match.slice(1).map(Number);
  if (octets.some((octet) => octet > 255)) return null;
  return octets as [number, number, number, number];
}

type AddressScope = 'private' | 'public' | 'unusable';

function scopeOf([a, b]: [number, number, number, number]): AddressScope {
  if (a === 0 || a === 127 || a >= 224) return 'unusable'; // "this network", loopback, multicast, reserved
  if (a === 169 && b === 254) return 'unusable'; // link-local
  if (a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168)) return 'private';
  if (a === 100 && b >= 64 && b <= 127) return 'private'; // carrier-grade NAT, VPN overlays
  return 'public';
}

function isIpv4Family(family: string | number): boolean {
  return family === 'IPv4' || family === 4;
}

export function chooseLocalNetworkAddresses(interfaces: NetworkInterfaces): string[] {
  const preferred: string[] = [];
  const fallback: string[] = [];
  for (const [name, addresses] of Object.entries(interfaces)) {
    if (!Array.isArray(addresses) || VIRTUAL_BRIDGE_NAMES.some((pattern) => pattern.test(name))) continue;
    for (const entry of addresses as readonly NetworkInterfaceAddress[]) {
      if (typeof entry !== 'object' || entry === null || entry.internal !== false || !isIpv4Family(entry.family)) continue;
      const octets = typeof entry.address === 'string' ? parseIpv4(entry.address) : null;
      if (octets === null) continue;
      const scope = scopeOf(octets);
      const list = scope === 'private' ? preferred : scope === 'public' ? fallback : null;
      if (list !== null && !preferred.includes(entry.address) && !fallback.includes(entry.address)) {
        list.push(entry.address);
      }
    }
  }
  return (preferred.length > 0 ? preferred : fallback).slice(0, MAX_LOCAL_NETWORK_ADDRESSES);
}
