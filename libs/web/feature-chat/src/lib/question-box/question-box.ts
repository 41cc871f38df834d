import { CdkTextareaAutosize } from '@angular/cdk/text-field';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  ElementRef,
  input,
  output,
  signal,
  viewChild,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { questionTooLong } from '@oracle-ai/web/data-access-assistant';

/**
 * The question box: Enter sends, Shift+Enter starts a new line (and Enter while an input method
 * composes a character only confirms it). Send while no answer is being written, Stop while one is.
 */
@Component({
  selector: 'app-question-box',
  imports: [MatFormFieldModule, MatInputModule, MatButtonModule, CdkTextareaAutosize],
  templateUrl: './question-box.html',
  styleUrl: './question-box.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class QuestionBox {
  /** An answer is being written: Stop instead of Send. */
  readonly answering = input(false);
  /** Nothing can be asked (no assistant on this server). */
  readonly unavailable = input(false);
  readonly send = output<string>();
  readonly stop = output<void>();

  private readonly box = viewChild.required<ElementRef<HTMLTextAreaElement>>('box');
  protected readonly text = signal('');
  protected readonly tooLong = computed(() => questionTooLong(this.text()));
  protected readonly canSend = computed(
    () => !this.unavailable() && !this.answering() && !this.tooLong() && this.text().trim() !== '',
  );

  focus(): void {
    this.box().nativeElement.focus();
  }

  protected onKeydown(event: KeyboardEvent): void {
    if (event.key !== 'Enter' || event.shiftKey || event.isComposing) return;
    event.preventDefault();
    this.submit();
  }

  protected submit(): void {
    if (!this.canSend()) return;
    this.send.emit(this.text().trim());
    this.text.set('');
  }
}
