import type { ChatMessage } from '@oracle-ai/shared/util-api-contract';
import type { AssistantClient } from '@oracle-ai/web/data-access-assistant';
import { Observable, Subject } from 'rxjs';

/** The assistant, answering only when the spec says so; counts the answers given up on. */
export class FakeAssistant {
  readonly asked: ChatMessage[][] = [];
  answer!: Subject<string>;
  aborted = 0;

  readonly client: Pick<AssistantClient, 'answer'> = {
    answer: (messages) => {
      this.asked.push([...messages]);
      const answer = new Subject<string>();
      this.answer = answer;
      return new Observable<string>((subscriber) => {
        let ended = false;
        const subscription = answer.subscribe({
          next: (text) => subscriber.next(text),
          error: (error: unknown) => {
            ended = true;
            subscriber.error(error);
          },
          complete: () => {
            ended = true;
            subscriber.complete();
          },
        });
        return () => {
          if (!ended) this.aborted++;
          subscription.unsubscribe();
        };
      });
    },
  };
}
