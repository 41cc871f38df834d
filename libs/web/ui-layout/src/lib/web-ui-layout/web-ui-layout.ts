import { Component } from '@angular/core';

@Component({
  selector: 'app-web-ui-layout',
  imports: [],
  templateUrl: './web-ui-layout.html',
  styleUrl: './web-ui-layout.css',
})
export class WebUiLayout {}
