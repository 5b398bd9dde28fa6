// @ts-check
import createNextIntlPlugin from 'next-intl/plugin';
import { serverActionsKeyRefusal } from './server/server-actions-key.mjs';

const actionsKeyRefusal = serverActionsKeyRefusal(process.env.NEXT_SERVER_ACTIONS_ENCRYPTION_KEY);
if (actionsKeyRefusal) throw new Error(actionsKeyRefusal);

/** Security headers every response carries; page-specific ones (no-store, referrer) are set where needed. */
const securityHeaders = [
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'Referrer-Policy', value: 'same-origin' },
  { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=()' },
  // A portal page is one user's and short-lived: never in a search index (SPEC §13).
  { key: 'X-Robots-Tag', value: 'noindex' },
];

// No tenant may embed the portal yet (SPEC §12); base-uri and object-src close two classic injection routes.
const contentSecurityPolicy = {
  key: 'Content-Security-Policy',
  value: "frame-ancestors 'none'; base-uri 'self'; object-src 'none'",
};

/** @type {import('next').NextConfig} */
const nextConfig = {
  // A second checkout's build (or a parallel worker) can build into its own folder.
  distDir: process.env.NEXT_DIST_DIR || '.next',
  // The container image runs only what the build traced (Dockerfile, scripts/assemble-image.mjs).
  output: 'standalone',
  // PGlite loads its wasm and data files by path; bundling it breaks that. prom-client stays one copy,
  // shared with server/start.mjs.
  serverExternalPackages: ['@electric-sql/pglite', 'prom-client'],
  poweredByHeader: false,
  // Type errors fail CI through `npm run typecheck` (which also covers tests and scripts); the build skips it.
  typescript: { ignoreBuildErrors: true },
  reactStrictMode: true,
  async headers() {
    return [
      { source: '/:path*', headers: securityHeaders },
      // The magic-link pages (/l/…) and the tenant logo (/brand/logo) send a stricter policy of their own,
      // with frame-ancestors 'none' too; a config header would replace it.
      { source: '/:path((?!l/|brand/logo$).*)', headers: [contentSecurityPolicy] },
    ];
  },
};

// next-intl reads each request's locale and messages from i18n/request.ts. The catalogues are
// compiled at build time (ICU syntax parsed once, not on every request that formats a message).
export default createNextIntlPlugin({
  requestConfig: './i18n/request.ts',
  experimental: {
    messages: { path: './lib/i18n/messages', format: 'json', locales: 'infer', precompile: true },
  },
})(nextConfig);
