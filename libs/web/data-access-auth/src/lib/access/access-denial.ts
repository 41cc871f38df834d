import { Injectable, signal } from '@angular/core';
import { AppFeature } from './app-feature';

/** Why the user was last refused, for the forbidden page. */
export interface AccessDenial {
  feature: AppFeature | null;
  requiredGroups: string[];
}

/**
 * The last refusal the API gave. A leaf on purpose: the store (for its own requests) and the
 * error navigation (for a page's requests) both write here, so neither has to call the other.
 */
@Injectable({ providedIn: 'root' })
export class AccessDenialRecord {
  private readonly _latest = signal<AccessDenial | null>(null);
  readonly latest = this._latest.asReadonly();

  record(denial: AccessDenial): void {
    this._latest.set(denial);
  }
}
