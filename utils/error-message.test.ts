import { describe, expect, it } from 'vitest';
import { errorMessage } from './error-message';

describe('errorMessage', () => {
  it('reads an Error by its message and anything else as text', () => {
    expect(errorMessage(new TypeError('Failed to fetch'))).toBe('Failed to fetch');
    expect(errorMessage('quota exceeded')).toBe('quota exceeded');
    expect(errorMessage(undefined)).toBe('undefined');
    expect(errorMessage({ toString: () => 'odd' })).toBe('odd');
  });
});
