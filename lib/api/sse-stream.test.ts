// When a stream's bytes have left the process: whenDrained fires once everything written has been
// taken and the reader has come back for more (a server reads a chunk, writes it to the socket and
// reads again once the socket drained), not when more is written, nor when a queued chunk is taken.
import { describe, expect, it } from 'vitest';
import { sseResponse, type SseOut } from './sse-stream';

const tick = () => new Promise((r) => setImmediate(r));

describe('whenDrained', () => {
  it('fires when the reader, having taken everything, asks again', async () => {
    let out!: SseOut;
    let drained = 0;
    const res = sseResponse(new Request('http://localhost/x'), (o) => {
      out = o;
      o.sendEncoded(new Uint8Array(200_000), true); // a snapshot
      o.whenDrained(() => drained++);
      return () => {};
    });
    const reader = res.body!.getReader();
    await tick();
    expect(drained).toBe(0); // nothing read
    expect((await reader.read()).value!.byteLength).toBeLessThan(100); // `retry:`
    expect((await reader.read()).value!.byteLength).toBe(200_000); // taken, now being written out
    out.sendEncoded(new Uint8Array(10)); // a patch arrives meanwhile
    await tick();
    expect(drained).toBe(0);
    expect((await reader.read()).value!.byteLength).toBe(10); // a queued chunk taken: not yet
    await tick();
    expect(drained).toBe(0);
    const waiting = reader.read(); // back for more, nothing queued: all of it has left
    await tick();
    expect(drained).toBe(1);
    out.whenDrained(() => drained++); // registered while the reader waits: at its next return
    out.sendEncoded(new Uint8Array(10));
    expect((await waiting).value!.byteLength).toBe(10);
    await tick();
    expect(drained).toBe(1);
    void reader.read();
    await tick();
    expect(drained).toBe(2);
    await reader.cancel();
  });

  it('fires when the stream closes first', async () => {
    let drained = 0;
    const res = sseResponse(new Request('http://localhost/x'), (o) => {
      o.sendEncoded(new Uint8Array(1_000), true);
      o.whenDrained(() => drained++);
      return () => {};
    });
    await res.body!.cancel();
    expect(drained).toBe(1);
  });
});
