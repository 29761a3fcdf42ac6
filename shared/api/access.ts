// Who may call a method, without the contract's schemas: the dispatcher's check and the
// renderer's for what to offer (which reads the facts from methodFacts.ts).
import type { Permission } from '../permissions';
import type { Access, DataTopic } from './method';

/** What is known of a method besides its input and output. */
export interface MethodFacts {
  access: Access;
  mutating: boolean;
  data?: readonly DataTopic[];
}

/** Whether an operator holding `permissions` may call the method (undefined: nobody signed in). */
export function mayCall(
  spec: Pick<MethodFacts, 'access'>,
  permissions: readonly Permission[] | undefined,
): boolean {
  if (spec.access === 'public') return true;
  if (permissions === undefined) return false;
  return spec.access === 'signedIn' || permissions.includes(spec.access);
}
