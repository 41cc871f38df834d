import { lowerCaseGroups, type GroupMembership } from '@oracle-ai/api/feature-auth';

/**
 * Who may see which database: everyone with the app's required group (checked before any route),
 * and for a database listed in `ANALYTICS_DATABASE_GROUPS` only members of one of its groups,
 * matched as every group is (ASCII case-insensitive, or an LDAP DN whose first RDN is `CN=<group>`).
 */
export class DatabaseAccess {
  private readonly groups: ReadonlyMap<string, string[]>;

  constructor(databaseGroups: ReadonlyMap<string, readonly string[]>) {
    this.groups = new Map(
      [...databaseGroups].map(([database, groups]) => [database, lowerCaseGroups(groups)]),
    );
  }

  maySee(membership: GroupMembership, database: string): boolean {
    const groups = this.groups.get(database);
    return groups === undefined || membership.hasAny(groups);
  }
}
