/** The upload size limit: UPLOAD_MAX_BYTES (bytes, or with a unit: `500mb`, `1gb`); default 200 MB. */
export const DEFAULT_UPLOAD_MAX_BYTES = 200 * 1024 * 1024;

const UNITS: Record<string, number> = { '': 1, b: 1, kb: 1024, k: 1024, mb: 1024 ** 2, m: 1024 ** 2, gb: 1024 ** 3, g: 1024 ** 3 };

export function uploadMaxBytes(raw: string | undefined = process.env.UPLOAD_MAX_BYTES): number {
  const m = raw?.trim().toLowerCase().match(/^(\d+(?:\.\d+)?)\s*([a-z]*)$/);
  if (!m || !(m[2]! in UNITS)) return DEFAULT_UPLOAD_MAX_BYTES;
  const n = Math.floor(Number(m[1]) * UNITS[m[2]!]!);
  return n > 0 ? n : DEFAULT_UPLOAD_MAX_BYTES;
}

export function formatBytes(n: number): string {
  if (n >= 1024 ** 3) return `${(n / 1024 ** 3).toFixed(1)} GB`;
  if (n >= 1024 ** 2) return `${(n / 1024 ** 2).toFixed(n >= 10 * 1024 ** 2 ? 0 : 1)} MB`;
  if (n >= 1024) return `${(n / 1024).toFixed(0)} KB`;
  return `${n} B`;
}
