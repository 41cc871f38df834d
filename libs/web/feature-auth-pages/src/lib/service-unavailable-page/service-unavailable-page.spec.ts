import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { ServiceUnavailablePage } from './service-unavailable-page';

describe('ServiceUnavailablePage', () => {
  it.each([
    ['/analytics', '/analytics'],
    ['//evil.com', '/'],
    [undefined, '/'],
    ['/service-unavailable?returnUrl=/x', '/'],
  ])('retries %p by going to %s', async (returnUrl, target) => {
    TestBed.configureTestingModule({
      imports: [ServiceUnavailablePage],
      providers: [provideRouter([])],
    });
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);
    const fixture = TestBed.createComponent(ServiceUnavailablePage);
    fixture.componentRef.setInput('returnUrl', returnUrl);
    await fixture.whenStable();
    (fixture.nativeElement as HTMLElement).querySelector('button')?.click();
    expect(navigate).toHaveBeenCalledWith(target);
  });
});
