/**
 * The viewer's time zone as the browser reports it, named the way people know it. No I/O and no
 * React, so pages, components and tests can share it.
 */

/**
 * Legacy IANA names that browsers still report (Chromium's `Intl` gives ICU's canonical ids, e.g.
 * `Asia/Calcutta` for a browser set to Asia/Kolkata) → the current name.
 */
export const LEGACY_ZONE_NAMES: Readonly<Record<string, string>> = {
  'Asia/Calcutta': 'Asia/Kolkata',
  'Asia/Saigon': 'Asia/Ho_Chi_Minh',
  'Asia/Katmandu': 'Asia/Kathmandu',
  'Asia/Rangoon': 'Asia/Yangon',
  'Asia/Dacca': 'Asia/Dhaka',
  'Asia/Thimbu': 'Asia/Thimphu',
  'Asia/Ulan_Bator': 'Asia/Ulaanbaatar',
  'Asia/Macao': 'Asia/Macau',
  'Europe/Kiev': 'Europe/Kyiv',
  'Europe/Uzhgorod': 'Europe/Kyiv',
  'Europe/Zaporozhye': 'Europe/Kyiv',
  'Atlantic/Faeroe': 'Atlantic/Faroe',
  'America/Buenos_Aires': 'America/Argentina/Buenos_Aires',
  'America/Catamarca': 'America/Argentina/Catamarca',
  'America/Cordoba': 'America/Argentina/Cordoba',
  'America/Jujuy': 'America/Argentina/Jujuy',
  'America/Mendoza': 'America/Argentina/Mendoza',
  'America/Indianapolis': 'America/Indiana/Indianapolis',
  'America/Louisville': 'America/Kentucky/Louisville',
  'America/Godthab': 'America/Nuuk',
  'Pacific/Truk': 'Pacific/Chuuk',
  'Pacific/Ponape': 'Pacific/Pohnpei',
  'Pacific/Enderbury': 'Pacific/Kanton',
};

/** The current IANA name of a zone (legacy aliases mapped, anything else unchanged). */
export function currentZoneName(zone: string): string {
  return LEGACY_ZONE_NAMES[zone] ?? zone;
}

const UTC_NAMES = new Set(
  ['UTC', 'UCT', 'Universal', 'Zulu', 'GMT', 'GMT0', 'GMT+0', 'GMT-0', 'Greenwich'].flatMap((z) => [z, `Etc/${z}`]),
);

/** Whether a zone name is UTC itself (not merely a zone at offset 0 today, like Europe/London). */
export function isUtcZone(zone: string): boolean {
  return UTC_NAMES.has(zone);
}

/** The browser's own zone, by its current name; null where there is none (e.g. on the server). */
export function browserZone(): string | null {
  try {
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    return zone ? currentZoneName(zone) : null;
  } catch {
    return null;
  }
}
