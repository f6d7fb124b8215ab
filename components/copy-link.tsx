'use client';
// The view is the URL: copy it to send a colleague exactly this slice.
import { useState } from 'react';

export function CopyLink({ className }: { className: string }) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    await navigator.clipboard?.writeText(window.location.href).catch(() => undefined);
    setCopied(true);
    setTimeout(() => setCopied(false), 1500);
  };
  return (
    <button type="button" onClick={copy} className={className}>
      {copied ? 'Copied ✓' : 'Copy link'}
    </button>
  );
}
