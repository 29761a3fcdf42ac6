// A page's title with its main action on the right.
import type { ReactNode } from 'react';

export function PageHeader({ title, extra }: { title: ReactNode; extra?: ReactNode }) {
  return (
    <div className="pt-page-header">
      <h1 className="pt-page-title">{title}</h1>
      {extra}
    </div>
  );
}
