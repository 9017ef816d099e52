import { describe, expect, it } from 'vitest';
import { Emitter } from '../../../../shared/events/emitter';

describe('an event', () => {
  it('reaches every subscriber in order until each unsubscribes', () => {
    const saved = new Emitter<string>();
    const heard: string[] = [];
    const stopFirst = saved.event((state) => heard.push(`first ${state}`));
    saved.event((state) => heard.push(`second ${state}`));
    saved.fire('saving');
    stopFirst();
    stopFirst();
    saved.fire('saved');
    expect(heard).toEqual(['first saving', 'second saving', 'second saved']);
  });

  it('still reaches the others when one listener throws, and tells the one who fired', () => {
    const changed = new Emitter<number>();
    const heard: number[] = [];
    changed.event(() => {
      throw new Error('broken view');
    });
    changed.event((value) => heard.push(value));
    expect(() => changed.fire(1)).toThrow('broken view');
    expect(heard).toEqual([1]);
  });

  it('calls a listener subscribed while it fires from the next time on, and none once disposed', () => {
    const changed = new Emitter();
    let late = 0;
    changed.event(() => changed.event(() => late++));
    changed.fire();
    expect(late).toBe(0);
    changed.fire();
    expect(late).toBe(1);
    changed.dispose();
    changed.event(() => late++);
    changed.fire();
    expect(late).toBe(1);
    expect(changed.size).toBe(0);
  });
});
