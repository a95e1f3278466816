import type { Child } from 'hono/jsx';

/** A surface for one thing: an optional heading, its content, and actions along the bottom. */
export function Card(props: {
  title?: Child;
  headingLevel?: 2 | 3;
  actions?: Child;
  id?: string;
  children?: Child;
}) {
  const Heading = props.headingLevel === 3 ? 'h3' : 'h2';
  const headingId = props.id ? `${props.id}-title` : undefined;
  return (
    <section class="card" id={props.id} aria-labelledby={props.title && headingId ? headingId : undefined}>
      {props.title && (
        <Heading class="card-title" id={headingId}>
          {props.title}
        </Heading>
      )}
      {props.children}
      {props.actions && <div class="card-actions">{props.actions}</div>}
    </section>
  );
}
