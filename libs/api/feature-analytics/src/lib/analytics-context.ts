import type { FastifyRequest } from 'fastify';
import { PrometheusClient, PrometheusError } from '@oracle-ai/api/data-access-prometheus';
import type { AuthenticatedUser } from '@oracle-ai/api/feature-auth';
import type { AnalyticsConfig } from '@oracle-ai/api/util-config';
import { noSource, noSuchDatabase, sourceFailure } from './analytics-errors';
import { DatabaseAccess } from './database-access';
import { DatabaseDirectory } from './database-directory';
import { FiguresSource } from './figures-source';

/**
 * What every analytics route shares: the source behind its cache, the list of databases, who may
 * see which, and the one way a source failure becomes a refusal.
 */
export class AnalyticsContext {
  readonly access: DatabaseAccess;
  readonly simulated: boolean;
  private readonly source: FiguresSource | undefined;
  private readonly directory: DatabaseDirectory | undefined;

  constructor(
    private readonly config: AnalyticsConfig,
    readonly now: () => number,
  ) {
    this.access = new DatabaseAccess(config.databaseGroups);
    this.simulated = config.simulated;
    this.source =
      config.source === undefined
        ? undefined
        : new FiguresSource(
            new PrometheusClient({ ...config.source, timeoutMs: config.timeoutS * 1000 }),
          );
    this.directory =
      this.source === undefined ? undefined : new DatabaseDirectory(this.source, now);
  }

  /** The source, or the 503 that says none is configured. */
  figures(): { source: FiguresSource; directory: DatabaseDirectory } {
    if (this.source === undefined || this.directory === undefined) throw noSource();
    return { source: this.source, directory: this.directory };
  }

  /**
   * The database named `name` as the source lists it, when the caller may see it; the same 404
   * when it does not exist and when it is not theirs to see.
   */
  async visibleDatabase(request: FastifyRequest, name: string): Promise<string> {
    const { directory } = this.figures();
    const databases = await this.fromSource(request, () => directory.list());
    const database = databases.find((each) => each.name === name);
    if (
      database === undefined ||
      !this.access.maySee(authenticated(request).membership, database.name)
    )
      throw noSuchDatabase();
    return database.name;
  }

  /** The source's failures as the contract's refusals, logged with what the source said. */
  async fromSource<T>(request: FastifyRequest, read: () => Promise<T>): Promise<T> {
    try {
      return await read();
    } catch (error) {
      if (!(error instanceof PrometheusError)) throw error;
      request.log.warn(
        { source: { code: error.code, ...error.detail } },
        `analytics: ${error.message}`,
      );
      throw sourceFailure(error, this.config.timeoutS);
    }
  }

  close(): void {
    this.source?.close();
  }
}

export function authenticated(request: FastifyRequest): AuthenticatedUser {
  // bearerAuth runs first for every route of this context; a missing user is a wiring bug.
  if (request.user === null) throw new Error('route reached without an authenticated user');
  return request.user;
}
