import type { EntryKind } from '../entry/entryKind';

/**
 * Realistic sample entries for benchmarks and manual testing at scale: mixed kinds, titles and
 * multi-paragraph bodies written from a workplace vocabulary, tags, and links to earlier entries.
 * Deterministic for a given seed, so benchmark runs index the same journal.
 */
export interface SampleEntry {
  readonly kind: EntryKind;
  readonly title: string;
  readonly tags: readonly string[];
  /** Sections: a heading (or none) and its paragraphs. */
  readonly sections: ReadonlyArray<{ readonly heading: string | null; readonly paragraphs: readonly string[] }>;
  readonly checks: readonly string[];
  /** Indices of earlier sample entries this one links to. */
  readonly links: readonly number[];
  readonly createdAt: number;
}

const SUBJECTS = ['deploy', 'rollback', 'on-call handover', 'database migration', 'incident review', 'code review', 'pairing session', 'customer escalation', 'release train', 'feature flag', 'load test', 'postmortem', 'onboarding week', 'API redesign', 'cache invalidation', 'flaky test', 'dependency upgrade', 'security patch', 'capacity planning', 'sprint retro', 'design critique', 'support rotation', 'billing export', 'search relevance', 'mobile release', 'data pipeline', 'access review', 'runbook', 'latency spike', 'queue backlog'];
const VERBS = ['broke', 'slowed down', 'surprised us', 'went smoothly', 'needed a second pass', 'was blocked', 'recovered quickly', 'exposed a gap', 'took longer than planned', 'saved a day'];
const LESSONS = ['write the rollback step before the deploy step', 'ask support what customers actually see', 'pair on the risky part, not the easy part', 'keep the runbook next to the alert', 'measure before optimising', 'announce freezes a week ahead', 'review migrations with someone who owns the data', 'timebox the investigation and escalate', 'share the dashboard link in the incident channel', 'test the restore, not just the backup', 'name one owner per action', 'leave the feature flag on for a full day', 'document the why in the pull request', 'rotate on-call with a written handover', 'check the retry policy of every client'];
const PEOPLE = ['Ana', 'Ben', 'Chloé', 'Dev', 'Emeka', 'Farah', 'Goran', 'Hana', 'Ines', 'Jonas', 'Kiri', 'Lena', 'Mateo', 'Nia', 'Omar', 'Priya'];
const TAGS = ['incidents', 'deploys', 'on-call', 'databases', 'frontend', 'backend', 'process', 'support', 'security', 'performance', 'onboarding', 'testing', 'infra', 'design', 'data'];
const FILLER = ['In the end', 'Looking back', 'What helped most', 'The tricky part', 'Next time', 'For the team', 'From the logs', 'Talking it through'];

function capitalise(text: string): string {
  return `${text[0]?.toUpperCase() ?? ''}${text.slice(1)}`;
}

/** xorshift32: small, fast and deterministic. */
function randomFrom(seed: number): (n: number) => number {
  let state = seed >>> 0 || 0x9e3779b9;
  return (n: number) => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) % n;
  };
}

function pick<T>(items: readonly T[], random: (n: number) => number): T {
  return items[random(items.length)] as T;
}

function sentence(random: (n: number) => number): string {
  switch (random(4)) {
    case 0:
      return `The ${pick(SUBJECTS, random)} ${pick(VERBS, random)} because nobody had checked the ${pick(SUBJECTS, random)} first.`;
    case 1:
      return `${pick(FILLER, random)}, we should ${pick(LESSONS, random)}.`;
    case 2:
      return `${pick(PEOPLE, random)} showed ${pick(PEOPLE, random)} how to ${pick(LESSONS, random)} during the ${pick(SUBJECTS, random)}.`;
    default:
      return `It took ${2 + random(40)} minutes to notice that the ${pick(SUBJECTS, random)} ${pick(VERBS, random)}.`;
  }
}

function paragraph(random: (n: number) => number): string {
  return Array.from({ length: 2 + random(4) }, () => sentence(random)).join(' ');
}

const HEADINGS: Readonly<Record<EntryKind, readonly string[]>> = {
  lesson: ['What happened', 'What I learned', 'How I’ll apply it'],
  checklist: [],
  debrief: ['What went well', 'What didn’t', 'Lessons', 'Knowledge exchanges that made a difference'],
};

export function sampleEntry(index: number, options: { seed?: number; start?: number } = {}): SampleEntry {
  const random = randomFrom((options.seed ?? 7) * 100_003 + index * 7919 + 1);
  const kind: EntryKind = (['lesson', 'lesson', 'lesson', 'checklist', 'debrief'] as const)[random(5)] as EntryKind;
  const subject = pick(SUBJECTS, random);
  const title =
    kind === 'lesson'
      ? `${capitalise(subject)}: ${pick(LESSONS, random)}`
      : kind === 'checklist'
        ? `${capitalise(subject)} checklist`
        : `${capitalise(subject)} debrief #${1 + random(50)}`;
  const tags = [...new Set(Array.from({ length: 1 + random(3) }, () => pick(TAGS, random)))].sort();
  const headings = HEADINGS[kind];
  const sections =
    headings.length > 0
      ? headings.map((heading) => ({ heading, paragraphs: Array.from({ length: 1 + random(2) }, () => paragraph(random)) }))
      : [{ heading: null, paragraphs: [paragraph(random)] }];
  const checks = kind === 'lesson' ? [] : Array.from({ length: 3 + random(5) }, () => capitalise(pick(LESSONS, random)));
  const links = index > 0 && random(3) === 0 ? [random(index)] : [];
  const start = options.start ?? Date.UTC(2025, 0, 1);
  return { kind, title, tags, sections, checks, links, createdAt: start + index * 3_600_000 };
}

/** A long entry for benchmarks: `count` paragraphs of sample prose. */
export function sampleParagraphs(count: number, seed = 11): string[] {
  const random = randomFrom(seed);
  return Array.from({ length: count }, () => paragraph(random));
}
