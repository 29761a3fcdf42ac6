// The internet SMS gateway's account as the sender needs it: the settings row keeps the AccessKey
// secret sealed under the office secret (core/office/settingSeal.ts, decision 0041), opened here
// when a client is made and sealed here when a supervisor types it.
import type { ApiError } from '../../shared/errors';
import { officeDay } from '../../shared/officeTime';
import { GatewayError, type AliyunSms } from '../../tenant-link/gateway/aliyunSms';
import type { SmsGatewaySettings } from '../office/settingsStore';
import { sealSetting, unsealSetting } from '../office/settingSeal';
import { reasonOf } from './gatewaySender';

const PURPOSE = 'sms-gateway-secret';

export interface GatewayAccount extends Omit<SmsGatewaySettings, 'sealedSecret'> {
  accessKeySecret: string;
}

/** The secret as the settings row keeps it. */
export const sealGatewaySecret = (officeSecret: Buffer, secret: string): string =>
  sealSetting(officeSecret, PURPOSE, secret);

/**
 * The account with its secret opened; null when none is set, or when its secret was sealed under
 * another office secret (a ledger moved without its secret): the supervisor types it again.
 */
export function openGatewayAccount(
  stored: SmsGatewaySettings | null,
  officeSecret: Buffer | undefined,
): GatewayAccount | null {
  if (!stored || !officeSecret) return null;
  const { sealedSecret, ...account } = stored;
  const accessKeySecret = sealedSecret ? unsealSetting(officeSecret, PURPOSE, sealedSecret) : null;
  return accessKeySecret ? { ...account, accessKeySecret } : null;
}

/**
 * The account asked now, by the lightest call the service has (its list of a day's messages for a
 * number): null when it answered; else why not, as the outbox would say it. A supervisor learns
 * of a mistyped secret or signature at once, not from the first tenant's message.
 */
export async function checkGatewayAccount(
  client: Pick<AliyunSms, 'sentOn'> | null,
  now: Date,
): Promise<ApiError | null> {
  if (!client) return { code: 'SMS_GATEWAY_NOT_SET', params: {} };
  try {
    await client.sentOn('13800000000', officeDay(now.toISOString()));
    return null;
  } catch (error) {
    if (!(error instanceof GatewayError)) throw error;
    const code = reasonOf(error);
    return { code, params: code === 'SMS_GATEWAY_OFFLINE' ? {} : { code: error.code } };
  }
}
