import { Component } from '@angular/core';

@Component({
  selector: 'app-web-data-access-auth',
  imports: [],
  templateUrl: './web-data-access-auth.html',
  styleUrl: './web-data-access-auth.css',
})
export class WebDataAccessAuth {}
