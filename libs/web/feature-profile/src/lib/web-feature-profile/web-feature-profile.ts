import { Component } from '@angular/core';

@Component({
  selector: 'app-web-feature-profile',
  imports: [],
  templateUrl: './web-feature-profile.html',
  styleUrl: './web-feature-profile.css',
})
export class WebFeatureProfile {}
