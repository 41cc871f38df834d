import { ComponentFixture, TestBed } from '@angular/core/testing';
import { WebFeatureProfile } from './web-feature-profile';

describe('WebFeatureProfile', () => {
  let component: WebFeatureProfile;
  let fixture: ComponentFixture<WebFeatureProfile>;

  beforeEach(async () => {
    await TestBed.configureTestingModule({
      imports: [WebFeatureProfile],
    }).compileComponents();

    fixture = TestBed.createComponent(WebFeatureProfile);
    component = fixture.componentInstance;
    await fixture.whenStable();
  });

  it('should create', () => {
    expect(component).toBeTruthy();
  });
});
