/** A view's figures in a row (This week, Insights): each a value and what it counts. */
export function StatFigures({ label, figures }: { label: string; figures: readonly { value: string | number; label: string }[] }) {
  return (
    <ul className="pb-stats" aria-label={label}>
      {figures.map(({ value, label: what }) => (
        <li key={what} className="pb-stat">
          <span className="pb-stat-value">{value}</span>
          <span className="pb-stat-label">{what}</span>
        </li>
      ))}
    </ul>
  );
}
