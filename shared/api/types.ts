// Output types of the API contract: plain JSON shapes that cross both transports.
import type { Language } from '../errors';
import type { Permission } from '../permissions';
import type { Role } from '../roles';

export interface SystemInfo {
  appVersion: string;
  schemaVersion: number;
  /** Training mode: simulated hardware and its own database. */
  demo: boolean;
  /** Training's cards: simulated delivery, or virtual cards on vpcd with simulated meters. */
  trainingCards: 'simulated' | 'virtual' | null;
  officeName: string | null;
  needsSetup: boolean;
}

export interface SetupStatus {
  needsSetup: boolean;
}

export interface OperatorView {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  active: boolean;
  lockedUntil: string | null;
  mustChangePassword: boolean;
  lastLoginAt: string | null;
  createdAt: string;
  /** Beyond the role's set (操作权限). */
  granted: Permission[];
  /** Taken from the role's set for this operator. */
  withheld: Permission[];
  /** What the operator may do now: the role's set with the two above. */
  permissions: Permission[];
}

export interface SessionView {
  sessionId: string;
  operator: OperatorView;
  /** The operator's own language, or null to keep the PC's. */
  language: Language | null;
  idleTimeoutMinutes: number;
}

export interface SetupResult {
  session: SessionView;
  /** Shown once at the end of the wizard, so the admin knows to export the secret. */
  secretFingerprint: string;
}

export interface OfficeSettings {
  officeName: string;
  receiptHeader: string;
  idleTimeoutMinutes: number;
  /** Sales rules, in fen: the smallest and largest single sale, and the most credit one meter may hold (囤积限额). */
  minSaleFen: number;
  maxSaleFen: number;
  hoardingLimitFen: number;
  /** 工本费 for a tenant's first card and for a reissued one, in fen (0: none). */
  cardIssueFeeFen: number;
  cardReissueFeeFen: number;
  /** How far a hand-over count may differ from the books before a supervisor must approve it. */
  handoverToleranceFen: number;
  /** 主站计费: how far below zero an office-billed account may go before its meter is tripped. */
  billingOverdraftFen: number;
  /** Whether a cashier's reversal (冲正) needs a supervisor's approval at the till. */
  reversalNeedsApproval: boolean;
}

/** The office secret, encrypted under an admin's passphrase, as a file to carry to a new PC. */
export interface OfficeSecretFile {
  fileName: string;
  content: string;
  fingerprint: string;
}

export interface DiagnosticsFile {
  fileName: string;
  /** A zip archive, base64 encoded. */
  base64: string;
}

export interface AuditEntry {
  seq: number;
  at: string;
  operatorId: number | null;
  operatorName: string | null;
  method: string;
  outcome: 'ok' | 'refused' | 'failed';
  detail: unknown;
}

export interface AuditPage {
  entries: AuditEntry[];
  total: number;
}

/** The audit chain's head as printed on paper: sequence number and the first 8 hex of its link. */
export interface AuditAnchor {
  seq: number;
  hash: string;
}

export interface AuditVerification {
  ok: boolean;
  checked: number;
  /** First record whose hash does not follow from its content and predecessor. */
  firstBadSeq: number | null;
  /**
   * Against a printed anchor: the record it names is there with that link (`matches`), is there
   * with another (`differs`: rebuilt), or is gone (`missing`: cut short). Null without an anchor.
   */
  anchor: 'matches' | 'differs' | 'missing' | null;
  /** The head now, to compare with the newest paper; null when the chain is broken. */
  head: AuditAnchor | null;
}

/**
 * `not-available`: no reader in this mode; `no-binding`: the PC/SC binding is not installed;
 * `no-service`: the PC/SC service is not running (yet); `no-reader`: none plugged in.
 */
export type ReaderState =
  | { state: 'none'; reason: 'not-available' | 'no-binding' | 'no-service' | 'no-reader' }
  /** `withCard`: the readers with a card on them now (the panels follow it). */
  | { state: 'ready'; readers: string[]; withCard: string[] };
/** The office's meter line: not set up, or set up and how it last went. */
export type BusState =
  | { state: 'none'; reason: 'not-available' | 'no-port' }
  | { state: 'ready'; line: string; ok: boolean | null };

export interface HardwareStatus {
  reader: ReaderState;
  bus: BusState;
}
