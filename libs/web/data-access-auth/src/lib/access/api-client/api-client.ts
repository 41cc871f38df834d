import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { RUNTIME_CONFIG } from '../../runtime-config/runtime-config';

/** Builds API URLs from the runtime `apiBaseUrl`, so pages never hard-code a host. */
@Injectable({ providedIn: 'root' })
export class ApiClient {
  private readonly http = inject(HttpClient);
  private readonly apiBaseUrl = inject(RUNTIME_CONFIG).apiBaseUrl;

  url(path: `/api/${string}`): string {
    return this.apiBaseUrl + path;
  }

  get<T>(path: `/api/${string}`, options: Parameters<HttpClient['get']>[1] = {}) {
    return this.http.get<T>(this.url(path), options);
  }
}
