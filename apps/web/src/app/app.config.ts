import { ApplicationConfig, provideBrowserGlobalErrorListeners } from '@angular/core';
import { provideRouter, withComponentInputBinding } from '@angular/router';
import { provideAuth, RuntimeConfig } from '@oracle-ai/web/data-access-auth';
import { appRoutes } from './app.routes';

export function appConfig(runtimeConfig: RuntimeConfig): ApplicationConfig {
  return {
    providers: [
      provideBrowserGlobalErrorListeners(),
      provideRouter(appRoutes, withComponentInputBinding()),
      provideAuth(runtimeConfig),
    ],
  };
}
