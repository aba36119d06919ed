import type { ParameterValue } from '../policies/policyForm';

/** A parameter's value in words: Booleans as PowerShell shows them, lists comma-separated, empty as a dash. */
export function valueText(value: ParameterValue): string {
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (Array.isArray(value)) return value.length === 0 ? '—' : value.join(', ');
  if (value === null || value === '') return '—';
  return value;
}
