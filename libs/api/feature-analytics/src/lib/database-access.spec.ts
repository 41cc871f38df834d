import { GroupMembership } from '@oracle-ai/api/feature-auth';
import { DatabaseAccess } from './database-access';

describe('DatabaseAccess', () => {
  const access = new DatabaseAccess(
    new Map([
      ['dwh', ['oracle-ai-admins']],
      ['finprod', ['Payments', 'dba']],
    ]),
  );
  const member = (...groups: string[]) => new GroupMembership(groups);

  it('a database without groups is open to everyone who reached the route', () => {
    expect(access.maySee(member('database'), 'paycdb')).toBe(true);
  });

  it('a listed database needs one of its groups, matched as every group is', () => {
    expect(access.maySee(member('database'), 'dwh')).toBe(false);
    expect(access.maySee(member('database', 'ORACLE-AI-ADMINS'), 'dwh')).toBe(true);
    expect(access.maySee(member('CN=oracle-ai-admins,OU=Groups,DC=example,DC=com'), 'dwh')).toBe(
      true,
    );
    expect(access.maySee(member('payments'), 'finprod')).toBe(true);
    expect(access.maySee(member('oracle-ai-admins'), 'finprod')).toBe(false);
  });

  it('never by substring, padding, or a look-alike', () => {
    for (const groups of [
      ['oracle-ai-admins-x'],
      ['oracle-ai-admin'],
      ['oracle-ai-admins '],
      ['OU=oracle-ai-admins'],
      ['oracle-ai-admins'.replace('i', 'ı')],
    ]) {
      expect(access.maySee(member(...groups), 'dwh')).toBe(false);
    }
  });

  it('database names are exact: another case is another database', () => {
    expect(access.maySee(member('database'), 'DWH')).toBe(true);
    expect(access.maySee(member('database'), 'dwh')).toBe(false);
  });
});
