import { tokenize } from './tokenize';

/** BM25's usual constants: term-frequency saturation and length normalisation. */
export const K1 = 1.2;
export const B = 0.75;

/** One document as the index sees it: the text of each field, in the order the weights name them. */
export type FieldTexts = readonly string[];

/** A scored document, best first in `search` results. */
export interface Bm25Hit {
  id: string;
  score: number;
}

interface Document {
  /** Terms per field (length of each field in terms). */
  lengths: number[];
  /** Each distinct term of the document → its count in each field. */
  counts: Map<string, number[]>;
}

/**
 * An inverted index scored with BM25F (BM25 over several weighted fields): a term's frequency in
 * each field is normalised by that field's length against its average, weighted, summed, and then
 * saturated once with k1, so a word in a short title counts for more than the same word in a long
 * body. Writes update the postings incrementally; a query touches only the postings of its terms.
 *
 * @example
 * const index = new Bm25Index([3, 2, 1]);
 * index.upsert('art_1', ['How to get a refund', 'billing refunds', 'You can get a full refund...']);
 * index.search('refund'); // [{ id: 'art_1', score: 1.23 }]
 */
export class Bm25Index {
  readonly #weights: readonly number[];
  readonly #documents = new Map<string, Document>();
  /** term → document ID → counts per field. */
  readonly #postings = new Map<string, Map<string, number[]>>();
  /** Sum of each field's length over all documents, for the average lengths. */
  readonly #totalLengths: number[];

  constructor(weights: readonly number[]) {
    this.#weights = weights;
    this.#totalLengths = weights.map(() => 0);
  }

  get size(): number {
    return this.#documents.size;
  }

  has(id: string): boolean {
    return this.#documents.has(id);
  }

  /** Adds the document, or replaces its previous version. */
  upsert(id: string, fields: FieldTexts): void {
    this.remove(id);
    const counts = new Map<string, number[]>();
    const lengths = this.#weights.map((_, field) => {
      const terms = tokenize(fields[field] ?? '');
      for (const term of terms) {
        let perField = counts.get(term);
        if (!perField) {
          perField = this.#weights.map(() => 0);
          counts.set(term, perField);
        }
        perField[field] = (perField[field] ?? 0) + 1;
      }
      return terms.length;
    });
    lengths.forEach((length, field) => {
      this.#totalLengths[field] = (this.#totalLengths[field] ?? 0) + length;
    });
    for (const [term, perField] of counts) {
      let posting = this.#postings.get(term);
      if (!posting) {
        posting = new Map();
        this.#postings.set(term, posting);
      }
      posting.set(id, perField);
    }
    this.#documents.set(id, { lengths, counts });
  }

  remove(id: string): void {
    const document = this.#documents.get(id);
    if (!document) return;
    this.#documents.delete(id);
    document.lengths.forEach((length, field) => {
      this.#totalLengths[field] = (this.#totalLengths[field] ?? 0) - length;
    });
    for (const term of document.counts.keys()) {
      const posting = this.#postings.get(term);
      posting?.delete(id);
      if (posting?.size === 0) this.#postings.delete(term);
    }
  }

  /**
   * Documents matching at least one term of `query`, best first, equal scores in ID order (scores
   * rounded to four decimals). Corpus
   * statistics (document count, document frequencies, average lengths) are those of the whole index;
   * `accept` only decides which matching documents are returned.
   */
  search(query: string, accept: (id: string) => boolean = () => true): Bm25Hit[] {
    const total = this.#documents.size;
    const averages = this.#totalLengths.map((sum) => (total === 0 ? 0 : sum / total));
    const scores = new Map<string, number>();
    for (const term of new Set(tokenize(query))) {
      const posting = this.#postings.get(term);
      if (!posting) continue;
      // Robertson–Spärck Jones IDF with the +1 that keeps it positive for very common terms.
      const idf = Math.log(1 + (total - posting.size + 0.5) / (posting.size + 0.5));
      for (const [id, perField] of posting) {
        if (!accept(id)) continue;
        const document = this.#documents.get(id);
        if (!document) continue;
        let frequency = 0;
        perField.forEach((count, field) => {
          if (count === 0) return;
          const average = averages[field] ?? 0;
          const length = document.lengths[field] ?? 0;
          const norm = average === 0 ? 1 : 1 - B + (B * length) / average;
          frequency += ((this.#weights[field] ?? 0) * count) / norm;
        });
        const score = (idf * frequency * (K1 + 1)) / (K1 + frequency);
        scores.set(id, (scores.get(id) ?? 0) + score);
      }
    }
    // Rounded so that equal relevance compares equal (float sums depend on the order of terms) and
    // ties fall back to ID order, as the spec promises.
    return [...scores]
      .map(([id, score]) => ({ id, score: Math.round(score * 10_000) / 10_000 }))
      .sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  clear(): void {
    this.#documents.clear();
    this.#postings.clear();
    this.#totalLengths.fill(0);
  }
}
