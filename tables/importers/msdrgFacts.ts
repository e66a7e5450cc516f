// MS-DRG facts for lookups and hover (decoded CMS grouper tables): per diagnosis its MDC as
// principal, CC/MCC/NCC severity and CC-exclusion ("PDX exclusion") group; per procedure its
// O.R. status; HAC categories; CC-exclusion groups; DRG and MDC titles. Each fact keeps the grouper
// versions it holds for (V400 … V431), as a bit mask over MSDRG_VERSIONS.
import { SourceError, tsvRows, type SourceFile } from './source';

/** Grouper versions a table row can hold, one bit each; later ones are here so that a new CMS release imports without a code change. */
export const MSDRG_VERSIONS = ['V400', 'V401', 'V410', 'V411', 'V420', 'V421', 'V430', 'V431', 'V440', 'V441', 'V450', 'V451', 'V460', 'V461', 'V470', 'V471', 'V480', 'V481', 'V490', 'V491'] as const;

export function versionMask(versions: string, file: string, line: number): number {
  let mask = 0;
  for (const v of versions.split(',').map((s) => s.trim()).filter(Boolean)) {
    const i = (MSDRG_VERSIONS as readonly string[]).indexOf(v);
    if (i < 0) throw new SourceError(file, line, `unknown grouper version "${v}" (known: ${MSDRG_VERSIONS.join(', ')})`);
    mask |= 1 << i;
  }
  return mask;
}

/** `code mask mdc severity groups` rows, compact text for the built table. */
export function readDxAttributes(src: SourceFile): string[] {
  const out: string[] = [];
  for (const [r, n] of tsvRows(src, ['code', 'mdc', 'severity', 'cc_exclusion_group_ids', 'versions'])) {
    if (!['MCC', 'CC', 'NCC'].includes(r.severity)) throw new SourceError(src.name, n, `severity must be MCC, CC or NCC; got "${r.severity}"`);
    out.push([r.code, versionMask(r.versions, src.name, n), r.mdc, r.severity, r.cc_exclusion_group_ids.replace(/;/g, ',')].join('\t'));
  }
  return out;
}

/** `code mask isOR` rows: a procedure is non-O.R. when the grouper marks it `nonor`. */
export function readPrAttributes(src: SourceFile): string[] {
  const out: string[] = [];
  for (const [r, n] of tsvRows(src, ['code', 'pr_attributes', 'versions'])) {
    const attrs = r.pr_attributes.split(/\s+/);
    out.push([r.code, versionMask(r.versions, src.name, n), attrs.includes('nonor') ? 0 : 1].join('\t'));
  }
  return out;
}

/** `group_id → pdx codes` (Appendix C): a CC/MCC is non-CC when the PDX is in one of its groups. */
export function readCcExclusionGroups(src: SourceFile): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [r, n] of tsvRows(src, ['group_id', 'pdx_codes'])) {
    if (!/^\d+$/.test(r.group_id)) throw new SourceError(src.name, n, `group_id must be a number; got "${r.group_id}"`);
    out[r.group_id] = r.pdx_codes;
  }
  return out;
}

/** Titles by id with their versions: `id mask title` rows. */
export function readDescriptions(src: SourceFile): string[] {
  const out: string[] = [];
  for (const [r, n] of tsvRows(src, ['id', 'description', 'versions'])) out.push([r.id, versionMask(r.versions, src.name, n), r.description].join('\t'));
  return out;
}

/** HAC membership from `hacInformation.textproto`: `code mask hacNumbers operands` rows. */
export function readHacInformation(src: SourceFile): string[] {
  const out: string[] = [];
  const blocks = src.text.split(/\nhacInfos \{/);
  let line = 1;
  for (const block of blocks) {
    const key = /key:\s*"([^"]+)"/.exec(block);
    if (key) {
      for (const list of block.split(/list \{/).slice(1)) {
        const numbers = [...list.matchAll(/hacNumbers:\s*(\d+)/g)].map((m) => m[1]);
        const operands = [...list.matchAll(/hacOperands:\s*"([^"]+)"/g)].map((m) => m[1]);
        const versions = [...list.matchAll(/versions:\s*(V\d+)/g)].map((m) => m[1]).join(',');
        if (!numbers.length) throw new SourceError(src.name, line, `HAC entry for ${key[1]} has no hacNumbers`);
        out.push([key[1], versionMask(versions, src.name, line), numbers.join(','), operands.join(',')].join('\t'));
      }
    }
    line += block.split('\n').length;
  }
  return out;
}
