/** A host or origin this dashboard does not serve: say so, show nothing of the cluster. */
export function Refused({ message }: { message: string }) {
  return (
    <main className="mx-auto max-w-xl p-8 text-sm">
      <h1 className="mb-2 text-base font-semibold">Refused</h1>
      <p role="alert">{message}</p>
    </main>
  );
}
