// The page's one app: the store, the trainer handle and the telemetry hub, set once at start-up
// (src/main.tsx) and read by components through useApp / getApp.
import { useStore } from 'zustand';
import type { AppActions, AppState, AppStore, TrainerLike } from './store';
import { telemetry, type TelemetryHub } from './telemetry';

export interface App {
  store: AppStore;
  trainer: TrainerLike;
  hub: TelemetryHub;
}

let current: App | null = null;

export function setApp(app: Omit<App, 'hub'> & { hub?: TelemetryHub }): App {
  current = { hub: telemetry, ...app };
  return current;
}

export function getApp(): App {
  if (!current) throw new Error('NormScope: the app is used before setApp() was called');
  return current;
}

/** Subscribes a component to a slice of the store (re-renders when the slice changes). */
export function useApp<T>(selector: (s: AppState & AppActions) => T): T {
  return useStore(getApp().store, selector);
}
