/** The report engine: pure functions, no I/O, no framework. See SPEC.md §2–3. */
export * from './time';
export * from './zone';
export * from './business-hours';
export * from './uptime';
export * from './store-report';
export * from './csv';
export * from './units';
