import {
  firstRdnCommonName,
  GroupMembership,
  lowerCaseGroups,
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
      readGroups({ groups: 'database^oracle-ai-users^' }, { claim: 'groups', delimiter: '^' }),
    ).toEqual(['database', 'oracle-ai-users']);
  });

  it('splits only a string claim, never the members of an array', () => {
    expect(readGroups({ groups: ['guest^database'] }, { claim: 'groups', delimiter: '^' })).toEqual(
      ['guest^database'],
    );
  });

  it('keeps values exactly as written: no trimming, before or after splitting', () => {
    expect(readGroups({ groups: [' database', 'database\t'] }, claim)).toEqual([
      ' database',
      'database\t',
    ]);
    expect(readGroups({ groups: 'a^ database ' }, { claim: 'groups', delimiter: '^' })).toEqual([
      'a',
      ' database ',
    ]);
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

describe('GroupMembership', () => {
  it.each([
    ['database', 'database', true],
    ['DATABASE', 'database', true],
    ['CN=database,OU=Groups,DC=bank,DC=com', 'database', true],
    ['cn=Database,ou=Groups', 'database', true],
    ['CN=database', 'database', true],
    ['CN=database, OU=Groups', 'database', true],
    ['CN=data\\,base,OU=x', 'data,base', true],
    ['CN=data\\2cbase,OU=x', 'data,base', true],
    ['CN=caf\\C3\\A9,OU=x', 'café', true],
    ['CN=database-admins,OU=Groups', 'database', false],
    ['CN=guests,OU=database', 'database', false],
    ['OU=database,CN=x', 'database', false],
    ['CN=database+OU=x,DC=bank', 'database', false],
    ['my-database', 'database', false],
    ['', 'database', false],
    // Padded values are other groups: nothing is trimmed or folded but ASCII case.
    ['database ', 'database', false],
    [' database', 'database', false],
    ['\tdatabase', 'database', false],
    ['database\u00a0', 'database', false],
    ['\ufeffdatabase', 'database', false],
    ['database\n', 'database', false],
    ['CN= database,OU=x', 'database', false],
    ['CN=database ,OU=x', 'database', false],
    [' CN=database,OU=x', 'database', false],
    ['cn = Database , ou=Groups', 'database', false],
    ['CN=\\ database,OU=x', 'database', false],
    // Unicode case mapping would turn these look-alikes into real group names.
    ['\u212Aafka', 'kafka', false],
    ['oracle-a\u0130-users', 'oracle-ai-users', false],
    ['CN=\u212Aafka,OU=x', 'kafka', false],
  ])('%p vs %p → %p', (value, group, expected) => {
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
