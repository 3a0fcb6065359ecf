/**
 * What the `demo` seed preset contains. The same every time (spec: tests may rely on it); times are
 * minutes before the clock at the moment of seeding.
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export interface DemoVisitor {
  name: string;
  email: string;
  externalUserId: string;
  customAttributes: Record<string, string | number | boolean>;
  location: { city: string; country: string };
  firstSeenAgo: number;
}

export interface DemoMessage {
  /** `visitor`, or the ID of the human agent who replied. */
  from: 'visitor' | `agt_${string}`;
  content: string;
  ago: number;
}

export interface DemoConversation {
  /** Index into {@link DEMO_VISITORS}. */
  visitor: number;
  channel: 'chat' | 'email';
  subject: string;
  status: 'open' | 'closed';
  assignedAgentId: string | null;
  messages: DemoMessage[];
}

export interface DemoArticle {
  title: string;
  slug: string;
  status: 'published' | 'draft';
  visibility: 'public' | 'internal';
  tags: string[];
  content: string;
}

export interface DemoCollection {
  name: string;
  slug: string;
  description: string;
  icon: string;
  articles: DemoArticle[];
}

/** When the knowledge base was written, before the conversations. */
export const KNOWLEDGE_BASE_AGO = 30 * DAY;

export const DEMO_VISITORS: readonly DemoVisitor[] = [
  {
    name: 'Dana Whitfield',
    email: 'dana.whitfield@example.com',
    externalUserId: 'user_48213',
    customAttributes: { plan: 'pro', seats: 5, trial: false },
    location: { city: 'Lisbon', country: 'Portugal' },
    firstSeenAgo: 40 * DAY,
  },
  {
    name: 'Marcus Chen',
    email: 'marcus.chen@example.com',
    externalUserId: 'user_51077',
    customAttributes: { plan: 'business', seats: 25, trial: false },
    location: { city: 'Toronto', country: 'Canada' },
    firstSeenAgo: 120 * DAY,
  },
  {
    name: 'Priya Raman',
    email: 'priya.raman@example.org',
    externalUserId: 'user_39920',
    customAttributes: { plan: 'starter', seats: 1, trial: true },
    location: { city: 'Bengaluru', country: 'India' },
    firstSeenAgo: 3 * DAY,
  },
  {
    name: 'Tomás Herrera',
    email: 'tomas.herrera@example.net',
    externalUserId: 'user_60114',
    customAttributes: { plan: 'pro', seats: 8, trial: false },
    location: { city: 'Madrid', country: 'Spain' },
    firstSeenAgo: 75 * DAY,
  },
  {
    name: 'Lena Fischer',
    email: 'lena.fischer@example.de',
    externalUserId: 'user_72301',
    customAttributes: { plan: 'business', seats: 40, trial: false },
    location: { city: 'Hamburg', country: 'Germany' },
    firstSeenAgo: 200 * DAY,
  },
];

/** Six open conversations waiting on the workspace (four never answered) and one closed. */
export const DEMO_CONVERSATIONS: readonly DemoConversation[] = [
  {
    visitor: 0,
    channel: 'chat',
    subject: 'Charged twice for order 1042',
    status: 'open',
    assignedAgentId: null,
    messages: [
      {
        from: 'visitor',
        content: 'Hi, I was charged twice for order 1042. Can you refund the duplicate charge?',
        ago: 12 * MINUTE,
      },
    ],
  },
  {
    visitor: 1,
    channel: 'email',
    subject: 'Invoice address',
    status: 'open',
    assignedAgentId: null,
    messages: [
      {
        from: 'visitor',
        content:
          'Hello, our company moved. Can you change the billing address on our last invoice to 200 King St W, Toronto?',
        ago: 3 * HOUR,
      },
    ],
  },
  {
    visitor: 2,
    channel: 'chat',
    subject: "Can't reset my password",
    status: 'open',
    assignedAgentId: null,
    messages: [
      {
        from: 'visitor',
        content: "I asked for a password reset link twice but the email never arrives. What's going on?",
        ago: 25 * MINUTE,
      },
    ],
  },
  {
    visitor: 3,
    channel: 'chat',
    subject: 'Where is my order?',
    status: 'open',
    assignedAgentId: 'agt_mara',
    messages: [
      { from: 'visitor', content: 'My order 2291 was supposed to arrive on Monday.', ago: 2 * DAY },
      {
        from: 'agt_mara',
        content: "Sorry about the wait! I've asked the carrier for an update and will get back to you.",
        ago: 2 * DAY - 20 * MINUTE,
      },
      {
        from: 'visitor',
        content: 'Any news? The tracking page still says "label created".',
        ago: 40 * MINUTE,
      },
    ],
  },
  {
    visitor: 4,
    channel: 'email',
    subject: 'Adding seats to our plan',
    status: 'open',
    assignedAgentId: null,
    messages: [
      {
        from: 'visitor',
        content: 'We are onboarding a new team next month. How do we add 10 seats, and is it prorated?',
        ago: 5 * HOUR,
      },
    ],
  },
  {
    visitor: 0,
    channel: 'email',
    subject: 'Exporting my data',
    status: 'open',
    assignedAgentId: 'agt_jonas',
    messages: [
      { from: 'visitor', content: 'Is there a way to export all of my projects as CSV?', ago: DAY },
      {
        from: 'agt_jonas',
        content: 'Yes: Settings → Data → Export. Do you need attachments included as well?',
        ago: DAY - HOUR,
      },
      {
        from: 'visitor',
        content: 'Attachments too, please. The export has no files in it.',
        ago: 90 * MINUTE,
      },
    ],
  },
  {
    visitor: 1,
    channel: 'chat',
    subject: 'Change billing email',
    status: 'closed',
    assignedAgentId: 'agt_mara',
    messages: [
      { from: 'visitor', content: 'Please send invoices to finance@example.com from now on.', ago: 6 * DAY },
      {
        from: 'agt_mara',
        content: 'Done! Future invoices will go to finance@example.com.',
        ago: 6 * DAY - 15 * MINUTE,
      },
    ],
  },
];

export const DEMO_COLLECTIONS: readonly DemoCollection[] = [
  {
    name: 'Billing & payments',
    slug: 'billing-payments',
    description: 'Refunds, invoices and charges.',
    icon: 'credit-card',
    articles: [
      {
        title: 'How to get a refund',
        slug: 'how-to-get-a-refund',
        status: 'published',
        visibility: 'public',
        tags: ['billing', 'refunds'],
        content: `# How to get a refund

You can get a full refund within 30 days of purchase.

1. Open **Settings → Billing → Payments**.
2. Find the charge and choose **Request refund**.
3. Pick a reason and confirm.

Refunds reach your card in 5–10 business days, depending on your bank. After 30 days we can offer
account credit instead; write to us from the help widget.
`,
      },
      {
        title: 'Why was I charged twice?',
        slug: 'why-was-i-charged-twice',
        status: 'published',
        visibility: 'public',
        tags: ['billing', 'payments'],
        content: `# Why was I charged twice?

Most double charges are **authorization holds**: your bank reserves the amount when you place an order
and releases the hold within 3 business days. Only one charge is ever captured.

If both charges still show as *posted* after 3 business days, it is a duplicate: contact us with the
order number and we will refund it the same day.
`,
      },
      {
        title: 'Understanding your invoice',
        slug: 'understanding-your-invoice',
        status: 'published',
        visibility: 'public',
        tags: ['billing', 'invoices'],
        content: `# Understanding your invoice

Invoices are issued on the first day of each billing period and list:

| Line | What it is |
| --- | --- |
| Subscription | your plan for the period ahead |
| Seats | seats added during the last period, prorated |
| Tax | VAT or sales tax for your billing address |

To change the company name, address or tax ID shown on future invoices, open **Settings → Billing →
Details**. Past invoices can be reissued once with the new details.
`,
      },
    ],
  },
  {
    name: 'Account & security',
    slug: 'account-security',
    description: 'Signing in, passwords and your team.',
    icon: 'lock',
    articles: [
      {
        title: 'Reset your password',
        slug: 'reset-your-password',
        status: 'published',
        visibility: 'public',
        tags: ['account', 'passwords'],
        content: `# Reset your password

1. On the sign-in page choose **Forgot password?**.
2. Enter the email address you sign in with.
3. Open the link in the email within 60 minutes and choose a new password.

No email after 5 minutes? Check your spam folder, and make sure you used the address your account was
created with. Reset links from single sign-on accounts are disabled: ask your administrator instead.
`,
      },
      {
        title: 'Turn on two-factor authentication',
        slug: 'turn-on-two-factor-authentication',
        status: 'published',
        visibility: 'public',
        tags: ['account', 'security'],
        content: `# Turn on two-factor authentication

Two-factor authentication (2FA) asks for a code from your phone when you sign in.

1. Open **Settings → Security**.
2. Choose **Enable 2FA** and scan the QR code with an authenticator app.
3. Enter the 6-digit code and store your recovery codes somewhere safe.
`,
      },
      {
        title: 'Add or remove team seats',
        slug: 'add-or-remove-team-seats',
        status: 'draft',
        visibility: 'public',
        tags: ['account', 'billing'],
        content: `# Add or remove team seats

Administrators can change the number of seats in **Settings → Team**. Added seats are billed
immediately and prorated for the rest of the billing period; removed seats are credited on the next
invoice.
`,
      },
    ],
  },
  {
    name: 'Orders & shipping',
    slug: 'orders-shipping',
    description: 'Tracking, delivery times and returns.',
    icon: 'truck',
    articles: [
      {
        title: 'Track your order',
        slug: 'track-your-order',
        status: 'published',
        visibility: 'public',
        tags: ['orders', 'shipping'],
        content: `# Track your order

Every order confirmation email has a **Track shipment** button. You can also open **Orders** in your
account and choose the order.

Standard shipping takes 3–5 business days, express 1–2. Tracking can show *label created* for up to
24 hours before the carrier scans the parcel.
`,
      },
      {
        title: 'Handling damaged deliveries',
        slug: 'handling-damaged-deliveries',
        status: 'draft',
        visibility: 'internal',
        tags: ['orders', 'returns'],
        content: `# Handling damaged deliveries (agents)

Ask the customer for a photo of the parcel and the item. Items under 50 EUR are replaced without a
return; for anything else, send a prepaid return label and ship the replacement once the carrier has
scanned the return.
`,
      },
    ],
  },
];
