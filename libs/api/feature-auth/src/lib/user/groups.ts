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
 * Accepts an array of strings (non-string members are ignored) or a single string, which alone is
 * split on `delimiter` when one is configured. Values are kept exactly as the IdP wrote them —
 * never trimmed — so `"database "` stays a different group from `database`.
 */
export function readGroups(claims: Record<string, unknown>, options: GroupsClaimOptions): string[] {
  const raw = readPath(claims, options.claim) ?? readPath(claims, 'memberOf');
  const values: unknown[] = Array.isArray(raw)
    ? raw.slice(0, MAX_GROUPS)
    : typeof raw === 'string' && options.delimiter !== undefined
      ? raw.split(options.delimiter)
      : [raw];
  const groups: string[] = [];
  for (const value of values) {
    if (
      typeof value === 'string' &&
      value !== '' &&
      value.length <= MAX_GROUP_LENGTH &&
      groups.length < MAX_GROUPS
    )
      groups.push(value);
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
 * A user's groups, indexed so that each configured group is matched in O(1): a claim value names
 * a group when it is equal to it ignoring ASCII case, or when it is an LDAP DN whose first RDN is
 * `CN=<group>` (e.g. `CN=database,OU=Groups,DC=bank,DC=com`). Exact, never a substring.
 *
 * Only A–Z fold: Unicode case mapping would let a look-alike (`K`, the Kelvin sign, lower-cases
 * to `k`) or padded value that a directory may allow users to create match a real group.
 */
export class GroupMembership {
  // A private field: no handler can reach it to add a group to a cached user.
  readonly #names = new Set<string>();

  constructor(values: readonly string[]) {
    for (const value of values) {
      this.#names.add(asciiLowerCase(value));
      const cn = firstRdnCommonName(value);
      if (cn !== undefined) this.#names.add(asciiLowerCase(cn));
    }
    Object.freeze(this);
  }

  /** Any-of; `groups` must already be folded with {@link lowerCaseGroups}. */
  hasAny(groups: readonly string[]): boolean {
    return groups.some((group) => this.#names.has(group));
  }
}

/** Configured group names folded the way {@link GroupMembership} folds claim values. */
export function lowerCaseGroups(groups: readonly string[]): string[] {
  return groups.map(asciiLowerCase);
}

function asciiLowerCase(value: string): string {
  return value.replace(/[A-Z]+/g, (upper) => upper.toLowerCase());
}

/**
 * The value of the first RDN of a DN (RFC 4514) when it is a single `CN=` attribute, unescaped.
 * Returns undefined for anything else, including multi-valued RDNs (`CN=a+OU=b,...`) and values
 * that are not well-formed. Nothing is trimmed: RFC 4514 §2.4 requires a leading or trailing
 * space of a value to be escaped, so `CN= x`, `CN=x ,…` or ` CN=x` do not name `x`.
 */
export function firstRdnCommonName(dn: string): string | undefined {
  if (!/^cn=/i.test(dn)) return undefined;
  // Hex escapes are UTF-8 bytes (RFC 4514 §3), so the value is assembled as bytes.
  const bytes: number[] = [];
  let trailingUnescapedSpace = false;
  for (let i = 3; i < dn.length; i++) {
    const char = dn[i];
    if (char === ',' || char === ';') break;
    if (char === '+') return undefined;
    if (char === '\\') {
      const hex = dn.slice(i + 1, i + 3);
      if (/^[0-9a-fA-F]{2}$/.test(hex)) {
        bytes.push(parseInt(hex, 16));
        i += 2;
      } else if (i + 1 < dn.length) {
        bytes.push(...utf8.encode(dn[++i]));
      } else {
        return undefined;
      }
      trailingUnescapedSpace = false;
      continue;
    }
    if (char === ' ' && i === 3) return undefined;
    trailingUnescapedSpace = char === ' ';
    bytes.push(...utf8.encode(char));
  }
  if (bytes.length === 0 || trailingUnescapedSpace) return undefined;
  try {
    return strictUtf8.decode(new Uint8Array(bytes));
  } catch {
    return undefined;
  }
}

const utf8 = new TextEncoder();
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
