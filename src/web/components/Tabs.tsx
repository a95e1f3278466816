/** Sections of one page as links (each its own address, so the back button and sharing work). */
export function Tabs(props: {
  label: string;
  tabs: Array<{ href: string; label: string }>;
  current: string;
}) {
  return (
    <nav class="tabs" aria-label={props.label}>
      <ul>
        {props.tabs.map((tab) => (
          <li>
            <a href={tab.href} aria-current={tab.href === props.current ? 'page' : undefined}>
              {tab.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
