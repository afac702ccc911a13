import { describe, expect, it } from 'vitest';
import { describeRateLimit, parseQuota, rateLimitFrom } from '../../../../main/registry/vendors/rate-limit';

describe("Docker Hub's rate limit headers", () => {
  it('reads a count with its window, in any spacing', () => {
    expect(parseQuota('100;w=21600')).toEqual({ value: 100, window: 21600 });
    expect(parseQuota('76 ; w = 21600')).toEqual({ value: 76, window: 21600 });
    expect(parseQuota('200')).toEqual({ value: 200, window: null });
  });

  it('gives nothing for a header that is missing or not a count', () => {
    expect(parseQuota(null)).toBeNull();
    expect(parseQuota('')).toBeNull();
    expect(parseQuota('many;w=60')).toBeNull();
  });

  it('needs both limit and remaining to say anything', () => {
    expect(rateLimitFrom(new Headers({ 'ratelimit-limit': '100;w=21600' }))).toBeNull();
    expect(rateLimitFrom(new Headers({ 'ratelimit-limit': '100;w=21600', 'ratelimit-remaining': '0;w=21600' }))).toEqual({ limit: 100, remaining: 0, windowSeconds: 21600 });
  });

  it('says it in words a user reads', () => {
    expect(describeRateLimit({ limit: 200, remaining: 199, windowSeconds: 21600, source: 'a1b2c3' })).toBe('199 of 200 pulls left per 6 h (counted for a1b2c3).');
    expect(describeRateLimit({ limit: 10, remaining: 3, windowSeconds: 90 })).toBe('3 of 10 pulls left per 90 s.');
    expect(describeRateLimit({ limit: 10, remaining: 3, windowSeconds: null })).toBe('3 of 10 pulls left.');
  });
});
