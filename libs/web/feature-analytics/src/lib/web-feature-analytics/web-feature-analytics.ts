import { Component } from '@angular/core';

@Component({
  selector: 'app-web-feature-analytics',
  imports: [],
  templateUrl: './web-feature-analytics.html',
  styleUrl: './web-feature-analytics.css',
})
export class WebFeatureAnalytics {}
