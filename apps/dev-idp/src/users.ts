export interface DevUser {
  /** Stable subject identifier, never reused: what the API keys users on. */
  sub: string;
  username: string;
  name: string;
  email: string;
  groups: string[];
}

// The seeded users of the root README's table; each password equals the user name.
export const DEV_USERS: readonly DevUser[] = [
  {
    sub: 'a1f0c7e2-0001-4d2b-9b1e-00000000a11c',
    username: 'alice',
    name: 'Alice Archer',
    email: 'alice@example.com',
    groups: ['database', 'oracle-ai-users'],
  },
  {
    sub: 'b0b5e1d4-0002-4c6a-8f3d-000000000b0b',
    username: 'bob',
    name: 'Bob Baker',
    email: 'bob@example.com',
    groups: ['database'],
  },
  {
    sub: 'c4a01e55-0003-4e8f-a2c9-0000000ca101',
    username: 'carol',
    name: 'Carol Cooper',
    email: 'carol@example.com',
    groups: [],
  },
  {
    sub: 'da7e0b1a-0004-4f1e-b7d2-000000000da7',
    username: 'dave',
    name: 'Dave Dawson',
    email: 'dave@example.com',
    // LDAP DNs, as a directory-backed corporate IdP sends them.
    groups: [
      'CN=database,OU=Groups,DC=example,DC=com',
      'CN=oracle-ai-admins,OU=Groups,DC=example,DC=com',
    ],
  },
];

export function findUserBySub(sub: string): DevUser | undefined {
  return DEV_USERS.find((user) => user.sub === sub);
}

/** The user when the credentials match, else undefined (unknown user and wrong password look alike). */
export function authenticate(username: string, password: string): DevUser | undefined {
  const user = DEV_USERS.find((candidate) => candidate.username === username.trim().toLowerCase());
  return user && password === user.username ? user : undefined;
}
