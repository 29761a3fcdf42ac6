// Times on screen are the office's wall clock, whatever zone the PC or the test browser is set to,
// so the screen, the receipts and the reports agree on what "today" is.
import { OFFICE_TIME_ZONE } from '../../../shared/officeTime';

export function formatOfficeTime(at: string | Date, language: string, short = false): string {
  return new Date(at).toLocaleString(language, {
    timeZone: OFFICE_TIME_ZONE,
    ...(short ? { dateStyle: 'medium', timeStyle: 'short' } : {}),
  });
}
