import { ComponentFixture, TestBed } from '@angular/core/testing';
import { WebUiLayout } from './web-ui-layout';

describe('WebUiLayout', () => {
  let component: WebUiLayout;
  let fixture: ComponentFixture<WebUiLayout>;

  beforeEach(async () => {
    await TestBed.configureTestingModule({
      imports: [WebUiLayout],
    }).compileComponents();

    fixture = TestBed.createComponent(WebUiLayout);
    component = fixture.componentInstance;
    await fixture.whenStable();
  });

  it('should create', () => {
    expect(component).toBeTruthy();
  });
});
