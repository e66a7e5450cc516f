// Note text from FHIR Attachments (DocumentReference.content.attachment,
// DiagnosticReport.presentedForm): base64 `data` in the resource, or a `url` to a Binary in the
// same input. text/plain is decoded in its charset; text/html is reduced to text (html-to-text);
// anything else (PDF, CDA XML, images) is not note text and is reported as such.
import { convert } from 'html-to-text';

export interface AttachmentLike {
  contentType?: string;
  data?: string;
  url?: string;
  title?: string;
}

export type AttachmentText = { ok: true; text: string; contentType: string } | { ok: false; reason: string };

/** The readable text of an attachment whose bytes are at hand (`data`, base64). */
export function attachmentText(a: AttachmentLike, data: string | undefined): AttachmentText {
  const contentType = (a.contentType ?? '').trim();
  const [mime, ...params] = contentType.split(';').map((s) => s.trim());
  const kind = (mime ?? '').toLowerCase();
  if (kind !== 'text/plain' && kind !== 'text/html' && kind !== 'application/xhtml+xml' && kind !== '') {
    return { ok: false, reason: `content type ${contentType} is not note text` };
  }
  if (data === undefined)
    return { ok: false, reason: a.url ? `the text is at ${a.url}, outside the input (ChartCoder never fetches)` : 'the attachment has no data' };
  if (!/^[A-Za-z0-9+/=\s_-]*$/.test(data)) return { ok: false, reason: 'the attachment data is not base64' };
  const charset = params.map((p) => /^charset=\s*"?([^";]+)"?/i.exec(p)?.[1]).find(Boolean) ?? 'utf-8';
  const bytes = Buffer.from(data, 'base64');
  let decoded: string;
  try {
    decoded = new TextDecoder(charset.toLowerCase(), { fatal: false }).decode(bytes);
  } catch {
    decoded = new TextDecoder('utf-8').decode(bytes); // an unknown charset name: UTF-8, the FHIR default
  }
  if (decoded.charCodeAt(0) === 0xfeff) decoded = decoded.slice(1);
  const isHtml = kind === 'text/html' || kind === 'application/xhtml+xml' || (kind === '' && /^\s*<(!doctype html|html|div|p|body)\b/i.test(decoded));
  const text = isHtml ? htmlToText(decoded) : decoded;
  return { ok: true, text: tidy(text), contentType: isHtml ? 'text/html' : 'text/plain' };
}

/** HTML reduced to readable text: block elements become lines, lists keep bullets, links lose URLs. */
export function htmlToText(html: string): string {
  return convert(html, {
    wordwrap: false,
    selectors: [
      { selector: 'a', options: { ignoreHref: true } },
      { selector: 'img', format: 'skip' },
      ...['h1', 'h2', 'h3', 'h4', 'h5', 'h6'].map((h) => ({ selector: h, options: { uppercase: false } })),
      { selector: 'table', format: 'dataTable', options: { uppercaseHeaderCells: false } },
    ],
  });
}

/** Line ends normalised, control characters and zero-width spaces removed, trailing blanks trimmed. */
export function tidy(text: string): string {
  return (
    text
      .replace(/\r\n?/g, '\n')
      // eslint-disable-next-line no-control-regex -- removing control characters is the point
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u200b\ufeff]/g, '')
      .split('\n')
      .map(trimBlanksEnd)
      .join('\n')
      .replace(/\n{3,}/g, '\n\n')
      .trim()
  );
}

/** A line without its trailing spaces and tabs (a scan from the end: /[ \t]+$/ is quadratic on a long run of them). */
function trimBlanksEnd(line: string): string {
  let end = line.length;
  while (end > 0 && (line[end - 1] === ' ' || line[end - 1] === '\t')) end--;
  return line.slice(0, end);
}
