import { createContext } from "preact";
import { useContext } from "preact/hooks";
import type { Dataset } from "../../src/model/dataset.ts";
import type { SessionUser } from "./lib/session.ts";
import type { AppState } from "./lib/state.ts";

export interface AppContext {
  ds: Dataset;
  /** True when the Pledge API answers (under `pledge serve`); false in a static build. */
  api: boolean | null;
  state: AppState;
  /** Changes the state and the URL. `push` adds a history entry (view changes); otherwise the entry is replaced. */
  update(change: Partial<AppState>, push?: boolean): void;
  /** The NATO vintage in effect: the state's, or the newest official release. */
  vintage: string;
  /** The signed-in user (kept in memory; the session itself is an HttpOnly cookie), or null. */
  user: SessionUser | null;
  /** Called when a request finds the session gone (401): the page forgets the user. */
  setUser(user: SessionUser | null): void;
}

export const Ctx = createContext<AppContext | null>(null);

export function useApp(): AppContext {
  const c = useContext(Ctx);
  if (!c) throw new Error("useApp outside <App>");
  return c;
}
