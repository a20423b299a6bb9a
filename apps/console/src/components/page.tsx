/** A screen's frame: its heading receives focus when the screen opens, and the tab title follows it. */
import { useEffect, useRef, type ReactNode } from 'react';

export function Page({
  title,
  intro,
  actions,
  children,
}: {
  title: string;
  intro?: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} · vaxledger`;
  }, [title]);
  useEffect(() => {
    // Screen readers hear the new screen's name; keyboard users continue from the top of it.
    heading.current?.focus({ preventScroll: false });
  }, []);
  return (
    <section className="page">
      <div className="page-head">
        <h1 ref={heading} tabIndex={-1}>
          {title}
        </h1>
        {actions ? <div className="page-actions">{actions}</div> : null}
      </div>
      {intro ? <div className="intro">{intro}</div> : null}
      {children}
    </section>
  );
}
