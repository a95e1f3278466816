/** The home page's view model: what the loader returns and the view renders. */
import type { Config } from '../../config.ts';
import type { Db } from '../../storage/database.ts';

/** What the home's loader reads with. */
export interface HomeDeps {
  db: Db;
  config: Pick<Config, 'reviewTurnaroundDays'> & Partial<Pick<Config, 'mailbox'>>;
}

/** One line of a section: what it is, where the work is done, and a detail (a deadline, a count). */
export interface HomeItem {
  label: string;
  /** Where the work is done; null when there is no page for it (shown as plain text). */
  href: string | null;
  detail: string;
  /** Needs attention first (feedback waiting, a deadline close, a review overdue). */
  urgent: boolean;
  /** Progress drawn beside it: hours toward a renewal, or steps of a pathway. */
  progress?: { kind: 'hours' | 'steps'; value: number; target: number };
}

/** A section of the home: its items, or what to do next when it has none. */
export interface HomeSection {
  id: string;
  heading: string;
  items: HomeItem[];
  empty: { text: string; href?: string; label?: string };
  /** The full page for this section. */
  more: { href: string; label: string } | null;
  /** Rates (0–1) drawn as a bar chart above the items. */
  rates?: Array<{ label: string; value: number }>;
}

/** The sections for one of the person's roles (staff and officer ones name their organisation). */
export interface HomeRole {
  role: 'earner' | 'reviewer' | 'issuing_staff' | 'recognition_officer' | 'platform_admin';
  heading: string;
  organisation: { name: string; slug: string } | null;
  sections: HomeSection[];
}

export interface HomeViewModel {
  name: string;
  roles: HomeRole[];
  /** Creating an organisation is for people who run programs: a quiet line at the foot of the home, not a call to action. */
  createOrganisation: { href: string; text: string };
}
