// The admin center's sections, in navigation order: each is one entry (its path under /admin, its label
// in the sub-navigation, what it shows). Every action goes through the same /api/admin API the cmdlets
// use; the server refuses it to anyone without the role, whatever this list shows.
import type { ReactNode } from 'react';
import { AppsSection } from './apps/AppsSection';
import { GroupsSection } from './groups/GroupsSection';
import { UsersSection } from './users/UsersSection';
import { AuditScreen } from './audit/AuditScreen';
import { DashboardsScreen } from './dashboards/DashboardsScreen';
import { EffectivePolicyScreen } from './effective/EffectivePolicyScreen';
import { PoliciesScreen } from './policies/PoliciesScreen';
import { ExternalAccessScreen, GuestAccessScreen } from './tenant/TenantSettingsScreen';

export interface AdminSection {
  path: string;
  label: string;
  element: ReactNode;
}

export const adminSections: AdminSection[] = [
  { path: 'users', label: 'Users', element: <UsersSection /> },
  { path: 'groups', label: 'Groups', element: <GroupsSection /> },
  { path: 'external-access', label: 'External access', element: <ExternalAccessScreen /> },
  { path: 'guest-access', label: 'Guest access', element: <GuestAccessScreen /> },
  { path: 'apps', label: 'Apps', element: <AppsSection /> },
  { path: 'policies', label: 'Policies', element: <PoliciesScreen /> },
  { path: 'effective', label: 'Effective policy', element: <EffectivePolicyScreen /> },
  { path: 'audit', label: 'Audit log', element: <AuditScreen /> },
  { path: 'dashboards', label: 'Dashboards', element: <DashboardsScreen /> },
];
