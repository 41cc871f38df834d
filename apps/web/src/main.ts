import { bootstrapApplication } from '@angular/platform-browser';
import { loadRuntimeConfig, renderStartupError } from '@oracle-ai/web/data-access-auth';
import { App } from './app/app';
import { appConfig } from './app/app.config';

// The config is read before Angular starts so one build can serve every environment.
loadRuntimeConfig()
  .then((config) => bootstrapApplication(App, appConfig(config)))
  .catch((error: unknown) => {
    console.error(error);
    renderStartupError(document, error);
  });
