// chartcoder/searchCodes (protocol.ts): the Search Codes command's queries.
import type { Session } from '../session';
import { SearchCodesRequest, type SearchCodesParams } from '../protocol';
import type { CodeSystem } from '../../chart/model';

const SYSTEMS: readonly CodeSystem[] = ['icd10cm', 'icd10pcs', 'hcpcs', 'cpt'];

export function registerSearchHandler(session: Session): void {
  session.connection.onRequest(
    SearchCodesRequest,
    session.log.guarded('searchCodes', [], (raw: SearchCodesParams) => {
      // From the client: each field checked, a bad one ignored.
      const params = (raw ?? {}) as Partial<Record<keyof SearchCodesParams, unknown>>;
      const query = typeof params.query === 'string' ? params.query : '';
      const system = SYSTEMS.find((s) => s === params.system);
      const date = typeof params.date === 'string' ? params.date : undefined;
      const limit = typeof params.limit === 'number' ? Math.min(Math.max(1, params.limit), 200) : 50;
      const doc = typeof params.uri === 'string' ? session.documents.get(params.uri) : undefined;
      return session.service.searchCodes(query, { system, date, limit }, doc ? session.input(doc) : undefined);
    }),
  );
}
