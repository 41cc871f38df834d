/** Bounds on hostile input: a token with more or longer group values than this is not a real user's. */
export const MAX_GROUPS = 512;
export const MAX_GROUP_LENGTH = 1024;

export interface GroupsClaimOptions {
  /** Dot path of the claim, e.g. `groups` or `realm_access.roles`. */
  claim: string;
  /** When set, a string claim is split on it (CA SiteMinder joins multi-valued attributes with `^`). */
  delimiter?: string;
}

/**
 * Reads the user's groups from verified claims: the configured claim (dot path), else `memberOf`.
 * Accepts an array or a single (optionally delimited) string; non-string values are ignored.
 */
export function readGroups(claims: Record<string, unknown>, options: GroupsClaimOptions): string[] {
  const raw = readPath(claims, options.claim) ?? readPath(claims, 'memberOf');
  const values = Array.isArray(raw) ? raw.slice(0, MAX_GROUPS) : [raw];
  const groups: string[] = [];
  for (const value of values) {
    if (typeof value !== 'string') continue;
    const parts = options.delimiter !== undefined ? value.split(options.delimiter) : [value];
    for (const part of parts) {
      const group = part.trim();
      if (group !== '' && group.length <= MAX_GROUP_LENGTH && groups.length < MAX_GROUPS)
        groups.push(group);
    }
  }
  return groups;
}

function readPath(claims: Record<string, unknown>, path: string): unknown {
  let node: unknown = claims;
  for (const segment of path.split('.')) {
    if (
      typeof node !== 'object' ||
      node === null ||
      Array.isArray(node) ||
      !Object.hasOwn(node, segment)
    ) {
      return undefined;
    }
    node = (node as Record<string, unknown>)[segment];
  }
  return node;
}

/**
 * Whether a claim value names a configured group: equal ignoring case, or an LDAP DN whose first
 * RDN is `CN=<group>` (e.g. `CN=database,OU=Groups,DC=bank,DC=com`). Exact, never a substring.
 */
export function matchesGroup(value: string, group: string): boolean {
  const wanted = group.toLowerCase();
  if (value.toLowerCase() === wanted) return true;
  const cn = firstRdnCommonName(value);
  return cn !== undefined && cn.toLowerCase() === wanted;
}

/**
 * A user's groups indexed for {@link matchesGroup} semantics in O(1) per configured group:
 * each value's lower-case form and, for a DN, its first-RDN common name in lower case.
 */
export class GroupMembership {
  private readonly names = new Set<string>();

  constructor(values: readonly string[]) {
    for (const value of values) {
      this.names.add(value.toLowerCase());
      const cn = firstRdnCommonName(value);
      if (cn !== undefined) this.names.add(cn.toLowerCase());
    }
  }

  /** Any-of; `groups` must already be lower case (see {@link lowerCaseGroups}). */
  hasAny(groups: readonly string[]): boolean {
    return groups.some((group) => this.names.has(group));
  }
}

export function lowerCaseGroups(groups: readonly string[]): string[] {
  return groups.map((group) => group.toLowerCase());
}

/**
 * The value of the first RDN of a DN (RFC 4514) when it is a single `CN=` attribute, unescaped.
 * Returns undefined for anything else, including multi-valued RDNs (`CN=a+OU=b,...`).
 */
export function firstRdnCommonName(dn: string): string | undefined {
  const equals = dn.indexOf('=');
  if (equals < 0 || dn.slice(0, equals).trim().toLowerCase() !== 'cn') return undefined;
  let value = '';
  for (let i = equals + 1; i < dn.length; i++) {
    const char = dn[i];
    if (char === ',' || char === ';') break;
    if (char === '+') return undefined;
    if (char === '\\') {
      const hex = dn.slice(i + 1, i + 3);
      if (/^[0-9a-fA-F]{2}$/.test(hex)) {
        value += String.fromCharCode(parseInt(hex, 16));
        i += 2;
      } else if (i + 1 < dn.length) {
        value += dn[++i];
      } else {
        return undefined;
      }
      continue;
    }
    value += char;
  }
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}
