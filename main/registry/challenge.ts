// Parsing the WWW-Authenticate header of a registry's 401 (RFC 7235): one or
// more challenges, each a scheme and parameters, values as tokens or quoted
// strings that may hold commas and escaped quotes. Pure.

export interface Challenge {
  /** Lower-cased: 'bearer', 'basic'. */
  scheme: string;
  /** Parameter names lower-cased. */
  params: Record<string, string>;
}

const TOKEN = /[!#$%&'*+.^_`|~0-9A-Za-z-]/;

export function parseChallenges(header: string): Challenge[] {
  const challenges: Challenge[] = [];
  let i = 0;
  const n = header.length;
  const skipSpace = () => {
    while (i < n && (header[i] === ' ' || header[i] === '\t')) i++;
  };
  const token = () => {
    const start = i;
    while (i < n && TOKEN.test(header[i]!)) i++;
    return header.slice(start, i);
  };
  const quoted = () => {
    // at the opening quote
    i++;
    let value = '';
    while (i < n && header[i] !== '"') {
      if (header[i] === '\\' && i + 1 < n) i++;
      value += header[i];
      i++;
    }
    i++; // closing quote (or end)
    return value;
  };
  const bare = () => {
    const start = i;
    while (i < n && header[i] !== ',' && header[i] !== ' ' && header[i] !== '\t') i++;
    return header.slice(start, i);
  };
  let current: Challenge | null = null;
  while (i < n) {
    skipSpace();
    if (header[i] === ',') {
      i++;
      continue;
    }
    if (header[i] === '"') {
      // A quoted string where a name belongs: malformed, skipped whole.
      quoted();
      continue;
    }
    const start = i;
    const name = token();
    if (name === '') {
      // Not a token: skip the character so a malformed header cannot loop forever.
      i++;
      continue;
    }
    skipSpace();
    if (header[i] === '=' && current && !isToken68Tail(header, i)) {
      i++;
      skipSpace();
      // Unquoted values are tokens by the RFC, but registries send bare URLs too: read to the next comma or space.
      const value = header[i] === '"' ? quoted() : bare();
      current.params[name.toLowerCase()] = value;
      continue;
    }
    if (header[i] === '=' && current) {
      // token68 (e.g. "Basic abc==") belongs to the challenge, not a parameter.
      while (i < n && header[i] === '=') i++;
      continue;
    }
    if (header[i] === '=' && !current) {
      // A parameter with no scheme before it: ignore up to the next comma.
      i = start;
      while (i < n && header[i] !== ',') i++;
      continue;
    }
    current = { scheme: name.toLowerCase(), params: {} };
    challenges.push(current);
  }
  return challenges;
}

/** "abc==" followed by the end or a comma is token68 padding, not name=value. */
function isToken68Tail(header: string, at: number): boolean {
  let j = at;
  while (j < header.length && header[j] === '=') j++;
  if (j - at > 1) return true;
  while (j < header.length && (header[j] === ' ' || header[j] === '\t')) j++;
  return j >= header.length || header[j] === ',';
}

/** The challenge of a scheme, preferring Bearer where a registry offers several. */
export function pickChallenge(challenges: Challenge[]): Challenge | null {
  return challenges.find((c) => c.scheme === 'bearer') ?? challenges.find((c) => c.scheme === 'basic') ?? null;
}
