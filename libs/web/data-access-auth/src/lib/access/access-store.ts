import { computed, inject, Injectable, signal } from '@angular/core';
import { MeResponse } from '@oracle-ai/shared/util-api-contract';
import { firstValueFrom } from 'rxjs';
import { ApiFailure, classifyApiFailure } from '../http/api-failure';
import { AuthSession } from '../session/auth-session';
import { AccessDenialRecord } from './access-denial';
import { ApiClient } from './api-client/api-client';
import { withoutErrorNavigation } from './api-client/api-error-navigation';
import { AppFeature } from './app-feature';

/**
 * What `/api/me` says about this user; any failure that is not a 401 or 403 counts as unavailable,
 * and so does a nonce demand that outlived its retry (servers that disagree on their nonces).
 */
export type AccessDecision =
  | { kind: 'granted'; me: MeResponse }
  | Exclude<ApiFailure, { kind: 'other' | 'use_dpop_nonce' }>;

/**
 * Asks `GET /api/me` once per session and keeps the answer. The API computes `access`; this
 * store only follows it, never matching groups itself.
 */
@Injectable({ providedIn: 'root' })
export class AccessStore {
  private readonly api = inject(ApiClient);
  private readonly session = inject(AuthSession);
  private readonly denials = inject(AccessDenialRecord);

  private readonly loaded = signal<{ sessionId: number; me: MeResponse } | null>(null);
  private cached: { sessionId: number; decision: Promise<AccessDecision> } | null = null;

  readonly me = computed(() => {
    const loaded = this.loaded();
    return loaded && loaded.sessionId === this.session.sessionId() ? loaded.me : null;
  });
  readonly denial = this.denials.latest;

  load(): Promise<AccessDecision> {
    const sessionId = this.session.sessionId();
    if (this.cached?.sessionId !== sessionId) {
      const decision = this.fetchMe(sessionId);
      this.cached = { sessionId, decision };
      // Transient failures are not remembered, so "Retry" really asks again.
      void decision.then(({ kind }) => {
        if (kind !== 'granted' && kind !== 'denied' && this.cached?.decision === decision) {
          this.cached = null;
        }
      });
    }
    return this.cached.decision;
  }

  /**
   * The groups that would grant `feature` (or the app itself when `null`), as named by the API's
   * 403 body; `null` when the API does not refuse (any more) or cannot be asked.
   */
  async requiredGroupsFor(feature: AppFeature | null): Promise<string[] | null> {
    const known = this.denials.latest();
    if (known && known.feature === feature && known.requiredGroups.length > 0) {
      return known.requiredGroups;
    }
    if (feature === null) {
      const decision = await this.load();
      return decision.kind === 'denied' ? decision.requiredGroups : null;
    }
    try {
      await firstValueFrom(this.api.get(`/api/${feature}`, withoutErrorNavigation()));
      return null;
    } catch (error) {
      const failure = classifyApiFailure(error);
      if (failure.kind !== 'denied') return null;
      this.denials.record({ feature, requiredGroups: failure.requiredGroups });
      return failure.requiredGroups;
    }
  }

  private async fetchMe(sessionId: number): Promise<AccessDecision> {
    try {
      const me = await firstValueFrom(
        this.api.get<MeResponse>('/api/me', withoutErrorNavigation()),
      );
      this.loaded.set({ sessionId, me });
      return { kind: 'granted', me };
    } catch (error) {
      const failure = classifyApiFailure(error);
      if (failure.kind === 'denied') {
        this.denials.record({ feature: null, requiredGroups: failure.requiredGroups });
      }
      return failure.kind === 'other' || failure.kind === 'use_dpop_nonce'
        ? { kind: 'unavailable' }
        : failure;
    }
  }
}
