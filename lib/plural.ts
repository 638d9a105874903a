/** Counted nouns for display: `1 store`, `8,134 stores` (no I/O; usable on the server and in the browser). */

/** The noun for a count: `singular` for exactly 1, else `plural` (default: singular + `s`). */
export function plural(n: number, singular: string, pluralForm = `${singular}s`): string {
  return n === 1 ? singular : pluralForm;
}

/** A count with its noun, the count grouped en-US style: `1 store`, `0 stores`, `5,718 stores`. */
export function countOf(n: number, singular: string, pluralForm?: string): string {
  return `${n.toLocaleString('en-US')} ${plural(n, singular, pluralForm)}`;
}
