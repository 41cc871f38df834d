import {
  firstRdnCommonName,
  GroupMembership,
  lowerCaseGroups,
  matchesGroup,
  MAX_GROUP_LENGTH,
  MAX_GROUPS,
  readGroups,
} from './groups';

describe('readGroups', () => {
  const claim = { claim: 'groups' };

  it('reads an array and ignores non-string values', () => {
    expect(
      readGroups(
        { groups: ['database', 42, null, { cn: 'x' }, ['nested'], 'oracle-ai-users'] },
        claim,
      ),
    ).toEqual(['database', 'oracle-ai-users']);
  });

  it('reads a single string', () => {
    expect(readGroups({ groups: 'database' }, claim)).toEqual(['database']);
  });

  it('splits a delimited string (CA SiteMinder joins multi-valued attributes with ^)', () => {
    expect(
      readGroups({ groups: 'database^oracle-ai-users^ ' }, { claim: 'groups', delimiter: '^' }),
    ).toEqual(['database', 'oracle-ai-users']);
  });

  it('does not split without a configured delimiter', () => {
    expect(readGroups({ groups: 'database^oracle-ai-users' }, claim)).toEqual([
      'database^oracle-ai-users',
    ]);
  });

  it('follows a dot path such as realm_access.roles', () => {
    expect(
      readGroups({ realm_access: { roles: ['database'] } }, { claim: 'realm_access.roles' }),
    ).toEqual(['database']);
  });

  it('does not walk into prototypes or arrays on the path', () => {
    expect(readGroups({}, { claim: 'constructor.name' })).toEqual([]);
    expect(readGroups({ a: ['database'] }, { claim: 'a.0' })).toEqual([]);
  });

  it('falls back to memberOf when the configured claim is absent', () => {
    expect(readGroups({ memberOf: 'CN=database,DC=bank' }, claim)).toEqual(['CN=database,DC=bank']);
  });

  it('caps the number and length of values', () => {
    const many = Array.from({ length: MAX_GROUPS + 100 }, (_, i) => `g${i}`);
    expect(readGroups({ groups: many }, claim)).toHaveLength(MAX_GROUPS);
    expect(readGroups({ groups: ['x'.repeat(MAX_GROUP_LENGTH + 1), 'database'] }, claim)).toEqual([
      'database',
    ]);
  });
});

describe('matchesGroup', () => {
  it.each([
    ['database', 'database', true],
    ['DATABASE', 'database', true],
    ['CN=database,OU=Groups,DC=bank,DC=com', 'database', true],
    ['cn = Database , ou=Groups', 'database', true],
    ['CN=database', 'database', true],
    ['CN=data\\,base,OU=x', 'data,base', true],
    ['CN=data\\2cbase,OU=x', 'data,base', true],
    ['CN=database-admins,OU=Groups', 'database', false],
    ['CN=guests,OU=database', 'database', false],
    ['OU=database,CN=x', 'database', false],
    ['CN=database+OU=x,DC=bank', 'database', false],
    ['my-database', 'database', false],
    ['database ', 'database', false],
    ['', 'database', false],
  ])('%p vs %p → %p', (value, group, expected) => {
    expect(matchesGroup(value, group)).toBe(expected);
    // The indexed form used on the request path must agree with the reference semantics.
    expect(new GroupMembership([value]).hasAny(lowerCaseGroups([group]))).toBe(expected);
  });

  it('GroupMembership.hasAny is any-of', () => {
    const anyOf = lowerCaseGroups(['oracle-ai-users', 'oracle-ai-admins']);
    expect(new GroupMembership(['x', 'CN=oracle-ai-admins,OU=G']).hasAny(anyOf)).toBe(true);
    expect(new GroupMembership(['x']).hasAny(lowerCaseGroups(['oracle-ai-users']))).toBe(false);
    expect(new GroupMembership([]).hasAny(lowerCaseGroups(['database']))).toBe(false);
  });

  it('firstRdnCommonName refuses a trailing escape', () => {
    expect(firstRdnCommonName('CN=abc\\')).toBeUndefined();
  });
});
