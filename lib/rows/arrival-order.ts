// Rows made for a first sync's pods as each pod arrived (RowIndex.joinEarly), handed to that sync's
// batch: the batch lists its pods in the order they arrived, so each one's row is found by walking
// the list alongside it, not by a lookup per pod — a hash lookup keyed by the pod object touches
// the pod and a table slot, both out of the CPU's caches by then (docs/performance.md).
//
// A row is only ever given for the very pod object it was made from. A pod the batch does not
// hold (replaced within the batch window, deleted, another namespace's loop still listing) is
// stepped over; a pod the list does not hold is not found, and its row is made the usual way.

/** how far past the last row taken a pod's row is looked for: another namespace's LIST page of
 *  500 pods interleaved with this one's, a few times over */
const LOOK_AHEAD = 2048;
/** misses in a row after which the list is given up on (the batch is in another order) */
const GIVE_UP = 16;

export class ArrivalOrder<R extends { pod: object }> {
  private at = 0;
  private misses = 0;
  /** rows given out */
  taken = 0;

  constructor(private readonly rows: readonly R[]) {}

  /** The row made from exactly `pod`, when it is at or shortly after the last one taken. */
  take(pod: object): R | undefined {
    if (this.misses >= GIVE_UP) return undefined;
    const end = Math.min(this.rows.length, this.at + LOOK_AHEAD);
    for (let j = this.at; j < end; j++) {
      const row = this.rows[j]!;
      if (row.pod !== pod) continue;
      this.at = j + 1;
      this.misses = 0;
      this.taken++;
      return row;
    }
    this.misses++;
    return undefined;
  }
}
