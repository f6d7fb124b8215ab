// Class names shared by the query inputs (kk box, selector boxes, column adder), so they look
// and flag errors alike.
export function queryInputClass(invalid: boolean, width: string): string {
  const border = invalid ? 'border-red-400' : 'border-neutral-300 dark:border-neutral-700';
  return `h-7 ${width} rounded border bg-transparent px-2 font-mono text-[11px] outline-none focus:border-blue-500 ${border}`;
}

export const submitButtonClass =
  'h-7 rounded border border-neutral-300 px-2 text-xs hover:bg-neutral-50 dark:border-neutral-700 dark:hover:bg-neutral-800';
