import type { Db } from '../storage/database.ts';
import type { Clock } from '../domain/clock.ts';
import type { Config } from '../config.ts';
import type { Design, Rubric } from '../features/catalog/microCredential.ts';
import { createMicroCredential } from '../features/catalog/commands/createMicroCredential.ts';
import { publishDraft } from '../features/catalog/commands/publishDraft.ts';
import { createStack } from '../features/catalog/commands/createStack.ts';
import { updateDraft } from '../features/catalog/commands/updateDraft.ts';
import { createPathway } from '../features/catalog/commands/createPathway.ts';

// The demo catalog, in the style of the domain's programs: the union's peer-reviewed library
// (stacks of performance-based micro-credentials) and the council's pre-approved continuing
// education (badges on attendance).

const rubric = (focus: string): Rubric => ({
  levels: [
    { id: 'emerging', name: 'Emerging' },
    { id: 'developing', name: 'Developing' },
    { id: 'proficient', name: 'Proficient' },
    { id: 'exemplary', name: 'Exemplary' },
  ],
  criteria: [
    {
      id: 'plan',
      name: `Plan for ${focus}`,
      descriptors: {
        emerging: 'The plan is missing key steps.',
        developing: 'The plan names steps but not how students learn them.',
        proficient: 'A clear plan with explicit teaching and practice.',
        exemplary: 'A clear plan adapted for individual students, with evidence of why.',
      },
      passingLevel: 'proficient',
    },
    {
      id: 'practice',
      name: 'Evidence from practice',
      descriptors: {
        emerging: 'No classroom evidence.',
        developing: 'Evidence shows part of the practice.',
        proficient: 'Video or artifacts show the practice with students.',
        exemplary: 'Evidence shows the practice and students owning it.',
      },
      passingLevel: 'proficient',
    },
    {
      id: 'impact',
      name: 'Impact on students',
      descriptors: {
        emerging: 'No data.',
        developing: 'Anecdotal change.',
        proficient: 'Data from before and after.',
        exemplary: 'Data and students’ own voices.',
      },
      passingLevel: 'developing',
    },
    {
      id: 'reflection',
      name: 'Reflection',
      descriptors: {
        emerging: 'Describes only.',
        developing: 'Some analysis.',
        proficient: 'Analyses what worked and why.',
        exemplary: 'Analyses and plans next steps with colleagues.',
      },
      passingLevel: 'proficient',
    },
  ],
  passRule: { type: 'all' },
});

const reviewed = (title: string, competency: string, tags: string[], standard: string): Design => ({
  title,
  competency,
  description: `A performance-based micro-credential: you show this competency in your own classroom, and a trained peer reviewer scores your evidence against the rubric. You may resubmit as many times as you need.`,
  keyMethod: `Plan, teach, collect evidence, and reflect on ${title.toLowerCase()}.`,
  criteria:
    'Submit every evidence part. Each rubric criterion must reach its passing level; reviewers give feedback on every criterion.',
  evidenceParts: [
    {
      prompt: 'Describe your context: grade, subject, and the students this work is for (up to 300 words).',
      kind: 'text',
      maxWords: 300,
      required: true,
    },
    { prompt: `Upload your plan for ${title.toLowerCase()}.`, kind: 'file', maxSizeMb: 20, required: true },
    {
      prompt: 'Link to a classroom video (5–10 minutes) showing the practice.',
      kind: 'link',
      required: true,
    },
    { prompt: 'Student work or data from before and after.', kind: 'file', maxSizeMb: 50, required: true },
    {
      prompt: 'Reflect on what worked, what did not, and what you will do next (up to 800 words).',
      kind: 'text',
      maxWords: 800,
      required: true,
    },
  ],
  rubric: rubric(title.toLowerCase()),
  effortHours: 12,
  creditHours: 0.5,
  achievementType: 'MicroCredential',
  tags,
  alignments: [
    {
      name: `InTASC ${standard}`,
      url: 'https://ccsso.org/resource-library/intasc-model-core-teaching-standards-and-learning-progressions-teachers-10',
      code: standard,
    },
  ],
  applicationWindowMonths: 6,
  applicationFeeCurrency: 'USD',
  earningMode: 'reviewed_evidence',
});

// Program A: the council pre-approved a continuing-education provider's sessions; attendees
// apply with the provider's certificate of completion and the council's fee, and staff approve.
const attended = (title: string, competency: string, hours: number): Design => ({
  title,
  competency,
  description: `A pre-approved continuing-education session. Attendees receive a certificate of completion and apply for this badge with it, paying the council's fee; the council reviews applications within three weeks.`,
  keyMethod: 'Attend the full session and complete its knowledge check.',
  criteria: 'A certificate of completion from a pre-approved session, matching the provider’s roster.',
  evidenceParts: [],
  effortHours: hours,
  creditHours: hours / 2,
  achievementType: 'CertificateOfCompletion',
  tags: ['continuing education', 'recertification'],
  alignments: [],
  validityMonths: 36,
  applicationWindowMonths: 6,
  applicationFeeCents: 2500,
  applicationFeeCurrency: 'USD',
  earningMode: 'proof_of_completion',
});

const stacks: Array<{ org: string; designer: string; name: string; description: string; items: Design[] }> = [
  {
    org: 'riverside-educators-union',
    designer: 'sam@union.example',
    name: 'Classroom Management',
    description: 'Routines, relationships and responses that give every student more time to learn.',
    items: [
      {
        ...reviewed(
          'Classroom Routines',
          'The educator designs and explicitly teaches routines that maximise learning time.',
          ['routines', 'classroom management'],
          '3(d)',
        ),
        // Its Spanish edition (issue 14): shown to readers of Spanish, published as a related Achievement.
        spanishEdition: {
          name: 'Rutinas en el aula',
          description:
            'El educador diseña y enseña de forma explícita rutinas que aprovechan al máximo el tiempo de aprendizaje.\n\nUna microcredencial basada en el desempeño: demuestras esta competencia en tu propia aula y un revisor formado puntúa tus evidencias con la rúbrica. Puedes volver a enviarlas tantas veces como necesites.',
          criteria:
            'Envía todas las partes de la evidencia. Cada criterio de la rúbrica debe alcanzar su nivel de aprobación; los revisores comentan cada criterio.',
        },
      },
      reviewed(
        'Positive Behavior Feedback',
        'The educator uses specific, positive feedback to reinforce expected behaviors.',
        ['feedback', 'behavior'],
        '3(f)',
      ),
      reviewed(
        'Restorative Conversations',
        'The educator uses restorative conversations to repair harm and rebuild relationships.',
        ['restorative practice', 'relationships'],
        '3(b)',
      ),
      reviewed(
        'Smooth Transitions',
        'The educator plans and teaches transitions that protect instructional time.',
        ['transitions', 'routines'],
        '3(d)',
      ),
      reviewed(
        'Student Voice in Classroom Norms',
        'The educator co-creates classroom norms with students and revisits them.',
        ['norms', 'student voice'],
        '3(a)',
      ),
    ],
  },
  {
    org: 'riverside-educators-union',
    designer: 'sam@union.example',
    name: 'Culturally Responsive Teaching',
    description: 'Teaching that builds on students’ cultures, languages and communities.',
    items: [
      reviewed(
        'Asset-Based Lesson Design',
        'The educator designs lessons that build on students’ cultural and linguistic assets.',
        ['culturally responsive', 'lesson design'],
        '2(d)',
      ),
      reviewed(
        'Family Funds of Knowledge',
        'The educator learns from families and uses that knowledge in instruction.',
        ['families', 'culturally responsive'],
        '10(m)',
      ),
      reviewed(
        'Inclusive Classroom Texts',
        'The educator selects texts that reflect and widen students’ identities.',
        ['texts', 'inclusion'],
        '2(j)',
      ),
      reviewed(
        'Translanguaging for Learning',
        'The educator invites multilingual learners to use their full language repertoire.',
        ['multilingual learners', 'language'],
        '2(e)',
      ),
      reviewed(
        'Examining Bias in Practice',
        'The educator examines data on their own practice for patterns of bias and acts on them.',
        ['equity', 'reflection'],
        '9(e)',
      ),
    ],
  },
  {
    org: 'riverside-educators-union',
    designer: 'sam@union.example',
    name: 'Assessment Literacy',
    description: 'Using evidence of learning to adjust teaching and to help students own their progress.',
    items: [
      reviewed(
        'Checking for Understanding',
        'The educator uses frequent checks for understanding and adjusts instruction in the moment.',
        ['formative assessment'],
        '6(a)',
      ),
      reviewed(
        'Success Criteria with Students',
        'The educator co-constructs success criteria so students can judge their own work.',
        ['success criteria', 'self-assessment'],
        '6(c)',
      ),
      reviewed(
        'Actionable Feedback on Writing',
        'The educator gives feedback students act on, and checks that they did.',
        ['feedback', 'writing'],
        '6(d)',
      ),
      reviewed(
        'Data Conversations with Colleagues',
        'The educator analyses student data with colleagues and plans shared responses.',
        ['data', 'collaboration'],
        '6(g)',
      ),
      reviewed(
        'Designing Performance Tasks',
        'The educator designs performance tasks aligned to standards, with rubrics.',
        ['performance tasks', 'rubrics'],
        '6(b)',
      ),
    ],
  },
  {
    org: 'allied-therapy-council',
    designer: 'helen@council.example',
    name: 'Continuing Education for Certified Therapists',
    description: 'Pre-approved sessions that count toward recertification.',
    items: [
      attended(
        'Trauma-Informed Practice',
        'Applies trauma-informed principles to assessment and treatment planning.',
        6,
      ),
      attended(
        'Ethics in Telehealth',
        'Maintains ethical and legal standards when delivering services remotely.',
        3,
      ),
      attended(
        'Supervision Fundamentals',
        'Provides supervision that supports growth and protects clients.',
        8,
      ),
      attended('Cultural Humility in Therapy', 'Practises cultural humility with clients and families.', 4),
      attended('Documentation That Holds Up', 'Writes clear, compliant clinical documentation.', 2),
    ],
  },
];

/** Seeds the demo catalog: four stacks of five published micro-credentials each, and a pathway. */
export async function seedDemoCatalog(deps: { db: Db; clock: Clock; config: Config }): Promise<void> {
  for (const stack of stacks) {
    const designer = await deps.db
      .selectFrom('user_emails')
      .select('user_id')
      .where('email', '=', stack.designer)
      .executeTakeFirstOrThrow();
    const actor = { userId: designer.user_id, ip: null };
    const ids: string[] = [];
    for (const design of stack.items) {
      const { publicId } = await createMicroCredential(deps, {
        actor: actor,
        orgSlug: stack.org,
        title: design.title,
      });
      await updateDraft(deps, { actor: actor, orgSlug: stack.org, microCredentialId: publicId, ...design });
      await publishDraft(deps, { actor: actor, orgSlug: stack.org, microCredentialId: publicId });
      ids.push(publicId);
    }
    await createStack(deps, {
      actor: actor,
      orgSlug: stack.org,
      name: stack.name,
      description: stack.description,
      microCredentials: ids,
    });
    if (stack.name === 'Classroom Management') {
      // The union's pathway: the routines micro-credential, then any three of the other four.
      await createPathway(deps, {
        actor: actor,
        orgSlug: stack.org,
        name: 'Classroom Management Certificate',
        description:
          'Awarded automatically to educators who complete Classroom Routines and three more micro-credentials of the Classroom Management stack.',
        achievementType: 'Certificate',
        requirement: {
          type: 'all',
          items: [
            { type: 'microCredential', id: ids[0] },
            { type: 'some', count: 3, items: ids.slice(1).map((id) => ({ type: 'microCredential', id })) },
          ],
        },
      });
    }
  }
}
