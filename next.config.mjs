/** @type {import('next').NextConfig} */
const nextConfig = {
  output: 'standalone',
  // The client-node library and the simulator run only on the server; keep them out of bundling.
  serverExternalPackages: ['@kubernetes/client-node'],
  poweredByHeader: false,
};
export default nextConfig;
