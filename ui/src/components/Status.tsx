// Loading, empty and error states, worded for people, used by every page.
import type { ReactNode } from 'react';

export function Loading({ what }: { what: string }) {
  return <p className="status status--loading" role="status" aria-live="polite"><span className="spinner" aria-hidden="true" /> Loading {what}…</p>;
}

export function ErrorMessage({ title, message, action }: { title: string; message: string; action?: ReactNode }) {
  return (
    <div className="message message--error" role="alert">
      <strong>{title}</strong>
      <p>{message}</p>
      {action}
    </div>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <p className="status status--empty">{children}</p>;
}
