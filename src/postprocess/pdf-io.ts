// pdf-lib's load and save as every step here uses them: in one go. By default pdf-lib yields to the
// event loop every 100 objects it parses and every 50 it writes, each time through a timer (at least
// a millisecond in Node), which only adds waits to a command-line build. The bytes are the same.
import { ParseSpeeds, PDFDocument, type LoadOptions, type SaveOptions } from 'pdf-lib';

export const loadPdf = (bytes: Uint8Array | ArrayBuffer, options: LoadOptions = {}): Promise<PDFDocument> =>
  PDFDocument.load(bytes, { updateMetadata: false, parseSpeed: ParseSpeeds.Fastest, ...options });

export const savePdf = (doc: PDFDocument, options: SaveOptions = {}): Promise<Uint8Array> => doc.save({ objectsPerTick: Infinity, ...options });
