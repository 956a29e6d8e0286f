// Loading, empty and error states, worded for people, used by every page.
import type { ReactNode } from 'react';

export function Loading({ what }: { what: string }) {
  return <p className="status status--loading" role="status" aria-live="polite"><span className="spinner" aria-hidden="true" /> Loading {what}…</p>;
}

/** An error; `page` when it is all the page shows (no such page, scenario or run): its title is then the page's heading. */
export function ErrorMessage({ title, message, action, page = false }: { title: string; message: string; action?: ReactNode; page?: boolean }) {
  return (
    <div className="message message--error" role="alert">
      {page ? <h1 className="message__title">{title}</h1> : <strong>{title}</strong>}
      <p>{message}</p>
      {action}
    </div>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <p className="status status--empty">{children}</p>;
}
