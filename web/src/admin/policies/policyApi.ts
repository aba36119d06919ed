// /api/admin/policies as the policy screens use it: the same endpoints the cmdlets call. Policy views are
// JSON objects shaped by each type's schema, which the OpenAPI document gives only as objects: their shape is
// in policyForm.ts (from src/Conclave.Server/Policies/PolicyJson.cs).
import { del, get, patch, post } from '../../api/client';
import { apiPath } from '../../api/paths';
import type { GrantBody } from './grantForm';
import { groupAssignmentsPath, policyListPath, policyTypesPath } from './policyPaths';
import type { ParameterValue, PolicyTypeSchema, PolicyView } from './policyForm';

/** A group assignment of one policy type (Get-CsGroupPolicyAssignment). */
export interface GroupAssignment {
  policyType: string;
  groupId: string;
  groupName: string;
  policyName: string;
  rank: number;
}

/** One type of a user's effective policy (Get-CsEffectivePolicy): where it comes from and its values. */
export interface EffectiveEntry {
  policyType: string;
  source: string;
  policyIdentity: string;
  parameters: Record<string, ParameterValue>;
}

/** An accepted change as answered to an administrator (PolicyJson.Change). */
export interface PolicyChangeView {
  kind: string;
  policyType: string;
  target: string;
  at: string;
}

export const policyTypes = async (): Promise<PolicyTypeSchema[]> => (await get(policyTypesPath)) as unknown as PolicyTypeSchema[];

export const policiesOf = async (type: string): Promise<PolicyView[]> =>
  (await get(policyListPath(type))) as unknown as PolicyView[];

export const groupAssignmentsOf = async (type: string): Promise<GroupAssignment[]> =>
  (await get(groupAssignmentsPath(type))) as unknown as GroupAssignment[];

export const createPolicy = (type: string, identity: string, parameters: Record<string, ParameterValue>): Promise<PolicyView> =>
  post<PolicyView>(apiPath('/api/admin/policies/{type}', { type }), { identity, parameters });

export const updatePolicy = (type: string, identity: string, parameters: Record<string, ParameterValue>): Promise<PolicyView> =>
  patch<PolicyView>(apiPath('/api/admin/policies/{type}/{identity}', { type, identity }), { parameters });

/** Removes a custom policy (null), or resets Global to its defaults (the reset policy). */
export const removePolicy = (type: string, identity: string): Promise<PolicyView | null> =>
  del<PolicyView | null>(apiPath('/api/admin/policies/{type}/{identity}', { type, identity }));

export const grantPolicy = (type: string, body: GrantBody): Promise<PolicyChangeView> =>
  post<PolicyChangeView>(apiPath('/api/admin/policies/{type}/grants', { type }), body);

export const removeGroupAssignment = (type: string, group: string): Promise<null> =>
  del(apiPath('/api/admin/policies/{type}/group-assignments/{group}', { type, group }));

export const effectivePolicyOf = async (user: string): Promise<EffectiveEntry[]> =>
  (await get(apiPath('/api/admin/effective-policy/{user}', { user }))) as unknown as EffectiveEntry[];

/** One policy or configuration by identity (Get-Cs<Noun> -Identity); tenant-wide configurations have only Global. */
export const policyOf = async (type: string, identity: string): Promise<PolicyView> =>
  (await get(apiPath('/api/admin/policies/{type}/{identity}', { type, identity }))) as unknown as PolicyView;
