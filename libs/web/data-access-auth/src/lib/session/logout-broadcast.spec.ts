import { TestBed } from '@angular/core/testing';
import { LogoutBroadcast } from './logout-broadcast';

/** jsdom has no BroadcastChannel: a same-page stand-in that delivers to the other instances. */
class FakeBroadcastChannel extends EventTarget {
  static open: FakeBroadcastChannel[] = [];
  constructor(readonly name: string) {
    super();
    FakeBroadcastChannel.open.push(this);
  }
  postMessage(data: unknown): void {
    for (const other of FakeBroadcastChannel.open) {
      if (other !== this && other.name === this.name) {
        other.dispatchEvent(new MessageEvent('message', { data }));
      }
    }
  }
  close(): void {
    FakeBroadcastChannel.open = FakeBroadcastChannel.open.filter((channel) => channel !== this);
  }
}

describe('LogoutBroadcast', () => {
  let otherTab: FakeBroadcastChannel;
  let broadcast: LogoutBroadcast;

  beforeEach(() => {
    Object.assign(globalThis, { BroadcastChannel: FakeBroadcastChannel });
    otherTab = new FakeBroadcastChannel('oracle-ai.auth');
    broadcast = TestBed.inject(LogoutBroadcast);
  });

  afterEach(() => {
    TestBed.resetTestingModule();
    otherTab.close();
    Reflect.deleteProperty(globalThis, 'BroadcastChannel');
  });

  it('tells the other tabs about a logout', () => {
    const heard = jest.fn();
    otherTab.addEventListener('message', (event) => heard((event as MessageEvent).data));
    broadcast.announce();
    expect(heard).toHaveBeenCalledWith({ type: 'logout' });
  });

  it('hears a logout in another tab, and nothing else', () => {
    const handler = jest.fn();
    broadcast.onLogoutElsewhere(handler);
    otherTab.postMessage({ type: 'hello' });
    otherTab.postMessage(null);
    expect(handler).not.toHaveBeenCalled();
    otherTab.postMessage({ type: 'logout' });
    expect(handler).toHaveBeenCalledTimes(1);
  });

  it('closes its channel with the app', () => {
    TestBed.resetTestingModule();
    expect(FakeBroadcastChannel.open).toEqual([otherTab]);
  });
});
