// Resolving FHIR references inside the imported resources: `urn:uuid:…` full URLs, relative
// `Type/id`, absolute `https://server/fhir/Type/id[/_history/n]`, and conditional references
// (`Practitioner?identifier=system|value`), which EHR and Synthea exports write when the target
// lives in another file. A reference that resolves to nothing is reported, never fatal.
import type { FhirEntry, FhirObject } from './source';

export class ReferenceIndex<T> {
  private readonly byKey = new Map<string, T>();

  /** Registers a resource under every key a reference may use for it. */
  add(entry: FhirEntry, value: T): void {
    for (const key of keysOf(entry)) if (!this.byKey.has(key)) this.byKey.set(key, value);
  }

  /** The resource a reference points to, or undefined. */
  resolve(reference: string | undefined): T | undefined {
    if (!reference) return undefined;
    const direct = this.byKey.get(reference);
    if (direct !== undefined) return direct;
    const conditional = /^([A-Z][A-Za-z]+)\?identifier=(.+)$/.exec(reference);
    if (conditional) {
      let value = conditional[2]!;
      try {
        value = decodeURIComponent(value);
      } catch {
        /* keep it as written */
      }
      return this.byKey.get(`${conditional[1]}?identifier=${value}`);
    }
    const tail = typeAndId(reference);
    return tail ? this.byKey.get(tail) : undefined;
  }
}

/** `Type/id` at the end of a relative or absolute reference (a version suffix dropped), or null. */
export function typeAndId(reference: string): string | null {
  const m = /(?:^|\/)([A-Z][A-Za-z]+)\/([A-Za-z0-9\-.]{1,64})(?:\/_history\/[^/]+)?$/.exec(reference);
  return m ? `${m[1]}/${m[2]}` : null;
}

function keysOf(entry: FhirEntry): string[] {
  const r = entry.resource;
  const keys: string[] = [];
  if (entry.fullUrl) {
    keys.push(entry.fullUrl);
    const tail = typeAndId(entry.fullUrl);
    if (tail) keys.push(tail);
  }
  if (r.id) keys.push(`${r.resourceType}/${r.id}`);
  for (const id of identifiersOf(r)) {
    if (id.system) keys.push(`${r.resourceType}?identifier=${id.system}|${id.value}`);
    keys.push(`${r.resourceType}?identifier=${id.value}`);
  }
  return keys;
}

export function identifiersOf(r: FhirObject): { system?: string; value: string }[] {
  if (!Array.isArray(r.identifier)) return [];
  const out: { system?: string; value: string }[] = [];
  for (const i of r.identifier as unknown[]) {
    if (typeof i !== 'object' || i === null) continue;
    const { system, value } = i as { system?: unknown; value?: unknown };
    if (typeof value === 'string' && value !== '') out.push({ system: typeof system === 'string' ? system : undefined, value });
  }
  return out;
}
