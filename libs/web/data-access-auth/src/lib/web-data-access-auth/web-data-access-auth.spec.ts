import { ComponentFixture, TestBed } from '@angular/core/testing';
import { WebDataAccessAuth } from './web-data-access-auth';

describe('WebDataAccessAuth', () => {
  let component: WebDataAccessAuth;
  let fixture: ComponentFixture<WebDataAccessAuth>;

  beforeEach(async () => {
    await TestBed.configureTestingModule({
      imports: [WebDataAccessAuth],
    }).compileComponents();

    fixture = TestBed.createComponent(WebDataAccessAuth);
    component = fixture.componentInstance;
    await fixture.whenStable();
  });

  it('should create', () => {
    expect(component).toBeTruthy();
  });
});
