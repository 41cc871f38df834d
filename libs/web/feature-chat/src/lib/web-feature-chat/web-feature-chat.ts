import { Component } from '@angular/core';

@Component({
  selector: 'app-web-feature-chat',
  imports: [],
  templateUrl: './web-feature-chat.html',
  styleUrl: './web-feature-chat.css',
})
export class WebFeatureChat {}
