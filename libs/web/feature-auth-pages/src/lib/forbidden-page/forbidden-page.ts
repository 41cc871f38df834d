import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
  resource,
} from '@angular/core';
import { RouterLink } from '@angular/router';
import { AccessStore, AppFeature } from '@oracle-ai/web/data-access-auth';

const FEATURE_LABELS: Record<AppFeature, string> = { chat: 'the chat', analytics: 'analytics' };

/**
 * "Request access" page naming the group(s) the API asks for. It never redirects by itself,
 * so there is no way to loop.
 */
@Component({
  selector: 'app-forbidden-page',
  imports: [RouterLink],
  templateUrl: './forbidden-page.html',
  styleUrl: '../auth-pages.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ForbiddenPage {
  private readonly access = inject(AccessStore);
  /** `?feature=chat` when the app is allowed but one part of it is not. */
  readonly feature = input<string | undefined>();

  protected readonly deniedFeature = computed<AppFeature | null>(() => {
    const feature = this.feature();
    return feature === 'chat' || feature === 'analytics' ? feature : null;
  });
  protected readonly subject = computed(() => {
    const feature = this.deniedFeature();
    return feature ? FEATURE_LABELS[feature] : 'Oracle AI';
  });
  protected readonly requiredGroups = resource({
    params: () => ({ feature: this.deniedFeature() }),
    loader: ({ params }) => this.access.requiredGroupsFor(params.feature),
  });
  protected readonly canUseAnalytics = computed(() => !!this.access.me()?.access.analytics);
}
