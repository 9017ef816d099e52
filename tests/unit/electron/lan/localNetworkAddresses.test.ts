import { describe, expect, it } from 'vitest';
import {
  chooseLocalNetworkAddresses,
  MAX_LOCAL_NETWORK_ADDRESSES,
  type NetworkInterfaceAddress,
} from '../../../../electron/lan/localNetworkAddresses';

const v4 = (address: string, internal = false): NetworkInterfaceAddress => ({ address, family: 'IPv4', internal });
const v6 = (address: string, internal = false): NetworkInterfaceAddress => ({ address, family: 'IPv6', internal });

describe('the addresses the local-network signaling server listens on', () => {
  it('on a laptop in the office, takes the Wi-Fi address and skips loopback and IPv6', () => {
    // What os.networkInterfaces() returns on a typical Linux laptop.
    expect(
      chooseLocalNetworkAddresses({
        lo: [v4('127.0.0.1', true), v6('::1', true)],
        wlp2s0: [v4('192.168.1.23'), v6('fe80::1c2e:9bff:fe4d:1a2b'), v6('2001:db8::23')],
      }),
    ).toEqual(['192.168.1.23']);
  });

  it('keeps the office network and the VPN, and leaves out Docker, libvirt and VirtualBox bridges', () => {
    expect(
      chooseLocalNetworkAddresses({
        lo: [v4('127.0.0.1', true)],
        enp0s31f6: [v4('10.20.30.40')],
        docker0: [v4('172.17.0.1')],
        'br-3f2a9c1d7e6b': [v4('172.18.0.1')],
        veth1a2b3c4: [v4('169.254.10.20')],
        virbr0: [v4('192.168.122.1')],
        vboxnet0: [v4('192.168.56.1')],
        tailscale0: [v4('100.101.102.103')],
        wg0: [v4('172.20.0.5')],
      }),
    ).toEqual(['10.20.30.40', '100.101.102.103', '172.20.0.5']);
  });

  it('on Windows, leaves out the WSL, Hyper-V NAT, VirtualBox and VMware adapters', () => {
    expect(
      chooseLocalNetworkAddresses({
        'Loopback Pseudo-Interface 1': [v4('127.0.0.1', true)],
        Ethernet: [v4('192.168.0.14')],
        'vEthernet (WSL (Hyper-V firewall))': [v4('172.29.96.1')],
        'vEthernet (Default Switch)': [v4('172.21.32.1')],
        'VirtualBox Host-Only Network': [v4('192.168.56.1')],
        'VMware Network Adapter VMnet8': [v4('192.168.200.1')],
      }),
    ).toEqual(['192.168.0.14']);
  });

  it('skips link-local addresses (no DHCP answer: not a network a colleague is on)', () => {
    expect(chooseLocalNetworkAddresses({ eth0: [v4('169.254.33.1')], en0: [v6('fe80::1')] })).toEqual([]);
  });

  it('prefers private addresses, and uses a public one only when there is nothing else', () => {
    expect(chooseLocalNetworkAddresses({ eth0: [v4('203.0.113.7')], eth1: [v4('192.168.1.5')] })).toEqual(['192.168.1.5']);
    expect(chooseLocalNetworkAddresses({ eth0: [v4('203.0.113.7')] })).toEqual(['203.0.113.7']);
  });

  it('answers nothing on a machine with no network', () => {
    expect(chooseLocalNetworkAddresses({})).toEqual([]);
    expect(chooseLocalNetworkAddresses({ lo: [v4('127.0.0.1', true)] })).toEqual([]);
  });

  it('reads the numeric family of older Node versions, and lists each address once, at most a few', () => {
    expect(chooseLocalNetworkAddresses({ eth0: [{ address: '10.0.0.2', family: 4, internal: false }] })).toEqual(['10.0.0.2']);
    expect(chooseLocalNetworkAddresses({ eth0: [v4('10.0.0.2')], 'eth0:1': [v4('10.0.0.2')] })).toEqual(['10.0.0.2']);
    const many = Object.fromEntries(Array.from({ length: 10 }, (_, index) => [`eth${index}`, [v4(`10.0.${index}.1`)]]));
    expect(chooseLocalNetworkAddresses(many)).toHaveLength(MAX_LOCAL_NETWORK_ADDRESSES);
  });

  it('ignores malformed entries', () => {
    expect(
      chooseLocalNetworkAddresses({
        eth0: [
          v4('999.1.1.1'),
          v4('10.0.0'),
          v4('10.0.0.1.5'),
          v4(' 10.0.0.1'),
          v4('0.0.0.0'),
          v4('224.0.0.251'),
          v4('255.255.255.255'),
          { address: '10.0.0.9', family: 'IPv4', internal: 'no' as unknown as boolean },
        ],
        eth1: undefined,
      }),
    ).toEqual([]);
  });
});
