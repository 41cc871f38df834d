import { authenticate, DEV_USERS, findUserBySub } from './users';

describe('seeded users', () => {
  it('are alice, bob, carol and dave with the groups the README documents', () => {
    expect(Object.fromEntries(DEV_USERS.map((user) => [user.username, user.groups]))).toEqual({
      alice: ['database', 'oracle-ai-users'],
      bob: ['database'],
      carol: [],
      dave: [
        'CN=database,OU=Groups,DC=example,DC=com',
        'CN=oracle-ai-admins,OU=Groups,DC=example,DC=com',
      ],
    });
  });

  it('have distinct stable subjects', () => {
    expect(new Set(DEV_USERS.map((user) => user.sub)).size).toBe(DEV_USERS.length);
    expect(findUserBySub(DEV_USERS[0].sub)?.username).toBe('alice');
  });

  it('authenticate with the user name as password only', () => {
    expect(authenticate('bob', 'bob')?.username).toBe('bob');
    expect(authenticate('bob', 'alice')).toBeUndefined();
    expect(authenticate('mallory', 'mallory')).toBeUndefined();
  });
});
