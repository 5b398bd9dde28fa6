// @ts-check
/** Security headers every response carries; page-specific ones (no-store, referrer) are set where needed. */
const securityHeaders = [
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'X-Frame-Options', value: 'DENY' },
  // No tenant may embed the portal yet (SPEC §12); base-uri and object-src close two classic injection routes.
  { key: 'Content-Security-Policy', value: "frame-ancestors 'none'; base-uri 'self'; object-src 'none'" },
  { key: 'Referrer-Policy', value: 'same-origin' },
  { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=()' },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  // A second checkout's build (or a parallel worker) can build into its own folder.
  distDir: process.env.NEXT_DIST_DIR || '.next',
  // PGlite loads its wasm and data files by path; bundling it breaks that.
  serverExternalPackages: ['@electric-sql/pglite'],
  poweredByHeader: false,
  // Type errors fail CI through `npm run typecheck` (which also covers tests and scripts); the build skips it.
  typescript: { ignoreBuildErrors: true },
  reactStrictMode: true,
  async headers() {
    return [{ source: '/:path*', headers: securityHeaders }];
  },
};

export default nextConfig;
