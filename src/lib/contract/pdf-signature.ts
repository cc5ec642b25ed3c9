/**
 * What makes a file a PDF, as both the ingest and the validator judge it: the "%PDF-"
 * signature within the first kilobyte, where viewers accept it (after other bytes, too).
 */
export const PDF_SIGNATURE = '%PDF-';
export const SIGNATURE_WINDOW = 1024;

/** The first bytes, as the Latin-1 text a PDF's header is written in. */
export const pdfHead = (bytes: Uint8Array): string =>
  Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, SIGNATURE_WINDOW)).toString(
    'latin1',
  );

/** Whether the bytes carry a PDF signature where readers look for one. */
export const hasPdfSignature = (bytes: Uint8Array): boolean =>
  pdfHead(bytes).includes(PDF_SIGNATURE);
