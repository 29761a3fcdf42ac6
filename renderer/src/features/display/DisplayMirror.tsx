// The customer display as the tenant sees it, drawn on the till: a 2×20 VFD's two lines, or the
// LED's number under its lit lamp. With no display wired this is the display (and in training).
import { useTranslation } from 'react-i18next';
import type { DisplayStateView } from '../../../../shared/api/display';
import { LED_LAMPS } from '../../../../shared/displayText';

export function DisplayMirror({ state }: { state: DisplayStateView }) {
  const { t } = useTranslation();
  const { shows } = state;
  if (shows.kind === 'led')
    return (
      <div className="pt-pole pt-pole-led" data-testid="display-mirror">
        <div className="pt-pole-lamps">
          {LED_LAMPS.map((lamp) => (
            <span key={lamp} className={lamp === shows.lamp ? 'pt-pole-lamp-on' : undefined}>
              {t(`status.lamps.${lamp}`)}
            </span>
          ))}
        </div>
        <div className="pt-pole-number">{shows.number || '\u00a0'}</div>
      </div>
    );
  return (
    <div className="pt-pole" data-testid="display-mirror">
      {shows.lines.map((line, i) => (
        // Cells keep their places: a Chinese character is two cells wide, as on the VFD.
        <div key={i} className="pt-pole-line">
          {line || '\u00a0'}
        </div>
      ))}
    </div>
  );
}
