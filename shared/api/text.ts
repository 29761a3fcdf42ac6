// Free text as the office types it (names, shops, notes, reasons): normalised to NFC so the same
// name is one name, and refused when it carries what a receipt or a screen must never print:
// control characters, the Unicode direction overrides and isolates that reorder what a reader
// sees (a name that prints as another), and lone surrogates (not text at all).
import { z } from 'zod';

/** The message a refused free-text field carries; the dispatcher turns it into a coded error. */
export const TEXT_CHARACTERS_REFUSED = 'text.characters';

// C0 and C1 controls (tab and newline allowed only where a field is multi-line), DEL, the
// directional marks, embeddings, overrides and isolates (U+200E/F, U+202A–E, U+2066–9), BOM.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROLS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
const LINE_BREAKS = /[\t\n\r]/;
const BIDI = /[\u200E\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** True when the text may be kept and printed. */
export function isCleanText(value: string, multiline = false): boolean {
  return (
    !CONTROLS.test(value) &&
    (multiline || !LINE_BREAKS.test(value)) &&
    !BIDI.test(value) &&
    !LONE_SURROGATE.test(value)
  );
}

/** A trimmed, NFC free-text field of at most `max` characters (and at least `min`). */
export function freeText(max: number, { min = 0, multiline = false } = {}) {
  // Lone surrogates first: normalising them is undefined, and they are refused anyway.
  return z
    .string()
    .refine((v) => !LONE_SURROGATE.test(v), TEXT_CHARACTERS_REFUSED)
    .trim()
    .normalize('NFC')
    .min(min)
    .max(max)
    .refine((v) => isCleanText(v, multiline), TEXT_CHARACTERS_REFUSED);
}
