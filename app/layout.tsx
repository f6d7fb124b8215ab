import type { Metadata, Viewport } from 'next';
import './globals.css';

export const metadata: Metadata = {
  title: 'PodNode Explorer',
  description: 'Which pod runs on which node, on what capacity, asking for what: live and shareable.',
  // inline, so the browser's favicon request never 404s
  icons: {
    icon: "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 16 16'%3E%3Crect width='16' height='16' rx='3' fill='%232563eb'/%3E%3Crect x='3' y='3' width='4' height='4' fill='%23fbbf24'/%3E%3Crect x='9' y='3' width='4' height='4' fill='white'/%3E%3Crect x='3' y='9' width='4' height='4' fill='white'/%3E%3Crect x='9' y='9' width='4' height='4' fill='white'/%3E%3C/svg%3E",
  },
};

export const viewport: Viewport = {
  colorScheme: 'light dark',
  themeColor: [
    { media: '(prefers-color-scheme: light)', color: '#ffffff' },
    { media: '(prefers-color-scheme: dark)', color: '#0a0a0a' },
  ],
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body className="bg-white text-neutral-900 antialiased dark:bg-neutral-950 dark:text-neutral-100">{children}</body>
    </html>
  );
}
