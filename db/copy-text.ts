/** Escapes a value for PostgreSQL's COPY text format (backslash, tab, newline, carriage return). */
export function copyText(v: string): string {
  return /[\\\t\n\r]/.test(v) ? v.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r') : v;
}
