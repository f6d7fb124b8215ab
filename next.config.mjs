/** @type {import('next').NextConfig} */
const nextConfig = {
  output: 'standalone',
  // The client-node library and the simulator run only on the server; keep them out of bundling.
  serverExternalPackages: ['@kubernetes/client-node'],
  poweredByHeader: false,
  // `npm test` runs tsc as its own step (over tests and scripts too); don't pay for it twice.
  typescript: { ignoreBuildErrors: true },
};
export default nextConfig;
