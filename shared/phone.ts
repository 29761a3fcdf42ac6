// Which of a tenant's phone numbers can take an SMS: a mainland mobile number (11 digits, 1[3-9]…,
// as the numbering plan of MIIT gives them), written with or without +86 / 0086 / 86 and with
// spaces or dashes between groups. A landline or anything else cannot.

/** The number as the modem is given it (+86 and 11 digits), or null when it is not a mobile. */
export function smsNumber(phone: string): string | null {
  const digits = phone.replace(/[\s-]/g, '');
  const m = /^(?:\+86|0086|86)?(1[3-9]\d{9})$/.exec(digits);
  return m ? `+86${m[1]}` : null;
}
