import { describe, expect, it } from 'vitest';
import { valueText } from './effective';

describe('effective policy values', () => {
  it('shows Booleans as PowerShell does, lists comma-separated and empty values as a dash', () => {
    expect(valueText(true)).toBe('True');
    expect(valueText(false)).toBe('False');
    expect(valueText(['a.example', 'b.example'])).toBe('a.example, b.example');
    expect(valueText([])).toBe('—');
    expect(valueText('')).toBe('—');
    expect(valueText(null)).toBe('—');
    expect(valueText('Required')).toBe('Required');
  });
});
