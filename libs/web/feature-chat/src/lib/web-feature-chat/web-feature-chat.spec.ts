import { ComponentFixture, TestBed } from '@angular/core/testing';
import { WebFeatureChat } from './web-feature-chat';

describe('WebFeatureChat', () => {
  let component: WebFeatureChat;
  let fixture: ComponentFixture<WebFeatureChat>;

  beforeEach(async () => {
    await TestBed.configureTestingModule({
      imports: [WebFeatureChat],
    }).compileComponents();

    fixture = TestBed.createComponent(WebFeatureChat);
    component = fixture.componentInstance;
    await fixture.whenStable();
  });

  it('should create', () => {
    expect(component).toBeTruthy();
  });
});
