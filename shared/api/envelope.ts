// The request envelope both transports carry: which method, its input, and the operator session.
export interface CallEnvelope {
  method: string;
  input: unknown;
  sessionId?: string;
}

/** HTTP header carrying the operator session; the launch token travels as a bearer token. */
export const SESSION_HEADER = 'x-powertill-session';
