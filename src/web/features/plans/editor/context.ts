// What every part of the plan editor needs: read-only or not, the organisations and users to pick from,
// and whether the internal codes (keys) are shown.
import { createContext, useContext } from 'react';
import type { Organisation, User } from '../../../../contracts/admin';

export interface EditorContextValue {
  readOnly: boolean;
  /** null while loading. */
  organisations: Organisation[] | null;
  /** null when the user may not list users (then people are named, not linked). */
  users: User[] | null;
  advanced: boolean;
  markDirty: () => void;
}

export const EditorContext = createContext<EditorContextValue>({ readOnly: true, organisations: null, users: null, advanced: false, markDirty: () => undefined });

export const useEditor = () => useContext(EditorContext);
