import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { AccessStore } from '@oracle-ai/web/data-access-auth';
import { ForbiddenPage } from './forbidden-page';

describe('ForbiddenPage', () => {
  const requiredGroupsFor = jest.fn();

  async function render(feature?: string) {
    TestBed.configureTestingModule({
      imports: [ForbiddenPage],
      providers: [
        provideRouter([]),
        { provide: AccessStore, useValue: { requiredGroupsFor, me: signal(null) } },
      ],
    });
    const fixture = TestBed.createComponent(ForbiddenPage);
    if (feature) fixture.componentRef.setInput('feature', feature);
    await fixture.whenStable();
    return fixture.nativeElement as HTMLElement;
  }

  it('names the app group to request', async () => {
    requiredGroupsFor.mockResolvedValue(['database']);
    const element = await render();
    expect(element.querySelector('h1')?.textContent).toBe("You don't have access to Oracle AI");
    expect(element.querySelector('li')?.textContent).toBe('database');
    expect(element.textContent).toContain('this group');
    expect(requiredGroupsFor).toHaveBeenCalledWith(null);
  });

  it('names the chat groups for ?feature=chat', async () => {
    requiredGroupsFor.mockResolvedValue(['oracle-ai-users', 'oracle-ai-admins']);
    const element = await render('chat');
    expect(element.querySelector('h1')?.textContent).toBe("You don't have access to the chat");
    expect(Array.from(element.querySelectorAll('li')).map((li) => li.textContent)).toEqual([
      'oracle-ai-users',
      'oracle-ai-admins',
    ]);
    expect(requiredGroupsFor).toHaveBeenCalledWith('chat');
  });

  it('falls back to "contact your administrator" when the groups are unknown', async () => {
    requiredGroupsFor.mockResolvedValue(null);
    const element = await render('nonsense');
    expect(element.textContent).toContain('contact your administrator');
    expect(requiredGroupsFor).toHaveBeenCalledWith(null);
  });
});
