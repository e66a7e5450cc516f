// The Search Codes list for a chart: each hit with its CC/MCC badge under the chart's MS-DRG
// version, and the codes that fail the patient's MCE age/sex edits after the rest, with the reason
// (./patientFit.ts) — the same ranking as completion, so the two lists agree.
import type { SearchResult } from '../../search/engine';
import type { ServiceContext } from '../context';
import { patientConcern, rankForPatient, type Patient } from './patientFit';

/** A search hit as the Search Codes list shows it. */
export interface CodeSearchHit extends SearchResult {
  /** The code's severity as a secondary diagnosis under the release's MS-DRG logic. */
  badge?: 'CC' | 'MCC';
  /** Why the code does not fit the chart's patient (an MCE age/sex edit it fails). */
  concern?: string;
}

/** `hits` badged and ranked for the patient (`patient` null: no chart, no ranking). */
export function rankSearchHits(
  hits: SearchResult[],
  ctx: ServiceContext,
  date: string | undefined,
  msdrgVersion: string | null,
  patient: Patient | null,
): CodeSearchHit[] {
  const tables = ctx.tables;
  const badged = hits.map((h): CodeSearchHit => {
    const severity = msdrgVersion && h.system === 'icd10cm' ? ctx.grouper?.dxInfo(h.code, msdrgVersion)?.severity : undefined;
    return severity === 'CC' || severity === 'MCC' ? { ...h, badge: severity } : { ...h };
  });
  if (!tables || !date || !patient) return badged;
  return rankForPatient(badged, (h) => patientConcern(tables, h.code, h.system, date, patient)).map(({ item, concern }) =>
    concern ? { ...item, concern } : item,
  );
}
