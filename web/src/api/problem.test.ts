import { describe, expect, it } from 'vitest';
import { ApiError, describeError, problemFrom } from './problem';

describe('problemFrom', () => {
  it('takes the detail and the code of a problem', () => {
    const error = problemFrom(403, { title: 'Forbidden', detail: 'Administrators only.', code: 'auth.forbidden', status: 403 });
    expect(error.message).toBe('Administrators only.');
    expect(error.code).toBe('auth.forbidden');
    expect(error.status).toBe(403);
  });

  it('falls back to the title, then to the status, never to the raw body', () => {
    expect(problemFrom(404, { title: 'Not Found' }).message).toBe('Not Found');
    expect(problemFrom(500, 'System.InvalidOperationException: at Foo.Bar()').message).toBe('The server answered 500.');
    expect(problemFrom(502, null).code).toBeNull();
  });
});

describe('describeError', () => {
  it('names the code beside the message', () => {
    expect(describeError(new ApiError('Not allowed.', 403, 'policy.setting_locked'))).toBe('Not allowed. (policy.setting_locked)');
  });

  it('gives a sentence for anything that is not an error', () => {
    expect(describeError(undefined)).toBe('Something went wrong.');
    expect(describeError(new Error('The network is down.'))).toBe('The network is down.');
  });
});
