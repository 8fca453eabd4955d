/**
 * Where a webhook may be sent. An endpoint's URL is typed by an administrator, but the request
 * is made from inside the company's network: pointed at 127.0.0.1, a cloud metadata address
 * (169.254.169.254) or a private service, a webhook would be a way into it (server-side
 * request forgery). So in production (PRIVET_WEBHOOK_PRIVATE_ADDRESSES=refuse, the default
 * there) a delivery connects only to public addresses:
 * - a URL naming an address itself is checked before anything is sent;
 * - a host name is checked where the connection is made, on the addresses DNS gave for this
 *   very connection (the dispatcher's `lookup`), so a name that resolves to a public address
 *   when registered and to a private one later (DNS rebinding) is refused too.
 * Outside production the tests' receivers listen on loopback, so private addresses are allowed.
 */
import { lookup as dnsLookup, type LookupAddress, type LookupOneOptions } from "node:dns";
import { BlockList, isIP } from "node:net";
import { Agent } from "undici";

export type PrivateAddressPolicy = "allow" | "refuse";

/** The failure a refused destination is recorded with (describeFailure maps its code). */
export const PRIVATE_ADDRESS_CODE = "EPRIVETPRIVATEADDRESS";

const PRIVATE_NETWORKS = new BlockList();
for (const [network, prefix] of [
  ["0.0.0.0", 8], // "this" network
  ["10.0.0.0", 8],
  ["100.64.0.0", 10], // carrier-grade NAT
  ["127.0.0.0", 8], // loopback
  ["169.254.0.0", 16], // link-local, cloud metadata services
  ["172.16.0.0", 12],
  ["192.0.0.0", 24], // IETF protocol assignments
  ["192.168.0.0", 16],
  ["198.18.0.0", 15], // benchmarking
  ["224.0.0.0", 4], // multicast
  ["240.0.0.0", 4], // reserved, broadcast
] as const) {
  PRIVATE_NETWORKS.addSubnet(network, prefix, "ipv4");
}
for (const [network, prefix] of [
  ["::", 128], // unspecified
  ["::1", 128], // loopback
  ["fc00::", 7], // unique local
  ["fe80::", 10], // link-local
  ["ff00::", 8], // multicast
] as const) {
  PRIVATE_NETWORKS.addSubnet(network, prefix, "ipv6");
}

/** Whether an IP address (v4 or v6, brackets allowed) is on a private or special network. */
export function isPrivateAddress(text: string): boolean {
  const address = text.replace(/^\[|\]$/g, "");
  const family = isIP(address);
  if (family === 4) return PRIVATE_NETWORKS.check(address, "ipv4");
  if (family !== 6) return false;
  // An IPv4 address written as IPv6 (::ffff:127.0.0.1) is that IPv4 address.
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
  if (mapped?.[1]) return PRIVATE_NETWORKS.check(mapped[1], "ipv4");
  return PRIVATE_NETWORKS.check(address, "ipv6");
}

/** A URL whose host is itself a private address, or `localhost`: refused at registration. */
export function namesPrivateAddress(url: URL): boolean {
  const host = url.hostname.toLowerCase();
  return host === "localhost" || host.endsWith(".localhost") || isPrivateAddress(host);
}

function privateAddressError(): Error {
  return Object.assign(new Error("the destination is on a private network"), {
    code: PRIVATE_ADDRESS_CODE,
  });
}

type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

/** dns.lookup that fails when any address the name resolves to is private. */
function publicOnlyLookup(
  hostname: string,
  options: LookupOneOptions & { all?: boolean },
  callback: LookupCallback,
): void {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, "");
    if (addresses.length === 0 || addresses.some((a) => isPrivateAddress(a.address))) {
      return callback(privateAddressError(), "");
    }
    if (options.all) return callback(null, addresses);
    const [first] = addresses as [LookupAddress];
    callback(null, first.address, first.family);
  });
}

const publicOnly = new Agent({ connect: { lookup: publicOnlyLookup as never } });
const anywhere = new Agent();

/** The dispatcher a delivery goes through under the policy. */
export function webhookDispatcher(policy: PrivateAddressPolicy): Agent {
  return policy === "refuse" ? publicOnly : anywhere;
}

/** Checked before sending: a URL naming a private address is refused without a connection. */
export function refusedDestination(url: string, policy: PrivateAddressPolicy): boolean {
  if (policy === "allow") return false;
  try {
    return isPrivateAddress(new URL(url).hostname);
  } catch {
    return true;
  }
}
