import type { Child } from 'hono/jsx';

/**
 * What a list shows when it has nothing yet: what this place is for and what to do next (a link
 * or a button), never a bare "No results".
 */
export function EmptyState(props: { title: Child; next: Child; action?: Child; headingLevel?: 2 | 3 }) {
  const Heading = props.headingLevel === 3 ? 'h3' : 'h2';
  return (
    <div class="empty-state">
      <Heading>{props.title}</Heading>
      <p>{props.next}</p>
      {props.action}
    </div>
  );
}
