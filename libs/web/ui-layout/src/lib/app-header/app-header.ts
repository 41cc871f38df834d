import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatToolbarModule } from '@angular/material/toolbar';
import { RouterLink, RouterLinkActive } from '@angular/router';

export interface NavLink {
  path: string;
  label: string;
}

/** The top bar: product name, main navigation, who is signed in and "Log out". Presentational only. */
@Component({
  selector: 'app-header',
  imports: [MatToolbarModule, MatButtonModule, RouterLink, RouterLinkActive],
  templateUrl: './app-header.html',
  styleUrl: './app-header.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AppHeader {
  readonly userName = input<string | null>(null);
  readonly links = input<readonly NavLink[]>([]);
  readonly logOut = output<void>();
}
