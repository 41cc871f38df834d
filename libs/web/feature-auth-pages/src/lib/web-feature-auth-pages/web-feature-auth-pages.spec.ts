import { ComponentFixture, TestBed } from '@angular/core/testing';
import { WebFeatureAuthPages } from './web-feature-auth-pages';

describe('WebFeatureAuthPages', () => {
  let component: WebFeatureAuthPages;
  let fixture: ComponentFixture<WebFeatureAuthPages>;

  beforeEach(async () => {
    await TestBed.configureTestingModule({
      imports: [WebFeatureAuthPages],
    }).compileComponents();

    fixture = TestBed.createComponent(WebFeatureAuthPages);
    component = fixture.componentInstance;
    await fixture.whenStable();
  });

  it('should create', () => {
    expect(component).toBeTruthy();
  });
});
