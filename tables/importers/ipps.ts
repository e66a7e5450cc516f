// IPPS payment data: the Pricer DRG table (weight, GMLOS, AMLOS, post-acute flags), the FY DRG
// list with full titles, the MS-DRG v44 weights (FY2027), and the national standardized amounts.
import { csvFields, lines, SourceError, tsvRows, type SourceFile } from './source';

export interface DrgWeight {
  drg: string; // 3 digits
  weight: number;
  gmlos: number | null;
  amlos: number | null;
  postAcute: boolean;
  specialPay: boolean;
  title: string | null;
  type?: string; // MED / SURG
}

const num = (s: string, file: string, line: number, what: string): number => {
  const v = Number(s);
  if (s.trim() === '' || !Number.isFinite(v)) throw new SourceError(file, line, `${what} must be a number; got "${s}"`);
  return v;
};

/** `drgstable-YYYY.csv` (Pricer): diagnosticRelatedGroup, effectiveDate, weight, GMLOS, lowVolume, AMLOS, postAcute, specialPay, description. */
export function readPricerDrgTable(src: SourceFile): Map<string, DrgWeight> {
  const out = new Map<string, DrgWeight>();
  let header: string[] | null = null;
  for (const [line, n] of lines(src)) {
    const f = csvFields(line);
    if (!f) throw new SourceError(src.name, n, 'malformed CSV');
    if (!header) {
      header = f;
      if (header[0] !== 'diagnosticRelatedGroup') throw new SourceError(src.name, n, 'expected the Pricer DRG table header (diagnosticRelatedGroup,…)');
      continue;
    }
    const col = (name: string) => f[header!.indexOf(name)] ?? '';
    const drg = col('diagnosticRelatedGroup').padStart(3, '0');
    if (!/^\d{3}$/.test(drg)) throw new SourceError(src.name, n, `"${drg}" is not a DRG number`);
    out.set(drg, {
      drg,
      weight: num(col('weight'), src.name, n, 'weight'),
      gmlos: col('geometricMeanLengthOfStay') ? num(col('geometricMeanLengthOfStay'), src.name, n, 'GMLOS') : null,
      amlos: col('arithmeticMeanLengthOfStay') ? num(col('arithmeticMeanLengthOfStay'), src.name, n, 'AMLOS') : null,
      postAcute: col('postAcuteCare').trim() !== '',
      specialPay: col('specialPaymentPostAcuteCare').trim() !== '',
      title: col('description') || null,
    });
  }
  return out;
}

/** `fy2027_msdrg_v44_weights.tsv` and the like: ms_drg, mdc, type, weight, GMLOS, AMLOS, post_acute, special_pay, title, title_source. */
export function readWeightsTsv(src: SourceFile): Map<string, DrgWeight & { titleSource?: string }> {
  const out = new Map<string, DrgWeight & { titleSource?: string }>();
  for (const [r, n] of tsvRows(src, ['ms_drg', 'weight'])) {
    const drg = r.ms_drg.padStart(3, '0');
    if (!/^\d{3}$/.test(drg)) throw new SourceError(src.name, n, `"${r.ms_drg}" is not a DRG number`);
    out.set(drg, {
      drg,
      weight: num(r.weight, src.name, n, 'weight'),
      gmlos: r.geometric_mean_los ? num(r.geometric_mean_los, src.name, n, 'GMLOS') : null,
      amlos: r.arithmetic_mean_los ? num(r.arithmetic_mean_los, src.name, n, 'AMLOS') : null,
      postAcute: r.post_acute === '1',
      specialPay: r.special_pay === '1',
      title: r.title || r.ms_drg_title || null,
      type: r.type,
      titleSource: r.title_source,
    });
  }
  return out;
}

/** National operating standardized amount (labor + non-labor) from `fyYYYY_national_rates.tsv`. */
export function readNationalRates(src: SourceFile): { labor: number; nonLabor: number; fiscalYear: string } {
  let labor: number | null = null;
  let nonLabor: number | null = null;
  let fiscalYear = '';
  for (const [r, n] of tsvRows(src, ['fiscal_year', 'item', 'value'])) {
    fiscalYear = r.fiscal_year;
    if (labor === null && /labor-related/.test(r.item) && !/nonlabor/.test(r.item)) labor = num(r.value, src.name, n, 'value');
    else if (nonLabor === null && /nonlabor/.test(r.item)) nonLabor = num(r.value, src.name, n, 'value');
  }
  if (labor === null || nonLabor === null) throw new SourceError(src.name, 1, 'no labor-related and non-labor rows for the operating standardized amount');
  return { labor, nonLabor, fiscalYear };
}

/** POA-exempt codes: `version<TAB>code`. */
export function readPoaExempt(src: SourceFile): { version: string; codes: string[] } {
  const codes: string[] = [];
  let version = '';
  for (const [r] of tsvRows(src, ['version', 'code'])) {
    version = r.version;
    codes.push(r.code);
  }
  return { version, codes };
}

/** The Pricer rate file `ratex-YYYY.csv`: the national operating standardized amount of table 1 (full update, wage index > 1), large urban row. */
export function readRatex(src: SourceFile): { labor: number; nonLabor: number } {
  let header: string[] | null = null;
  for (const [line, n] of lines(src)) {
    const f = csvFields(line);
    if (!f) throw new SourceError(src.name, n, 'malformed CSV');
    if (!header) {
      header = f;
      for (const c of ['tableNumber', 'scope', 'largeUrban', 'regLabor', 'regNLabor'])
        if (!header.includes(c))
          throw new SourceError(src.name, n, `expected the Pricer rate header (tableNumber,scope,largeUrban,regLabor,regNLabor); missing ${c}`);
      continue;
    }
    const col = (name: string) => f[header!.indexOf(name)] ?? '';
    if (col('tableNumber') === 'tab1' && col('scope') === 'nat' && col('largeUrban') === '1') {
      return { labor: num(col('regLabor'), src.name, n, 'regLabor'), nonLabor: num(col('regNLabor'), src.name, n, 'regNLabor') };
    }
  }
  throw new SourceError(src.name, 1, 'no row "tab1,nat,1" (national standardized amount, table 1)');
}

/** `msdrg_drg_descriptions.tsv`: id, description, versions (comma-separated "V400,…") → version → DRG (3 digits) → title. */
export function readDrgDescriptions(src: SourceFile): Map<string, Map<string, string>> {
  const out = new Map<string, Map<string, string>>();
  for (const [r, n] of tsvRows(src, ['id', 'description', 'versions'])) {
    if (!/^\d{1,3}$/.test(r.id)) throw new SourceError(src.name, n, `"${r.id}" is not a DRG number`);
    for (const v of r.versions.split(',')) {
      let m = out.get(v.trim());
      if (!m) out.set(v.trim(), (m = new Map()));
      m.set(r.id.padStart(3, '0'), r.description);
    }
  }
  return out;
}

/** A CDC POA-exempt list (`POAexemptCodesFY26.txt`: OrderNN, POAexemptCode, Description; tab-delimited): the codes, undotted. */
export function readPoaExemptList(src: SourceFile): string[] {
  const codes: string[] = [];
  for (const [r, n] of tsvRows(src, ['POAexemptCode'])) {
    const code = r.POAexemptCode.replace('.', '').toUpperCase();
    if (!/^[A-Z][0-9A-Z][0-9A-Z]{1,5}$/.test(code)) throw new SourceError(src.name, n, `"${r.POAexemptCode}" is not an ICD-10-CM code`);
    codes.push(code);
  }
  if (!codes.length) throw new SourceError(src.name, 1, 'no codes in the POA-exempt list');
  return codes;
}
