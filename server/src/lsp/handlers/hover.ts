// Hover: a code's facts and DRG impact, the release of the discharge date, a suppression's rule.
import type { Session } from '../session';
import { toHover } from '../convert';

export function registerHoverHandler(session: Session): void {
  const { connection, documents, log } = session;
  connection.onHover(
    log.guarded('hover', null, (params) => {
      const doc = documents.get(params.textDocument.uri);
      const h = doc ? session.service.hover(session.input(doc), params.position) : null;
      return h ? toHover(h) : null;
    }),
  );
}
