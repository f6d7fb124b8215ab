// The three views of one cluster. Only the context travels between them: each view's query
// speaks of different rows.
import Link from 'next/link';

const VIEWS = [
  { href: '/', label: 'Pods' },
  { href: '/nodes', label: 'Nodes' },
  { href: '/workloads', label: 'Workloads' },
] as const;

export function NavLinks({ current, ctx }: { current: '/' | '/nodes' | '/workloads'; ctx: string | null }) {
  return (
    <nav aria-label="Views" className="flex items-center gap-0.5 rounded-md bg-neutral-100 p-0.5 text-xs dark:bg-neutral-800">
      {VIEWS.map((v) => (
        <Link
          key={v.href}
          href={ctx ? `${v.href}?ctx=${encodeURIComponent(ctx)}` : v.href}
          aria-current={v.href === current ? 'page' : undefined}
          className={`rounded px-2 py-0.5 ${v.href === current ? 'bg-white font-semibold shadow-sm dark:bg-neutral-950' : 'text-neutral-600 hover:text-neutral-950 dark:text-neutral-300 dark:hover:text-white'}`}
        >
          {v.label}
        </Link>
      ))}
    </nav>
  );
}
