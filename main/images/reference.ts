// Image references, parsed and normalised exactly as the docker CLI does
// (github.com/distribution/reference: the grammar, ParseNormalizedNamed,
// TagNameOnly, FamiliarString). Pure, so the pull box, the run dialog and the
// registry browser all agree with `docker pull` on what a name means.
//
//   reference  := name [ ":" tag ] [ "@" digest ]
//   name       := [ domain "/" ] path-component [ "/" path-component ]*
//   domain     := host [ ":" port ]    host := domain-name | IPv4 | "[" IPv6 "]"
//   path-component := [a-z0-9]+ ( ( [_.] | "__" | "-"+ ) [a-z0-9]+ )*
//   tag        := [\w][\w.-]{0,127}
//   digest     := algorithm ":" hex{32,}

export const DEFAULT_DOMAIN = 'docker.io';
const LEGACY_DEFAULT_DOMAIN = 'index.docker.io';
const OFFICIAL_PREFIX = 'library/';
export const DEFAULT_TAG = 'latest';
const NAME_TOTAL_LENGTH_MAX = 255;

const alnum = '[a-z0-9]+';
const separator = '(?:[_.]|__|[-]+)';
const pathComponent = `${alnum}(?:${separator}${alnum})*`;
const domainComponent = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const domainName = `${domainComponent}(?:\\.${domainComponent})*`;
const ipv6 = '\\[(?:[a-fA-F0-9:]+)\\]';
const host = `(?:${domainName}|${ipv6})`;
const domain = `${host}(?::[0-9]+)?`;
const tag = '[\\w][\\w.-]{0,127}';
const digest = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}';
const name = `(?:${domain}/)?${pathComponent}(?:/${pathComponent})*`;
const REFERENCE = new RegExp(`^(${name})(?::(${tag}))?(?:@(${digest}))?$`);
const DOMAIN = new RegExp(`^${domain}$`);
const PATH = new RegExp(`^${pathComponent}(?:/${pathComponent})*$`);
const TAG = new RegExp(`^${tag}$`);
const ANCHORED_ID = /^[a-f0-9]{64}$/;
const DIGEST_HEX_LENGTH: Record<string, number> = { sha256: 64, sha384: 96, sha512: 128 };

export interface ImageReference {
  /** "docker.io", "quay.io", "localhost:5000", "[::1]:5000". */
  domain: string;
  /** The repository inside the registry: "library/nginx", "org/app". */
  path: string;
  /** Null with a digest and no tag; "latest" when none was given (then tagDefaulted is true). */
  tag: string | null;
  /** "sha256:…" or null. */
  digest: string | null;
  /** True when the text had neither tag nor digest and "latest" was added, as `docker pull` does. */
  tagDefaulted: boolean;
}

export type ParseResult = { ok: true; ref: ImageReference } | { ok: false; error: string };

/** Parses what a user typed (`nginx`, `quay.io/org/app:1.2`, `localhost:5000/web@sha256:…`) the way `docker pull` does. */
export function parseReference(input: string): ParseResult {
  const text = input.trim();
  if (text === '') return fail('Type an image reference, e.g. nginx or quay.io/org/app:1.2.');
  if (/\s/.test(text)) return fail(`"${text}" has a space in it; an image reference has none.`);
  if (ANCHORED_ID.test(text)) return fail(`"${text}" is an image id, not a name: 64 hex digits cannot be pulled.`);

  // Split off the domain the way the CLI does: the first part is a registry when
  // it has a dot or a port, is "localhost", or has an uppercase letter.
  const slash = text.indexOf('/');
  let dom: string;
  let remainder: string;
  const first = slash === -1 ? '' : text.slice(0, slash);
  if (slash === -1 || (!/[.:]/.test(first) && first !== 'localhost' && first.toLowerCase() === first)) {
    dom = DEFAULT_DOMAIN;
    remainder = text;
  } else {
    dom = first;
    remainder = text.slice(slash + 1);
  }
  if (dom === LEGACY_DEFAULT_DOMAIN) dom = DEFAULT_DOMAIN;
  if (dom === DEFAULT_DOMAIN && !remainder.includes('/')) remainder = OFFICIAL_PREFIX + remainder;

  const repoPart = remainder.split('@')[0]!.replace(/:[^/]*$/, '');
  if (repoPart.toLowerCase() !== repoPart) return fail(`The repository name "${repoPart}" must be lowercase (the registry host and the tag may have capitals).`);
  if (!DOMAIN.test(dom)) return fail(`"${dom}" is not a valid registry host: use a host name, an IP address or [IPv6], with an optional :port.`);

  const match = REFERENCE.exec(`${dom}/${remainder}`);
  if (!match) return fail(explain(remainder));
  const [, fullName, tagPart, digestPart] = match;
  if (fullName!.length > NAME_TOTAL_LENGTH_MAX) return fail(`The repository name is ${fullName!.length} characters long; the limit is ${NAME_TOTAL_LENGTH_MAX}.`);
  if (digestPart) {
    const [algorithm, hex] = digestPart.split(':') as [string, string];
    const want = DIGEST_HEX_LENGTH[algorithm];
    if (want === undefined) return fail(`Unsupported digest algorithm "${algorithm}": use sha256, sha384 or sha512.`);
    if (hex.length !== want) return fail(`A ${algorithm} digest has ${want} hex digits; this one has ${hex.length}.`);
    if (hex.toLowerCase() !== hex) return fail('Digests are written in lowercase hex.');
  }
  const path = fullName!.slice(dom.length + 1);
  const tagDefaulted = !tagPart && !digestPart;
  return { ok: true, ref: { domain: dom, path, tag: tagPart ?? (tagDefaulted ? DEFAULT_TAG : null), digest: digestPart ?? null, tagDefaulted } };
}

/** Says which part of a reference that did not match is wrong. */
function explain(remainder: string): string {
  const at = remainder.indexOf('@');
  const beforeDigest = at === -1 ? remainder : remainder.slice(0, at);
  if (at !== -1 && !new RegExp(`^${digest}$`).test(remainder.slice(at + 1))) {
    return `"${remainder.slice(at + 1)}" is not a valid digest: write algorithm:hex, e.g. sha256: and 64 hex digits.`;
  }
  const colon = beforeDigest.lastIndexOf(':');
  const hasTag = colon > beforeDigest.lastIndexOf('/');
  const path = hasTag ? beforeDigest.slice(0, colon) : beforeDigest;
  if (hasTag && !TAG.test(beforeDigest.slice(colon + 1))) {
    return `"${beforeDigest.slice(colon + 1)}" is not a valid tag: up to 128 letters, digits, _, . and -, not starting with . or -.`;
  }
  if (!PATH.test(path)) {
    return `"${path}" is not a valid repository name: lowercase letters and digits, separated by ., _, __, - or /, each part starting and ending with a letter or digit.`;
  }
  return 'Invalid reference format.';
}

function fail(error: string): ParseResult {
  return { ok: false, error };
}

/** The repository with its domain: "docker.io/library/nginx". */
export function repositoryName(ref: ImageReference): string {
  return `${ref.domain}/${ref.path}`;
}

/** The full normalised form: "docker.io/library/nginx:latest", "localhost:5000/web@sha256:…". */
export function canonicalString(ref: ImageReference): string {
  return `${repositoryName(ref)}${ref.tag !== null ? `:${ref.tag}` : ''}${ref.digest !== null ? `@${ref.digest}` : ''}`;
}

/** The short form the CLI prints: "nginx:latest", "org/app:1", "quay.io/org/app:1.2". */
export function familiarString(ref: ImageReference): string {
  let name = repositoryName(ref);
  if (ref.domain === DEFAULT_DOMAIN) {
    name = ref.path.startsWith(OFFICIAL_PREFIX) && ref.path.split('/').length === 2 ? ref.path.slice(OFFICIAL_PREFIX.length) : ref.path;
  }
  return `${name}${ref.tag !== null ? `:${ref.tag}` : ''}${ref.digest !== null ? `@${ref.digest}` : ''}`;
}

/** The key of the registry's credentials in ~/.docker/config.json `auths`. */
export function authKey(ref: Pick<ImageReference, 'domain'>): string {
  return ref.domain === DEFAULT_DOMAIN ? 'https://index.docker.io/v1/' : ref.domain;
}

export function isValidTag(text: string): boolean {
  return TAG.test(text);
}
