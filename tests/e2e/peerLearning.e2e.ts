import { describe, expect, it } from 'vitest';
import { shareNewEntry, useDevices } from './support/devices';
import { LearningPage } from './support/learningPage';

// British users: dates read "2 Mar", as the figures below expect.
const devices = useDevices({ viewport: { width: 1280, height: 900 }, timezoneId: 'UTC', locale: 'en-GB' });
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * A device. With `at`, its clock starts there (Playwright's fake clock, in UTC) and the test
 * moves it on; everything Peerbook dates follows it.
 */
function device(options: { at?: string; name?: string } = {}): Promise<LearningPage> {
  const at = options.at;
  return devices.open({ name: options.name, before: at ? (context) => context.clock.install({ time: new Date(at) }) : undefined }, LearningPage);
}

/** Ana writes a debrief and shares it; Ben joins by its link; each sees the other there. */
async function sharedDebrief(title: string): Promise<{ ana: LearningPage; ben: LearningPage }> {
  const ana = await device({ name: 'Ana' });
  const ben = await device({ name: 'Ben' });
  await shareNewEntry(ana, ben, 'debrief', title);
  await expect.poll(() => ana.peopleHere.innerText(), { timeout: 20_000 }).toContain('Ben');
  return { ana, ben };
}

describe('from a debrief to a lesson note', () => {
  it('makes a lesson from selected text in a debrief, with the text under "What I learned" and a link back', async () => {
    const me = await device();
    await me.create('debrief', 'Billing migration');
    await me.caretUnder('Lessons');
    await me.page.keyboard.type('Feature flags let us roll back in minutes.');

    await me.selectInBody('Feature flags let us roll back in minutes.');
    await me.page.getByRole('button', { name: 'Make lesson note', exact: true }).click();

    await expect.poll(() => me.title.inputValue()).toBe('Feature flags let us roll back in minutes.');
    await expect.poll(() => me.body.innerText()).toMatch(/What I learned\s+Feature flags let us roll back in minutes\./);
    expect(await me.body.innerText()).toMatch(/What happened\s+From the debrief Billing migration\./);
    expect(await me.entryItem('Feature flags let us roll back').innerText()).toMatch(/lesson/i);
    // The lesson is this device's own: it is not shared, nobody else is in it.
    expect(await me.page.getByRole('list', { name: 'People here' }).count()).toBe(0);

    // The link goes back to the debrief, which lists the lesson under Linked from.
    await me.body.getByRole('link', { name: 'Billing migration' }).click();
    await expect.poll(() => me.title.inputValue()).toBe('Billing migration');
    await expect.poll(() => me.listText('Linked from'), { timeout: 10_000 }).toContain('Feature flags let us roll back in minutes.');

    // From the keyboard: Ctrl+Shift+L makes a lesson of the selection.
    await me.selectInBody('roll back in minutes');
    await me.page.keyboard.press('Control+Shift+L');
    await expect.poll(() => me.title.inputValue()).toBe('roll back in minutes');
    await me.waitUntilSaved();
  });
});

describe('who helped', () => {
  it('counts a mention in a shared debrief as thanks for that person on both peers, and keeps contributors after they leave', async () => {
    const { ana, ben } = await sharedDebrief('Launch debrief');

    // Joining wrote nothing: Ben is a contributor only once he edits.
    await ana.page.waitForTimeout(500);
    expect(await ana.listText('Contributors')).not.toContain('Ben');
    await ben.caretUnder('What went well');
    await ben.page.keyboard.type('The canary caught the bad config.');
    for (const peer of [ana, ben]) {
      await expect.poll(() => peer.listText('Contributors'), { timeout: 20_000 }).toMatch(/Ana[\s\S]*Ben/);
    }

    // Ana thanks Ben under "Knowledge exchanges that made a difference".
    await ana.caretUnder('Knowledge exchanges that made a difference');
    await ana.page.keyboard.type('Thanks to ');
    await ana.mention('Be', 'Ben');
    await ana.page.keyboard.type('for the rollback plan.');
    // A mention elsewhere in the debrief is not a thank-you.
    await ana.caretUnder('What didn’t');
    await ana.page.keyboard.type('Paging ');
    await ana.mention('Be', 'Ben');

    for (const peer of [ana, ben]) {
      await expect.poll(() => peer.body.innerText(), { timeout: 20_000 }).toContain('Thanks to @Ben for the rollback plan.');
      await expect.poll(() => peer.listText('Thanks'), { timeout: 20_000 }).toMatch(/^Ben\s*1?\s*, thanked once$/);
    }
    await expect.poll(() => ben.body.locator('.pb-mention').count(), { timeout: 20_000 }).toBe(2);

    // Counted in each peer's own Insights and This week.
    for (const peer of [ana, ben]) {
      await peer.navButton('Insights').click();
      await expect.poll(() => peer.chartTable('Who helped most'), { timeout: 10_000 }).toEqual([['Ben', '1']]);
      expect(await peer.figure('Insights in figures', 'debriefs co-written')).toBe('1 of 1');
      // The thank-you names Ben: received for him, given to a colleague for Ana.
      if (peer === ben) {
        expect(await peer.figure('Insights in figures', 'thank-you received')).toBe('1');
        expect(await peer.figure('Insights in figures', 'thanks to colleagues')).toBe('0');
      } else {
        expect(await peer.figure('Insights in figures', 'thanks received')).toBe('0');
        expect(await peer.figure('Insights in figures', 'thank-you to colleagues')).toBe('1');
      }
      await peer.navButton('This week').click();
      await peer.expectFigure('This week in figures', 'debrief co-written', '1');
      expect(await peer.listText('Thanked this week')).toContain('Ben');
      // Written with the other one, never with oneself.
      const written = await peer.listText('Written this week');
      expect(written).toContain(peer === ana ? 'with Ben' : 'with Ana');
      expect(written).not.toMatch(peer === ana ? /with .*Ana/ : /with .*Ben/);
    }

    // Ben leaves; he stays among the contributors, and his thanks stay counted.
    await ben.page.goto('about:blank');
    await ana.openEntry('Launch debrief');
    await expect.poll(() => ana.peopleHere.innerText(), { timeout: 20_000 }).not.toContain('Ben');
    expect(await ana.listText('Contributors')).toMatch(/Ana[\s\S]*Ben/);
    expect(await ana.listText('Thanks')).toContain('Ben');
  });
});

describe('actions with owners', () => {
  it('lists a debrief action that mentions you under Your open actions, and ticking it there ticks it in the debrief, for the colleague too', async () => {
    const { ana, ben } = await sharedDebrief('Launch debrief');

    // Under Actions, @ offers the colleague here, Ana herself, and a name nobody has used yet.
    await ana.caretUnder('Actions');
    await ana.page.keyboard.type('Update the runbook ');
    await ana.mention('Be', 'Ben');
    await ana.page.keyboard.press('Enter');
    await ana.page.keyboard.type('Book the retro room ');
    await ana.mention('An', 'Ana');
    await ana.page.keyboard.press('Enter');
    await ana.page.keyboard.type('Ask legal ');
    await ana.mention('Carla', 'Carla');
    for (const peer of [ana, ben]) {
      await expect.poll(() => peer.bodyCheckItem('Ask legal @Carla').count(), { timeout: 20_000 }).toBe(1);
      await expect.poll(() => peer.openActionsInHeader(), { timeout: 10_000 }).toBe('3 open actions');
    }

    // Each finds their own action in This week, and only theirs.
    await ana.navButton('This week').click();
    await ana.ownAction('Book the retro room @Ana').waitFor();
    expect(await ana.listText('Your open actions')).not.toMatch(/runbook|legal/);
    await ben.navButton('This week').click();
    const benAction = ben.ownAction('Update the runbook @Ben');
    await benAction.waitFor();
    expect(await ben.listText('Your open actions')).toMatch(/^Update the runbook @Ben\s+Launch debrief$/);

    // Ben ticks his action in This week: it is ticked in the debrief, on his device and on Ana's.
    await ana.openEntry('Launch debrief');
    await benAction.check();
    expect(await benAction.isChecked()).toBe(true);
    await expect.poll(() => ana.bodyCheckItem('Update the runbook @Ben').getAttribute('aria-checked'), { timeout: 20_000 }).toBe('true');
    expect(await ana.bodyCheckItem('Book the retro room @Ana').getAttribute('aria-checked')).toBe('false');
    await expect.poll(() => ana.openActionsInHeader(), { timeout: 10_000 }).toBe('2 open actions');
    await ben.openEntry('Launch debrief');
    await expect.poll(() => ben.bodyCheckItem('Update the runbook @Ben').getAttribute('aria-checked'), { timeout: 10_000 }).toBe('true');
    expect(await ben.bodyCheckItem('Update the runbook @Ben').getAttribute('title')).toMatch(/^Ticked by Ben, /);

    // Done, it is no longer among Ben's open actions.
    await ben.navButton('This week').click();
    await expect.poll(() => ben.listText('Your open actions'), { timeout: 10_000 }).toMatch(/^Nothing open\./);
  });
});

describe('review', () => {
  it('brings lessons back when they are due, with four grades: Easy further out than Got it, Again soonest', async () => {
    const me = await device({ at: '2026-03-02T09:00:00Z' }); // a Monday
    await me.create('lesson', 'Roll back first');
    await me.caretUnder('What I learned');
    await me.page.keyboard.type('Roll back before debugging in production.');
    await me.create('lesson', 'Ask early');
    await me.create('lesson', 'Write it down');
    await me.waitUntilSaved();

    expect(await me.dueToday()).toBe('No lessons due today');
    await me.navButton('Review').click();
    await expect.poll(() => me.page.getByRole('main').innerText()).toContain('Nothing to review today.');
    expect(await me.comesBackInDays('Roll back first')).toBe(1);

    await me.page.clock.fastForward(DAY_MS); // Tuesday
    await expect.poll(() => me.dueToday(), { timeout: 10_000 }).toBe('3 lessons due today');
    expect(await me.navButton('Review').getAttribute('aria-pressed')).toBe('true');
    const card = me.page.getByRole('article', { name: 'Lesson: Roll back first' });
    await expect.poll(() => card.innerText(), { timeout: 10_000 }).toContain('Roll back before debugging in production.');
    const grades = card.getByRole('button', { name: /^(Again|Hard|Got it|Easy)$/ });
    expect(await grades.allInnerTexts()).toEqual(['Again', 'Hard', 'Got it', 'Easy']);

    await me.answerReview('Got it');
    await me.page.getByRole('article', { name: 'Lesson: Ask early' }).waitFor();
    await expect.poll(() => me.dueToday()).toBe('2 lessons due today');
    await me.answerReview('Easy');
    await me.page.getByRole('article', { name: 'Lesson: Write it down' }).waitFor();
    await me.answerReview('Again');
    await expect.poll(() => me.page.getByRole('main').innerText()).toContain('All done for today.');
    expect(await me.dueToday()).toBe('No lessons due today');

    const again = await me.comesBackInDays('Write it down');
    const gotIt = await me.comesBackInDays('Roll back first');
    const easy = await me.comesBackInDays('Ask early');
    expect(again).toBe(1);
    expect(gotIt).toBeGreaterThan(again);
    expect(easy).toBeGreaterThan(gotIt);
    expect(await me.listText('Coming up')).toMatch(/Write it down[\s\S]*Roll back first[\s\S]*Ask early/);

    // The schedule is kept on the device: still there after a reload, and Again's lesson is back
    // the next day while the others stay away.
    await me.waitUntilSaved();
    await me.page.reload();
    await me.navButton('Review').waitFor();
    expect(await me.dueToday()).toBe('No lessons due today');
    await me.page.clock.fastForward(DAY_MS); // Wednesday
    await expect.poll(() => me.dueToday(), { timeout: 10_000 }).toBe('1 lesson due today');
    await me.navButton('Review').click();
    await me.page.getByRole('article', { name: 'Lesson: Write it down' }).waitFor();

    // Insights counts this week's reviews: two of three remembered.
    await me.navButton('Insights').click();
    await expect.poll(() => me.figure('Insights in figures', 'reviews remembered'), { timeout: 10_000 }).toBe('2 of 3');
    expect(await me.chartTable('Reviews remembered')).toContainEqual(['2 Mar', '2', '1']);
  });
});

describe('this week and insights', () => {
  it('give the same counts for one journal written this week', async () => {
    const me = await device({ at: '2026-03-02T09:00:00Z', name: 'Ana' }); // Monday
    await me.create('lesson', 'Canary first');
    await me.typeInBody('\nShip to one region first.');
    await me.create('lesson', 'Write the runbook');
    await me.typeInBody('\nBefore the incident, not during it.');
    await me.create('checklist', 'Release steps');
    await me.tick(0);
    await me.tick(2);
    // A debrief's ticked action is an action, not a check item, in both views.
    await me.create('debrief', 'Launch retro');
    await me.caretUnder('Actions');
    await me.page.keyboard.type('Rotate the keys');
    await me.tick(0);
    await me.waitUntilSaved();

    await me.navButton('This week').click();
    await me.expectFigure('This week in figures', 'lesson notes', '2');
    const week = {
      lessons: await me.figure('This week in figures', 'lesson notes'),
      checkItems: await me.figure('This week in figures', 'check items done'),
      coWritten: await me.figure('This week in figures', 'debriefs co-written'),
    };
    expect(week).toEqual({ lessons: '2', checkItems: '2', coWritten: '0' });

    await me.navButton('Insights').click();
    await expect.poll(() => me.figure('Insights in figures', 'lesson notes'), { timeout: 10_000 }).toBe(week.lessons);
    expect(await me.figure('Insights in figures', 'check items done')).toBe(`${week.checkItems} of 3`);
    expect(await me.figure('Insights in figures', 'debriefs co-written')).toBe(`${week.coWritten} of 1`);
    // Each figure says what it counts, the same in both views.
    expect(await me.page.getByRole('list', { name: 'Insights in figures' }).innerText()).toContain('in checklists; debrief actions apart');
    await me.navButton('This week').click();
    expect(await me.page.getByRole('list', { name: 'This week in figures' }).innerText()).toContain('in checklists; debrief actions apart');
  });

  it('show figures that match the entries written', async () => {
    const me = await device({ at: '2026-02-25T10:00:00Z' }); // Wednesday of the week before
    await me.create('lesson', 'Last week’s lesson');
    await me.page.getByRole('textbox', { name: 'Add tag' }).fill('deploys');
    await me.page.keyboard.press('Enter');
    await me.waitUntilSaved();

    await me.page.clock.fastForward(7 * DAY_MS); // Wednesday 4 March
    await me.create('lesson', 'Canary first');
    await me.page.getByRole('textbox', { name: 'Add tag' }).fill('deploys');
    await me.page.keyboard.press('Enter');
    await me.create('lesson', 'Write the runbook');
    await me.page.getByRole('textbox', { name: 'Add tag' }).fill('on-call');
    await me.page.keyboard.press('Enter');
    await me.create('checklist', 'Release steps');
    await me.tick(0);
    await me.tick(1);
    await me.create('debrief', 'Solo debrief');
    await me.openEntry('Last week’s lesson');
    await me.caretUnder('What happened');
    await me.page.keyboard.type('Changed this week.');
    await me.waitUntilSaved();

    await me.navButton('This week').click();
    await me.expectFigure('This week in figures', 'entries written', '4');
    expect(await me.figure('This week in figures', 'entry changed')).toBe('1');
    expect(await me.figure('This week in figures', 'lesson notes')).toBe('2');
    expect(await me.figure('This week in figures', 'check items done')).toBe('2');
    expect(await me.figure('This week in figures', 'debriefs co-written')).toBe('0');
    expect(await me.listText('Written this week')).toMatch(/Solo debrief[\s\S]*Release steps[\s\S]*Write the runbook[\s\S]*Canary first/);
    expect(await me.listText('Changed this week')).toContain('Last week’s lesson');

    await me.navButton('Insights').click();
    await expect.poll(() => me.figure('Insights in figures', 'lesson notes'), { timeout: 10_000 }).toBe('3');
    expect(await me.figure('Insights in figures', 'check items done')).toBe('2 of 3');
    expect(await me.figure('Insights in figures', 'debriefs co-written')).toBe('0 of 1');
    const weeks = await me.chartTable('Lessons per week');
    expect(weeks).toHaveLength(12);
    expect(weeks.slice(-2)).toEqual([
      ['23 Feb', '1'],
      ['2 Mar', '2'],
    ]);
    expect(await me.chartTable('Checklist completion')).toEqual([['Release steps', '2', '3']]);
    expect(await me.chartTable('Top tags')).toEqual([
      ['#deploys', '2'],
      ['#on-call', '1'],
    ]);
    expect(await me.chartTable('Debriefs co-written')).toContainEqual(['2 Mar', '0', '1']);
    // The charts are drawn (SVG), from this device's data only; nobody was thanked yet.
    expect(await me.page.locator('.pb-chart svg').count()).toBe(4);
    expect(await me.page.getByRole('region', { name: 'Who helped most' }).innerText()).toContain('Mention a colleague with @');

    // The weekly prompt starts a lesson note that links to the week's entries.
    await me.navButton('This week').click();
    await me.page.getByRole('button', { name: 'Write this week’s lesson' }).click();
    await expect.poll(() => me.title.inputValue()).toBe('What we learned, week of 2 Mar');
    await expect.poll(() => me.body.innerText()).toMatch(/This week: .*Canary first/);
    await me.navButton('This week').click();
    await me.expectFigure('This week in figures', 'lesson notes', '3');
  });
});
