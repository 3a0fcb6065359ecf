/** A record that a file or folder can stand for: an article or a collection. */
interface Identified {
  id: string;
  externalId: string | null;
}

/** How an import finds the record for a file or folder, and the record, when there is one. */
export type Identity<T> =
  | { by: 'externalId'; externalId: string; existing: T | undefined }
  | { by: 'id'; existing: T };

/** Lookups by ID and by external ID, built once per import. */
export class RecordIndex<T extends Identified> {
  readonly #byId = new Map<string, T>();
  readonly #byExternalId = new Map<string, T>();

  constructor(records: readonly T[]) {
    for (const record of records) {
      this.#byId.set(record.id, record);
      if (record.externalId !== null) this.#byExternalId.set(record.externalId, record);
    }
  }

  /**
   * `externalId:` from the file wins, then `id:` of a record that exists here (export writes `id:` for
   * records without an external ID; another workspace's ID is ignored), then the path's default.
   */
  identify(declared: { externalId?: string; id?: string }, defaultExternalId: string): Identity<T> {
    const found =
      declared.externalId === undefined && declared.id !== undefined
        ? this.#byId.get(declared.id)
        : undefined;
    if (found) return { by: 'id', existing: found };
    const externalId = declared.externalId ?? defaultExternalId;
    return { by: 'externalId', externalId, existing: this.#byExternalId.get(externalId) };
  }

  /** A record by its external ID, else by its ID (`collection:` in front matter may name either). */
  find(reference: string): T | undefined {
    return this.#byExternalId.get(reference) ?? this.#byId.get(reference);
  }
}

/** The key two files or folders must not share: they would overwrite each other's record. */
export const identityKey = (identity: Identity<Identified>) =>
  identity.existing?.id ?? `external:${identity.by === 'externalId' ? identity.externalId : ''}`;

/** The external ID an outcome reports: null when the record was found by its ID. */
export const externalIdOf = (identity: Identity<Identified>) =>
  identity.by === 'externalId' ? identity.externalId : null;
