/** A whole-file refusal of an import: nothing of the file is imported, and the message is for the person who gave it. */
export class ImportRefusal extends Error {
  readonly code = 'IMPORT_REFUSED';
  constructor(message: string) {
    super(message);
    this.name = 'ImportRefusal';
  }
}

/** `65,536 bytes (64 KiB)` */
export function formatBytes(n: number): string {
  const units = [
    [1024 ** 3, 'GiB'],
    [1024 ** 2, 'MiB'],
    [1024, 'KiB'],
  ] as const;
  const exact = units.find(([u]) => n >= u && n % u === 0);
  const approx = units.find(([u]) => n >= u);
  const human = exact ? `${n / exact[0]} ${exact[1]}` : approx ? `${(n / approx[0]).toFixed(1)} ${approx[1]}` : undefined;
  return `${n.toLocaleString('en-US')} bytes${human ? ` (${human})` : ''}`;
}
