import { useMemo, type ReactNode } from 'react';
import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis, type TooltipContentProps, type TooltipValueType } from 'recharts';
import { FIGURE_LABELS } from '../../shared/insights/journalFigures';
import { computeInsights, weekAxisLabels } from '../../shared/insights/journalInsights';
import type { EntryRow } from '../../shared/library/entryRow';
import { countOf } from '../../shared/locale/localeFormat';
import { FigureList } from './FigureList';

/**
 * Insights: charts of this journal, drawn on this device from the library rows (Recharts, SVG;
 * nothing is sent anywhere). Each chart has its figures beside it as a table, for screen readers
 * and for anyone who prefers numbers.
 */
interface InsightsViewProps {
  readonly rows: readonly EntryRow[];
  readonly now: number;
  /** The user's name (Settings): thanks naming them are thanks they received. */
  readonly you: string;
}

const CHART_HEIGHT = 200;
const AXIS = { tickLine: false, axisLine: false, fontSize: 12 } as const;

interface Series {
  readonly key: string;
  readonly label: string;
  /** CSS class of the bars; colours come from the stylesheet (light and dark). */
  readonly tone: string;
}

function ChartTooltip({ active, payload, label }: TooltipContentProps<TooltipValueType, string | number>) {
  if (!active || !payload?.length) return null;
  return (
    <div className="pb-chart-tooltip">
      <strong>{label}</strong>
      {payload.map((item) => (
        <span key={String(item.dataKey)}>
          {item.name}: {item.value}
        </span>
      ))}
    </div>
  );
}

interface ChartCardProps {
  readonly id: string;
  readonly title: string;
  readonly summary: string;
  readonly empty: string | null;
  readonly table: { head: readonly string[]; rows: ReadonlyArray<readonly (string | number)[]> };
  readonly children: ReactNode;
}

function ChartCard({ id, title, summary, empty, table, children }: ChartCardProps) {
  return (
    <section className="pb-chart-card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{title}</h2>
      <p className="pb-muted">{summary}</p>
      {empty ? (
        <p className="pb-empty-note">{empty}</p>
      ) : (
        <>
          <div className={`pb-chart pb-chart-${id}`} aria-hidden="true">
            {children}
          </div>
          <table className="pb-visually-hidden" aria-label={title}>
            <thead>
              <tr>
                {table.head.map((cell) => (
                  <th key={cell} scope="col">
                    {cell}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {table.rows.map((cells, index) => (
                <tr key={index}>
                  {cells.map((cell, column) => (column === 0 ? <th key={column} scope="row">{cell}</th> : <td key={column}>{cell}</td>))}
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}

/** One bar per series, stacked; the last one rounded at its outer end (`corners`). */
function stackedBars(series: readonly Series[], maxBarSize: number, corners: [number, number, number, number]) {
  return series.map((item, index) => (
    <Bar
      key={item.key}
      dataKey={item.key}
      name={item.label}
      stackId="stack"
      className={`pb-bar-${item.tone}`}
      isAnimationActive={false}
      maxBarSize={maxBarSize}
      radius={index === series.length - 1 ? corners : 0}
    />
  ));
}

function ColumnChart({ data, category, series, ticks }: { data: object[]; category: string; series: readonly Series[]; ticks: readonly string[] }) {
  return (
    <BarChart responsive width="100%" height={CHART_HEIGHT} data={data} accessibilityLayer={false} margin={{ top: 8, right: 8, bottom: 0, left: -24 }}>
      <CartesianGrid vertical={false} className="pb-chart-grid" />
      {/* The weeks that have bars are always named (weekAxisLabels), never skipped for room: slanted when many. */}
      <XAxis dataKey={category} {...AXIS} ticks={[...ticks]} interval={0} {...(ticks.length > 3 ? { angle: -40, textAnchor: 'end', height: 44 } : {})} />
      <YAxis {...AXIS} allowDecimals={false} width={48} />
      <Tooltip content={ChartTooltip} cursor={{ className: 'pb-chart-cursor' }} />
      {stackedBars(series, 28, [4, 4, 0, 0])}
    </BarChart>
  );
}

function RowChart({ data, category, series }: { data: object[]; category: string; series: readonly Series[] }) {
  const height = Math.max(80, data.length * 30 + 24);
  return (
    <BarChart responsive layout="vertical" width="100%" height={height} data={data} accessibilityLayer={false} margin={{ top: 0, right: 16, bottom: 0, left: 0 }}>
      <CartesianGrid horizontal={false} className="pb-chart-grid" />
      <XAxis type="number" {...AXIS} allowDecimals={false} />
      <YAxis type="category" dataKey={category} {...AXIS} width={140} />
      <Tooltip content={ChartTooltip} cursor={{ className: 'pb-chart-cursor' }} />
      {stackedBars(series, 18, [0, 4, 4, 0])}
    </BarChart>
  );
}

interface WeeklyCardProps<Week extends { readonly label: string }> extends Omit<ChartCardProps, 'table' | 'children'> {
  readonly weeks: readonly Week[];
  /** One column per series, stacked, and one column of the table each. */
  readonly series: ReadonlyArray<Series & { readonly key: keyof Week & string }>;
}

/** A figure per week as columns, with its table: week, then one column per series. */
function WeeklyCard<Week extends { readonly label: string }>({ weeks, series, ...card }: WeeklyCardProps<Week>) {
  const table = { head: ['Week of', ...series.map((item) => item.label)], rows: weeks.map((week) => [week.label, ...series.map((item) => Number(week[item.key]))]) };
  const ticks = weekAxisLabels(weeks.map((week) => ({ label: week.label, hasBar: series.some((item) => Number(week[item.key]) > 0) })));
  return (
    <ChartCard {...card} table={table}>
      <ColumnChart data={[...weeks]} category="label" series={series} ticks={ticks} />
    </ChartCard>
  );
}

/** What the weeks add up to, for one of their counts. */
function sumOver<Week>(weeks: readonly Week[], count: (week: Week) => number): number {
  return weeks.reduce((sum, week) => sum + count(week), 0);
}

/** `part` as a whole percentage of `whole` (which is more than 0). */
function percentOf(part: number, whole: number): number {
  return Math.round((100 * part) / whole);
}

function clip(text: string, length = 22): string {
  return text.length > length ? `${text.slice(0, length - 1)}…` : text;
}

export default function InsightsView({ rows, now, you }: InsightsViewProps) {
  const insights = useMemo(() => computeInsights(rows, now, { you }), [rows, now, you]);
  const lessonsShown = sumOver(insights.weeks, (week) => week.lessons);
  const debriefsShown = sumOver(insights.weeks, (week) => week.debriefs);
  const figures = [
    { label: FIGURE_LABELS.lessonNotes, count: insights.lessons },
    { label: FIGURE_LABELS.checkItemsDone, count: insights.checkItems.done, of: insights.checkItems.total },
    { label: FIGURE_LABELS.debriefsCoWritten, count: insights.coWrittenDebriefs, of: insights.debriefs },
    { label: FIGURE_LABELS.thanksReceived, count: insights.thanks.received },
    { label: FIGURE_LABELS.thanksToColleagues, count: insights.thanks.toColleagues },
    { label: FIGURE_LABELS.reviewsRemembered, count: insights.reviews.remembered, of: insights.reviews.total },
  ];
  const weeks = insights.weeks.map((week) => ({ ...week, solo: week.debriefs - week.coWrittenDebriefs }));
  const checklists = insights.checklists.slice(0, 8).map((list) => ({ ...list, name: clip(list.title), left: list.total - list.done }));

  return (
    <section className="pb-learning pb-insights" aria-labelledby="pb-insights-heading">
      <h1 id="pb-insights-heading">Insights</h1>
      <p className="pb-muted">Drawn on this device from your journal. Nothing here leaves it.</p>
      <FigureList name="Insights in figures" figures={figures} />

      <div className="pb-chart-grid-layout">
        <WeeklyCard
          id="lessons"
          title="Lessons per week"
          summary={`${lessonsShown} written in the last ${insights.weeks.length} weeks, ${insights.weeks.at(-1)?.lessons ?? 0} of them this week.`}
          empty={null}
          weeks={insights.weeks}
          series={[{ key: 'lessons', label: 'Lessons', tone: 'lesson' }]}
        />

        <WeeklyCard
          id="retention"
          title="Reviews remembered"
          summary={
            insights.reviews.total > 0
              ? `${percentOf(insights.reviews.remembered, insights.reviews.total)}% of ${countOf(insights.reviews.total, { one: 'review', other: 'reviews' })} in the last ${insights.weeks.length} weeks ${insights.reviews.total === 1 ? 'was' : 'were'} remembered (anything but Again).`
              : 'How many of your reviews were remembered, per week.'
          }
          empty={insights.reviews.total === 0 ? 'No reviews yet. Lesson notes come back under Review the day after you write them.' : null}
          weeks={insights.weeks}
          series={[
            { key: 'remembered', label: 'Remembered', tone: 'lesson' },
            { key: 'forgotten', label: 'Forgotten', tone: 'soft' },
          ]}
        />

        <WeeklyCard
          id="debriefs"
          title="Debriefs co-written"
          summary={`${sumOver(weeks, (week) => week.coWrittenDebriefs)} of ${countOf(debriefsShown, { one: 'debrief', other: 'debriefs' })} written in the last ${insights.weeks.length} weeks ${debriefsShown === 1 ? 'was' : 'were'} written with a colleague.`}
          empty={null}
          weeks={weeks}
          series={[
            { key: 'coWrittenDebriefs', label: 'Co-written', tone: 'debrief' },
            { key: 'solo', label: 'Written alone', tone: 'soft' },
          ]}
        />

        <ChartCard
          id="checklists"
          title="Checklist completion"
          summary={
            insights.checkItems.total > 0
              ? `${percentOf(insights.checkItems.done, insights.checkItems.total)}% of the items in ${countOf(insights.checklists.length, { one: 'checklist', other: 'checklists' })} are done.`
              : 'How far each checklist has got.'
          }
          empty={checklists.length === 0 ? 'No checklists yet.' : null}
          table={{ head: ['Checklist', 'Done', 'Items'], rows: insights.checklists.map((list) => [list.title, list.done, list.total]) }}
        >
          <RowChart
            data={checklists}
            category="name"
            series={[
              { key: 'done', label: 'Done', tone: 'checklist' },
              { key: 'left', label: 'To do', tone: 'soft' },
            ]}
          />
        </ChartCard>

        <ChartCard
          id="tags"
          title="Top tags"
          summary="The tags on most entries."
          empty={insights.topTags.length === 0 ? 'No tags yet.' : null}
          table={{ head: ['Tag', 'Entries'], rows: insights.topTags.map(({ tag, count }) => [`#${tag}`, count]) }}
        >
          <RowChart data={insights.topTags.map(({ tag, count }) => ({ tag: `#${clip(tag)}`, count }))} category="tag" series={[{ key: 'count', label: 'Entries', tone: 'accent' }]} />
        </ChartCard>

        <ChartCard
          id="helpers"
          title="Who helped most"
          summary="Thanks received, per person: their mentions in the Knowledge exchanges of your debriefs."
          empty={insights.whoHelped.length === 0 ? 'Mention a colleague with @ under “Knowledge exchanges that made a difference” in a debrief to thank them.' : null}
          table={{ head: ['Person', 'Thanks'], rows: insights.whoHelped.map(({ name, count }) => [name, count]) }}
        >
          <RowChart data={insights.whoHelped.map(({ name, count }) => ({ name: clip(name), count }))} category="name" series={[{ key: 'count', label: 'Thanks', tone: 'debrief' }]} />
        </ChartCard>
      </div>
    </section>
  );
}
