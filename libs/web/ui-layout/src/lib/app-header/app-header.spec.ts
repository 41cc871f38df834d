import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { AppHeader } from './app-header';

describe('AppHeader', () => {
  let fixture: ComponentFixture<AppHeader>;

  beforeEach(async () => {
    await TestBed.configureTestingModule({
      imports: [AppHeader],
      providers: [provideRouter([])],
    }).compileComponents();
    fixture = TestBed.createComponent(AppHeader);
  });

  it('shows the navigation, the user name and a "Log out" button', async () => {
    fixture.componentRef.setInput('userName', 'Alice Anders');
    fixture.componentRef.setInput('links', [
      { path: '/chat', label: 'Chat' },
      { path: '/analytics', label: 'Analytics' },
    ]);
    await fixture.whenStable();
    const element: HTMLElement = fixture.nativeElement;
    expect(element.querySelector('nav[aria-label="Main"]')).not.toBeNull();
    expect(Array.from(element.querySelectorAll('nav a')).map((a) => a.textContent?.trim())).toEqual(
      ['Chat', 'Analytics'],
    );
    expect(element.textContent).toContain('Alice Anders');

    const emitted = jest.fn();
    fixture.componentInstance.logOut.subscribe(emitted);
    element.querySelector<HTMLButtonElement>('button')?.click();
    expect(emitted).toHaveBeenCalled();
  });

  it('hides the user controls when nobody is signed in', async () => {
    await fixture.whenStable();
    expect(fixture.nativeElement.querySelector('button')).toBeNull();
    expect(fixture.nativeElement.querySelector('nav')).toBeNull();
  });
});
