/**
 * Response headers and link origins. The studio is served cross-origin isolated (COOP/COEP/CORP,
 * declared once in core) under a Content-Security-Policy that the studio itself passes: its own
 * scripts, workers (and the blob: workers of tf.js's threaded WebAssembly), WebAssembly
 * compilation, blob:/data: pictures and downloads, and backbones fetched from an address a person
 * types. No page may frame it (owner keys live in its storage).
 */
import type { FastifyRequest } from "fastify";
import { CROSS_ORIGIN_ISOLATION_HEADERS } from "../src/core/backend/isolation";
import type { ServerConfig } from "./config";

/** The isolation pair, and CORP so that a page under `require-corp` may load each response. */
const ISOLATION_HEADERS = {
  ...CROSS_ORIGIN_ISOLATION_HEADERS,
  "Cross-Origin-Resource-Policy": "same-origin",
} as const;

export const CONTENT_SECURITY_POLICY: Record<string, string[]> = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'", "'wasm-unsafe-eval'", "blob:"],
  workerSrc: ["'self'", "blob:"],
  // Pretrained backbones load from any address a person gives (and the studio's own samples).
  connectSrc: ["'self'", "https:", "http:", "blob:", "data:"],
  imgSrc: ["'self'", "blob:", "data:"],
  // React and the chart library set style attributes; no script comes from a style.
  styleSrc: ["'self'", "'unsafe-inline'"],
  fontSrc: ["'self'", "data:"],
  mediaSrc: ["'self'", "blob:", "data:"],
  objectSrc: ["'none'"],
  baseUri: ["'none'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

/** The policy as the one header line browsers read: `default-src 'self';script-src …`. */
export function policyLine(policy: Record<string, string[]>): string {
  const kebab = (name: string) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
  return Object.entries(policy)
    .map(([name, values]) => `${kebab(name)} ${values.join(" ")}`)
    .join(";");
}

/**
 * Every response's headers, made once: the policy, the isolation headers, and the hardening set
 * that helmet's defaults give (no framing, no sniffing, no referrer, HTTPS remembered for a year).
 * One object set per response in one hook costs a few microseconds; helmet's middleware cost ~40.
 */
export const RESPONSE_HEADERS: Readonly<Record<string, string>> = {
  "content-security-policy": policyLine(CONTENT_SECURITY_POLICY),
  "origin-agent-cluster": "?1",
  "referrer-policy": "no-referrer",
  "strict-transport-security": "max-age=31536000; includeSubDomains",
  "x-content-type-options": "nosniff",
  "x-dns-prefetch-control": "off",
  "x-download-options": "noopen",
  "x-frame-options": "DENY",
  "x-permitted-cross-domain-policies": "none",
  "x-xss-protection": "0",
  ...Object.fromEntries(
    Object.entries(ISOLATION_HEADERS).map(([name, value]) => [name.toLowerCase(), value]),
  ),
};

/** Hosts a request's Host header may have for links: ALLOWED_HOSTS, else the listen address. */
export function allowedLinkHosts(config: ServerConfig): string[] {
  if (config.allowedHosts.length > 0) return config.allowedHosts;
  const { host, port } = config.listen;
  const wildcard = host === "0.0.0.0" || host === "::";
  // The listen address first: it names links when the Host header is not on the list.
  const names = [...new Set([...(wildcard ? [] : [host]), "127.0.0.1", "localhost", "[::1]"])];
  return names.map((name) => `${name}:${port}`.toLowerCase());
}

/**
 * The origin written into share links: PUBLIC_URL when set; else the request's Host when it is an
 * allowed host; else the first allowed host. A forged Host header never names a link.
 */
export function linkOrigin(config: ServerConfig, request: FastifyRequest): string {
  if (config.publicUrl) return config.publicUrl;
  const allowed = allowedLinkHosts(config);
  const host = (request.headers.host ?? "").toLowerCase();
  const chosen = allowed.includes(host) ? host : allowed[0];
  return `${request.protocol === "https" ? "https" : "http"}://${chosen}`;
}
