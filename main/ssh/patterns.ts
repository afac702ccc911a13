// OpenSSH's host patterns, shared by ssh_config Host lines and known_hosts:
// * and ? wildcards, a leading ! negates, and one negated match vetoes the list.

export function globMatch(pattern: string, text: string): boolean {
  const re = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`, 'i');
  return re.test(text);
}

/** True when some positive pattern matches and no negated one does. */
export function matchPatternList(patterns: readonly string[], text: string): boolean {
  let matched = false;
  for (const p of patterns) {
    if (p.startsWith('!')) {
      if (globMatch(p.slice(1), text)) return false;
    } else if (globMatch(p, text)) {
      matched = true;
    }
  }
  return matched;
}
