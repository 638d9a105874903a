import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  // PGlite loads its WASM and data files from its package folder at run time.
  serverExternalPackages: ['@electric-sql/pglite'],
  poweredByHeader: false,
  typedRoutes: false,
  experimental: {
    // Uploads of large CSVs stream through route handlers; server actions keep the default limit.
    serverActions: { bodySizeLimit: '1mb' },
  },
};

export default nextConfig;
