// The GSM 7-bit default alphabet and its extension table (3GPP TS 23.038 §6.2.1): a text as
// septets and back. A text that needs a character outside both tables goes as UCS2 instead.
// Pure: the till's preview counts a message's parts with it, the modem's codec packs with it.

/** The default alphabet, code 0x00–0x7F in order (0x1B is the escape to the extension table). */
const DEFAULT =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\x1bÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
  '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';

/** The extension table's characters, each after an escape (0x1B), by code. */
const EXTENSION: ReadonlyMap<string, number> = new Map([
  ['\f', 0x0a],
  ['^', 0x14],
  ['{', 0x28],
  ['}', 0x29],
  ['\\', 0x2f],
  ['[', 0x3c],
  ['~', 0x3d],
  [']', 0x3e],
  ['|', 0x40],
  ['€', 0x65],
]);

const ESCAPE = 0x1b;
const CODE_OF: ReadonlyMap<string, number> = new Map(
  [...DEFAULT].map((c, code) => [c, code] as const).filter(([, code]) => code !== ESCAPE),
);
const EXTENDED_OF: ReadonlyMap<number, string> = new Map(
  [...EXTENSION].map(([c, code]) => [code, c]),
);

/** The text as septets, or null when a character is in neither table. */
export function toSeptets(text: string): number[] | null {
  const out: number[] = [];
  for (const c of text) {
    const code = CODE_OF.get(c);
    if (code !== undefined) out.push(code);
    else {
      const extended = EXTENSION.get(c);
      if (extended === undefined) return null;
      out.push(ESCAPE, extended);
    }
  }
  return out;
}

/** Septets back to text; an escape before a code the extension does not have reads as a space. */
export function fromSeptets(septets: readonly number[]): string {
  let text = '';
  for (let i = 0; i < septets.length; i += 1) {
    const s = septets[i]!;
    if (s === ESCAPE) {
      i += 1;
      text += EXTENDED_OF.get(septets[i] ?? -1) ?? ' ';
    } else text += DEFAULT[s] ?? ' ';
  }
  return text;
}
