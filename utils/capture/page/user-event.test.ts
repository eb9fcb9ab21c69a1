// @vitest-environment happy-dom
// The guard every in-page handler of PostProof asks before it acts.
import { describe, expect, it } from 'vitest';
import { trusted } from '../../../test/trusted-event';
import { isUserEvent } from './user-event';

describe('isUserEvent', () => {
  it('refuses events a script made, however they were made', () => {
    expect(isUserEvent(new MouseEvent('click'))).toBe(false);
    expect(isUserEvent(new KeyboardEvent('keydown', { key: 'Enter' }))).toBe(false);
    const button = document.createElement('button');
    let seen: Event | undefined;
    button.addEventListener('click', (event) => (seen = event));
    button.click();
    expect(seen && isUserEvent(seen)).toBe(false);
  });

  it('accepts an event the browser marks as trusted', () => {
    expect(isUserEvent(trusted(new MouseEvent('click')))).toBe(true);
  });
});
