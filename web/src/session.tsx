// Who is signed in (or the public), the large-font setting, and the format model and rule
// catalogue every page labels things with — loaded once.

import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, setCsrf } from './api.ts';
import type { Format, User } from './types.ts';

export interface RuleMeta {
  id: string;
  title?: string;
  severity?: string;
}

interface SessionValue {
  user: User | null;
  ready: boolean;
  formats: Format[];
  rules: Map<string, RuleMeta>;
  largeFont: boolean;
  setLargeFont: (on: boolean) => void;
  signIn: (login: string, password: string) => Promise<User>;
  signOut: () => Promise<void>;
}

const SessionContext = createContext<SessionValue | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<User | null>(null);
  const [ready, setReady] = useState(false);
  const [formats, setFormats] = useState<Format[]>([]);
  const [rules, setRules] = useState<Map<string, RuleMeta>>(new Map());
  const [largeFont, setLarge] = useState(() => localStorage.getItem('gongkai.largeFont') === '1');

  useEffect(() => {
    void (async () => {
      try {
        const me = await api<{ user: User | null }>('/auth/me');
        if (me.user) setCsrf((await api<{ csrf: string }>('/auth/csrf')).csrf);
        setUser(me.user);
      } finally {
        setReady(true);
      }
    })();
    void api<{ formats: Format[] }>('/formats').then((f) => setFormats(f.formats));
    void api<{ rules: RuleMeta[] }>('/rules').then((r) => setRules(new Map(r.rules.map((x) => [x.id, x]))));
  }, []);

  const setLargeFont = useCallback((on: boolean) => {
    localStorage.setItem('gongkai.largeFont', on ? '1' : '0');
    setLarge(on);
  }, []);
  const signIn = useCallback(async (login: string, password: string) => {
    const r = await api<{ user: User; csrf: string }>('/auth/login', { method: 'POST', body: { login, password } });
    setCsrf(r.csrf);
    setUser(r.user);
    return r.user;
  }, []);
  const signOut = useCallback(async () => {
    await api('/auth/logout', { method: 'POST' });
    setCsrf('');
    setUser(null);
  }, []);

  const value = useMemo(() => ({ user, ready, formats, rules, largeFont, setLargeFont, signIn, signOut }), [user, ready, formats, rules, largeFont, setLargeFont, signIn, signOut]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const s = useContext(SessionContext);
  if (!s) throw new Error('SessionProvider missing');
  return s;
}

export function ruleTitle(rules: Map<string, RuleMeta>, id: string): string {
  return rules.get(id)?.title ?? id;
}
