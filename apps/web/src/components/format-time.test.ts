import { describe, expect, it } from 'vitest';
import { formatDuration } from './format-time';

describe('formatDuration', () => {
  it('says milliseconds, seconds, minutes and hours in words', () => {
    expect(formatDuration('2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.850Z')).toBe('850 ms');
    expect(formatDuration('2026-01-01T00:00:00Z', '2026-01-01T00:00:12Z')).toBe('12 s');
    expect(formatDuration('2026-01-01T00:00:00Z', '2026-01-01T00:03:05Z')).toBe('3 min 5 s');
    expect(formatDuration('2026-01-01T00:00:00Z', '2026-01-01T02:04:00Z')).toBe('2 h 4 min');
  });
  it('shows a dash when a timestamp is missing or the order is reversed', () => {
    expect(formatDuration(null, '2026-01-01T00:00:00Z')).toBe('—');
    expect(formatDuration('2026-01-01T00:00:10Z', '2026-01-01T00:00:00Z')).toBe('—');
  });
});
