/**
 * TIDAL's openapi v2 host answers in JSON:API (`{ data: [{ id, type, attributes, … }] }`), unlike the private
 * API's v1 and v2 hosts. The lookups by code this client makes there come back as the resources' attributes
 * beside the numeric id the private API's methods take.
 */
import { isRecord } from "../core/json.js";
import type { CatalogueMatch } from "./types/catalogue-match.js";

/** The matches of a JSON:API document; a resource whose id is not a catalogue id is left out. */
export function catalogueMatches<M extends CatalogueMatch<object>>(document: unknown): M[] {
  const data = isRecord(document) && Array.isArray(document.data) ? (document.data as unknown[]) : [];
  const matches: M[] = [];
  for (const resource of data) {
    if (!isRecord(resource)) continue;
    const id = Number(resource.id);
    if (!Number.isSafeInteger(id) || id <= 0) continue;
    const attributes = isRecord(resource.attributes) ? resource.attributes : {};
    matches.push({ id, type: String(resource.type), attributes } as M);
  }
  return matches;
}
