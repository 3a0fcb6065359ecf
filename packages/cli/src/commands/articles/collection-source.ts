import { optionalText } from './article-source';
import { parseYamlMapping } from './front-matter';

/** The optional file in a folder that describes the folder's collection. */
export const COLLECTION_FILE = '_collection.yaml';

/**
 * A collection as a folder's `_collection.yaml` describes it; every field is optional. Without the
 * file, a new collection is named after its folder and an existing one keeps its name.
 */
export interface CollectionSource {
  name?: string;
  /** null clears it on the server; left out, the server's value stays. */
  description?: string | null;
  icon?: string | null;
  externalId?: string;
  /** A collection ID, used to find a collection that has no external ID (what export writes for those). */
  id?: string;
}

export function readCollectionSource(text: string): CollectionSource {
  const data = parseYamlMapping(text, COLLECTION_FILE);
  const source: CollectionSource = {};
  const name = optionalText(data, 'name');
  if (name !== undefined) source.name = name;
  if ('description' in data) source.description = optionalText(data, 'description') ?? null;
  if ('icon' in data) source.icon = optionalText(data, 'icon') ?? null;
  const externalId = optionalText(data, 'externalId');
  if (externalId !== undefined) source.externalId = externalId;
  const id = optionalText(data, 'id');
  if (id !== undefined) source.id = id;
  return source;
}
