/**
 * Exact seconds ↔ half-microseconds. Report rows store durations as exact decimal seconds with
 * 7 fraction digits (one half-microsecond is 0.0000005 s), so nothing is rounded in storage.
 */
import type { Halves } from './uptime';

const HALVES_PER_SECOND = 2_000_000;

/** `1234.5678905` for 2469135781 halves. */
export function halvesToSeconds(h: Halves): string {
  const whole = Math.floor(h / HALVES_PER_SECOND);
  const rest = h - whole * HALVES_PER_SECOND; // 0 … 1999999 halves = rest × 5 × 10⁻⁷ s
  return `${whole}.${String(rest * 5).padStart(7, '0')}`;
}

/** The inverse of halvesToSeconds, for any non-negative decimal with at most 7 fraction digits. */
export function secondsToHalves(s: string): Halves {
  const [whole = '0', frac = ''] = s.trim().split('.');
  if (frac.length > 7) throw new Error(`more than 7 fraction digits: ${s}`);
  return Number(whole) * HALVES_PER_SECOND + Number(frac.padEnd(7, '0')) / 5;
}
