// A sealed setting opens only with the office secret and the purpose it was sealed for; a value
// sealed under another office's secret, changed in a byte, or not sealed at all reads as not set.
import { randomBytes } from 'node:crypto';
import { sealSetting, unsealSetting } from './settingSeal';
import { openGatewayAccount, sealGatewaySecret } from '../messages/gatewayAccount';

describe('sealed settings', () => {
  const office = randomBytes(32);
  const clear = 'AccessKeySecret-密钥-0123456789';

  it('opens with the same secret and purpose, and never holds the text as typed', () => {
    const sealed = sealSetting(office, 'sms-gateway-secret', clear);
    expect(sealed).toMatch(/^v1:[A-Za-z0-9+/]+=*$/);
    expect(sealed).not.toContain(clear);
    expect(Buffer.from(sealed.slice(3), 'base64').includes(Buffer.from(clear))).toBe(false);
    expect(unsealSetting(office, 'sms-gateway-secret', sealed)).toBe(clear);
    // A fresh nonce each time: the same text seals differently.
    expect(sealSetting(office, 'sms-gateway-secret', clear)).not.toBe(sealed);
  });

  it('does not open under another office secret, another purpose, a changed byte or garbage', () => {
    const sealed = sealSetting(office, 'sms-gateway-secret', clear);
    expect(unsealSetting(randomBytes(32), 'sms-gateway-secret', sealed)).toBeNull();
    expect(unsealSetting(office, 'another-setting', sealed)).toBeNull();
    const raw = Buffer.from(sealed.slice(3), 'base64');
    raw[raw.length - 1]! ^= 1;
    expect(unsealSetting(office, 'sms-gateway-secret', `v1:${raw.toString('base64')}`)).toBeNull();
    expect(unsealSetting(office, 'sms-gateway-secret', clear)).toBeNull();
    expect(unsealSetting(office, 'sms-gateway-secret', 'v1:')).toBeNull();
    expect(unsealSetting(office, 'sms-gateway-secret', 'v2:AAAA')).toBeNull();
  });

  it('gives the gateway account with its secret, or none when the secret will not open', () => {
    const stored = {
      accessKeyId: 'LTAI5t',
      sealedSecret: sealGatewaySecret(office, clear),
      signName: '万达物业',
      endpoint: 'dysmsapi.aliyuncs.com',
      templateCodes: {},
    };
    expect(openGatewayAccount(stored, office)).toEqual({
      accessKeyId: 'LTAI5t',
      accessKeySecret: clear,
      signName: '万达物业',
      endpoint: 'dysmsapi.aliyuncs.com',
      templateCodes: {},
    });
    expect(openGatewayAccount(stored, randomBytes(32))).toBeNull();
    expect(openGatewayAccount(stored, undefined)).toBeNull();
    expect(openGatewayAccount({ ...stored, sealedSecret: '' }, office)).toBeNull();
    expect(openGatewayAccount(null, office)).toBeNull();
  });
});
