// The policy screen's read paths, shared by policyApi.ts and the requests the app makes as it starts
// (app/firstFetches.ts), so that both always ask for the same thing.
import { apiPath } from '../../api/paths';

export const policyTypesPath = '/api/admin/policies' as const;

export const policyListPath = (type: string) => apiPath('/api/admin/policies/{type}', { type });

export const groupAssignmentsPath = (type: string) => apiPath('/api/admin/policies/{type}/group-assignments', { type });
