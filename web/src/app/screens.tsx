// The screens of the app, in navigation order. Adding a screen is one entry here: its path (relative to
// /), its label in the navigation, and what it shows. `visible` hides an entry from people it is not for
// (the server refuses its API to them all the same: the navigation is not the guard).
import type { ReactNode } from 'react';
import { AdminCenter } from '../admin/AdminCenter';
import { CallScreen } from '../calls/CallScreen';
import { ChatScreen } from '../chat/ChatScreen';
import { HomeScreen } from '../home/HomeScreen';
import { ProfileScreen } from '../profile/ProfileScreen';
import { SettingsScreen } from '../settings/SettingsScreen';
import { TeamsScreen } from '../teams/TeamsScreen';
import { NotYetScreen } from './NotYetScreen';

export interface Screen {
  /** The route, relative to the app's root; '' is the home screen; a trailing `/*` when it has routes of its own. */
  path: string;
  label: string;
  element: ReactNode;
  visible?: (roles: readonly string[]) => boolean;
}

/** Where the navigation links to: the path without its trailing `/*` (a screen with routes of its own). */
export const screenLink = (screen: Screen): string => `/${screen.path.replace(/\/\*$/, '')}`;

/** The route that shows the screen and every address under it. */
export const screenRoute = (screen: Screen): string => (screen.path.endsWith('/*') ? screen.path : `${screen.path}/*`);

export const screens: Screen[] = [
  { path: '', label: 'Home', element: <HomeScreen /> },
  { path: 'calls', label: 'Calls', element: <CallScreen /> },
  { path: 'chat/*', label: 'Chat', element: <ChatScreen /> },
  { path: 'teams/*', label: 'Teams', element: <TeamsScreen /> },
  { path: 'meetings', label: 'Meetings', element: <NotYetScreen feature="Meetings" /> },
  { path: 'settings', label: 'Settings', element: <SettingsScreen /> },
  { path: 'profile', label: 'Profile', element: <ProfileScreen /> },
  {
    path: 'admin/*',
    label: 'Admin',
    element: <AdminCenter />,
    visible: (roles) => roles.includes('TeamsAdministrator') || roles.includes('GlobalAdministrator'),
  },
];
