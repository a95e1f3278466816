import { test } from 'node:test';
import assert from 'node:assert/strict';
import { progressFigures, ProgressBar, ProgressRing, StepDots } from './Progress.tsx';
import { renderIn } from './testRender.tsx';

const dash = (html: string) => /stroke-dasharray="([\d.]+) 100"/.exec(html)?.[1] ?? null;
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

test('figures: nothing, part, exactly, more than the target, and a target of zero', () => {
  assert.deepEqual(progressFigures(0, 24), {
    fraction: 0,
    percent: 0,
    complete: false,
    remaining: 24,
    over: 0,
  });
  assert.deepEqual(progressFigures(12, 24), {
    fraction: 0.5,
    percent: 50,
    complete: false,
    remaining: 12,
    over: 0,
  });
  assert.equal(progressFigures(23.9, 24).percent, 99, 'never rounded up to 100 before it is reached');
  assert.equal(progressFigures(0.1, 24).percent, 1, 'a start shows');
  assert.deepEqual(progressFigures(24, 24), {
    fraction: 1,
    percent: 100,
    complete: true,
    remaining: 0,
    over: 0,
  });
  assert.deepEqual(progressFigures(30, 24), {
    fraction: 1,
    percent: 100,
    complete: true,
    remaining: 0,
    over: 6,
  });
  assert.deepEqual(progressFigures(0, 0), {
    fraction: 1,
    percent: 100,
    complete: true,
    remaining: 0,
    over: 0,
  });
  assert.equal(progressFigures(-3, 24).fraction, 0);
});

test('ring: named by its percentage, filled to it, the hours in words beside it', () => {
  const none = renderIn('en', <ProgressRing value={0} target={24} />);
  assert.match(none, /role="img" aria-label="0% complete"/);
  assert.equal(dash(none), null, 'no arc at zero');
  assert.match(text(none), /0 h of 24 h 24 h to go/);

  const part = renderIn('en', <ProgressRing value={12} target={24} />);
  assert.match(part, /aria-label="50% complete"/);
  assert.equal(dash(part), '50.00');
  assert.match(text(part), /12 h of 24 h 12 h to go/);
  assert.doesNotMatch(part, /progress-ring complete/);

  const done = renderIn('en', <ProgressRing value={24} target={24} />);
  assert.match(done, /class="progress-ring complete"/);
  assert.equal(dash(done), '100.00');
  assert.match(text(done), /24 h of 24 h Requirement met/);

  const over = renderIn('es', <ProgressRing value={30.5} target={24} />);
  assert.match(over, /aria-label="100 % completado"/);
  assert.equal(dash(over), '100.00', 'the ring never wraps past full');
  assert.match(text(over), /30,5 h de 24 h Requisito cumplido, con 6,5 h más de las necesarias/);
});

test('bar and step dots: the same figures, the words beside them', () => {
  const bar = renderIn('en', <ProgressBar value={6} target={24} />);
  assert.match(bar, /aria-label="25% complete"/);
  assert.match(bar, /<rect class="bar-fill" x="0" y="0" width="25.00"/);
  assert.match(text(bar), /6 h of 24 h/);
  assert.doesNotMatch(renderIn('en', <ProgressBar value={0} target={24} />), /bar-fill/);

  const dots = renderIn('en', <StepDots done={2} total={5} />);
  assert.equal([...dots.matchAll(/class="dot-earned"/g)].length, 2);
  assert.equal([...dots.matchAll(/class="dot-missing"/g)].length, 3);
  assert.match(dots, /aria-hidden="true"/, 'the dots are decoration: the words say it');
  assert.match(text(dots), /2 of 5 steps earned/);
  const many = renderIn('en', <StepDots done={7} total={20} />);
  assert.match(many, /progress-bar/);
  assert.match(text(many), /7 of 20 steps earned/);
});
