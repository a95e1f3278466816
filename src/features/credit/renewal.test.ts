import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  addYears,
  applyCap,
  creditFor,
  csvCell,
  cycleContaining,
  dayOf,
  dayString,
  isDay,
  progressIn,
  toCsv,
} from './renewal.ts';

describe('credit rules', () => {
  test("'fixed' counts the program's fixed hours whatever the credential says", () => {
    assert.equal(
      creditFor(
        { unitRule: 'fixed', fixedHours: 0.5 },
        { hoursGranted: 3, creditsEarned: 12, creditsAvailable: 10 },
      ),
      0.5,
    );
    assert.equal(creditFor({ unitRule: 'fixed', fixedHours: null }, { hoursGranted: 3 }), 0);
  });

  test("'credit_hours' prefers the hours granted, then creditsEarned, then creditsAvailable", () => {
    const rule = { unitRule: 'credit_hours', fixedHours: null } as const;
    assert.equal(creditFor(rule, { hoursGranted: 2.25, creditsEarned: 12, creditsAvailable: 10 }), 2.25);
    assert.equal(creditFor(rule, { hoursGranted: 0, creditsEarned: 12, creditsAvailable: 10 }), 12);
    assert.equal(creditFor(rule, { hoursGranted: null, creditsEarned: null, creditsAvailable: 10 }), 10);
    assert.equal(creditFor(rule, { hoursGranted: null }), 0);
    assert.equal(creditFor(rule, { hoursGranted: 1.254 }), 1.25);
  });

  test('the cap posts only the remainder, and 0 with a reason once reached', () => {
    assert.deepEqual(applyCap(3, null, 100), { hours: 3, reason: '' });
    assert.deepEqual(applyCap(3, 10, 5), { hours: 3, reason: '' });
    assert.deepEqual(applyCap(3, 10, 7), { hours: 3, reason: '' });
    const partial = applyCap(3, 10, 8.5);
    assert.equal(partial.hours, 1.5);
    assert.match(partial.reason, /Capped: 3 hours earned, 1.5 left/);
    const none = applyCap(3, 10, 10);
    assert.equal(none.hours, 0);
    assert.match(none.reason, /cap of 10 hours is already reached/);
    assert.equal(applyCap(3, 10, 12).hours, 0);
  });

  test('cycles repeat from the license cycle start, forward and backward', () => {
    assert.deepEqual(cycleContaining('2025-07-01', 5, '2026-11-24'), {
      start: '2025-07-01',
      end: '2030-07-01',
      last: '2030-06-30',
    });
    // The last day of a cycle and the first of the next.
    assert.equal(cycleContaining('2025-07-01', 5, '2030-06-30').start, '2025-07-01');
    assert.equal(cycleContaining('2025-07-01', 5, '2030-07-01').start, '2030-07-01');
    // Before the recorded start: the previous cycle.
    assert.deepEqual(cycleContaining('2025-07-01', 5, '2025-06-30'), {
      start: '2020-07-01',
      end: '2025-07-01',
      last: '2025-06-30',
    });
    assert.equal(cycleContaining('2025-07-01', 1, '2031-01-15').start, '2030-07-01');
    assert.equal(cycleContaining('2024-02-29', 1, '2025-03-01').start, '2025-02-28');
    assert.throws(() => cycleContaining('2025-01-01', 0, '2025-01-01'));
  });

  test('days: parsing, years, the issue day in UTC', () => {
    assert.equal(addYears('2024-02-29', 1), '2025-02-28');
    assert.equal(addYears('2024-02-29', 4), '2028-02-29');
    assert.equal(dayOf('2026-11-24T23:30:00Z'), '2026-11-24');
    assert.equal(dayString('2026-01-02'), '2026-01-02');
    assert.equal(dayString(new Date(Date.UTC(2026, 0, 2))), '2026-01-02');
    assert.equal(dayString(new Date(2026, 0, 2)), '2026-01-02');
    assert.ok(isDay('2026-02-28'));
    assert.ok(!isDay('2026-02-30'));
    assert.ok(!isDay('0000-01-01'), 'the database has no year 0');
    assert.ok(!isDay('9999-12-31'));
    assert.ok(!isDay('28/02/2026'));
  });

  test('progress sums credits and reversals in the cycle only', () => {
    const cycle = cycleContaining('2025-07-01', 5, '2026-11-24');
    const p = progressIn(cycle, 2, [
      { hours: 0.5, cycleStart: '2025-07-01' },
      { hours: 0.5, cycleStart: '2025-07-01' },
      { hours: -0.5, cycleStart: '2025-07-01' },
      { hours: 9, cycleStart: '2020-07-01' },
    ]);
    assert.deepEqual(
      { earned: p.earned, shortfall: p.shortfall, met: p.met },
      { earned: 0.5, shortfall: 1.5, met: false },
    );
    assert.equal(progressIn(cycle, 0.5, [{ hours: 0.5, cycleStart: '2025-07-01' }]).met, true);
  });

  test('CSV cells are escaped and never start a formula', () => {
    assert.equal(csvCell('plain'), 'plain');
    assert.equal(csvCell('a,b'), '"a,b"');
    assert.equal(csvCell('say "hi"'), '"say ""hi"""');
    assert.equal(csvCell('=HYPERLINK("x")'), `"'=HYPERLINK(""x"")"`);
    assert.equal(csvCell('+1'), `"'+1"`);
    assert.equal(csvCell('-2'), `"'-2"`);
    assert.equal(csvCell('@SUM(A1)'), `"'@SUM(A1)"`);
    assert.equal(csvCell(-1.5), '-1.5');
    assert.equal(csvCell(null), '');
    assert.equal(toCsv(['a', 'b'], [['x', 1]]), 'a,b\r\nx,1\r\n');
  });
});
