// A list handed down as one opaque prop. React's development build diffs changed props for its
// performance tracks and walks arrays key by key — 50,000 string keys per render at 50k rows,
// seconds per click. A private field is invisible to that walk; production never did it.
export class RowList<T> {
  readonly #items: readonly T[];
  constructor(items: readonly T[]) {
    this.#items = items;
  }
  get items(): readonly T[] {
    return this.#items;
  }
  get length(): number {
    return this.#items.length;
  }
  at(i: number): T | undefined {
    return this.#items[i];
  }
}
