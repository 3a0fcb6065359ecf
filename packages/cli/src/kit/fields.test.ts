import { describe, expect, it } from 'vitest';
import { setField, splitField, typedValue } from './fields';

describe('fields', () => {
  it('splits key=value at the first =', () => {
    expect(splitField('q=a=b')).toEqual(['q', 'a=b']);
    expect(() => splitField('=x')).toThrow('expected key=value, got "=x"');
  });

  it('types -F values like gh: booleans, null, numbers, the rest strings', async () => {
    expect(await typedValue('true')).toBe(true);
    expect(await typedValue('null')).toBe(null);
    expect(await typedValue('-12.5')).toBe(-12.5);
    expect(await typedValue('12a')).toBe('12a');
    expect(await typedValue('')).toBe('');
  });

  it('nests key[sub]=value as the API query style does', () => {
    const target: Record<string, unknown> = {};
    setField(target, 'customAttributes[plan]', 'pro');
    setField(target, 'customAttributes[seats]', 3);
    setField(target, 'status', 'open');
    expect(target).toEqual({ customAttributes: { plan: 'pro', seats: 3 }, status: 'open' });
  });
});
