import { Component } from '@angular/core';

@Component({
  selector: 'app-web-feature-auth-pages',
  imports: [],
  templateUrl: './web-feature-auth-pages.html',
  styleUrl: './web-feature-auth-pages.css',
})
export class WebFeatureAuthPages {}
