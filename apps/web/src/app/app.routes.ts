import { Route } from '@angular/router';
import { accessGuard, landingGuard, sessionGuard } from '@oracle-ai/web/data-access-auth';

export const appRoutes: Route[] = [
  { path: '', pathMatch: 'full', canActivate: [landingGuard], children: [] },
  {
    path: 'chat',
    title: 'Chat · Oracle AI',
    canActivate: [accessGuard('chat')],
    loadComponent: () => import('@oracle-ai/web/feature-chat').then((m) => m.ChatPage),
  },
  {
    path: 'analytics',
    title: 'Analytics · Oracle AI',
    canActivate: [accessGuard('analytics')],
    loadComponent: () => import('@oracle-ai/web/feature-analytics').then((m) => m.AnalyticsPage),
  },
  {
    path: 'profile',
    title: 'Profile · Oracle AI',
    canActivate: [accessGuard(null)],
    loadComponent: () => import('@oracle-ai/web/feature-profile').then((m) => m.ProfilePage),
  },
  {
    path: 'forbidden',
    title: 'Access required · Oracle AI',
    canActivate: [sessionGuard],
    loadComponent: () => import('@oracle-ai/web/feature-auth-pages').then((m) => m.ForbiddenPage),
  },
  {
    path: 'logged-out',
    title: 'Signed out · Oracle AI',
    loadComponent: () => import('@oracle-ai/web/feature-auth-pages').then((m) => m.LoggedOutPage),
  },
  {
    path: 'auth-error',
    title: 'Sign-in problem · Oracle AI',
    loadComponent: () => import('@oracle-ai/web/feature-auth-pages').then((m) => m.AuthErrorPage),
  },
  {
    path: 'service-unavailable',
    title: 'Unavailable · Oracle AI',
    loadComponent: () =>
      import('@oracle-ai/web/feature-auth-pages').then((m) => m.ServiceUnavailablePage),
  },
  // The callback is processed before the first navigation; a stray visit just goes home.
  { path: 'auth/callback', redirectTo: '' },
  { path: '**', redirectTo: '' },
];
