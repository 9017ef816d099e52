import type { FigureLabel } from '../../shared/insights/journalFigures';
import { formatCount, nounFor } from '../../shared/locale/localeFormat';

export interface Figure {
  readonly label: FigureLabel;
  /** The count the figure is about (it chooses "1 lesson note" or "2 lesson notes"). */
  readonly count: number;
  /** Out of how many, for figures such as "2 of 3 check items done". */
  readonly of?: number;
}

/**
 * A row of figures (This week, Insights): each its value, its name, and what it counts, from one
 * definition in shared/insights/journalFigures.ts, so the same figure reads the same everywhere.
 */
export function FigureList({ name, figures }: { readonly name: string; readonly figures: readonly Figure[] }) {
  return (
    <ul className="pb-stats" aria-label={name}>
      {figures.map(({ label, count, of }) => (
        <li key={label.forms.other} className="pb-stat">
          <span className="pb-stat-value">{of === undefined ? formatCount(count) : `${formatCount(count)} of ${formatCount(of)}`}</span>
          <span className="pb-stat-label">{of === undefined ? nounFor(count, label.forms) : label.forms.other}</span>
          <span className="pb-stat-counts">{label.counts}</span>
        </li>
      ))}
    </ul>
  );
}
