import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { importDocument } from '../index.js';

const titles = async (text: string, name = 'handbook.md') => {
  const result = await importDocument(new TextEncoder().encode(text), name);
  return result.sops.flatMap((s) => s.steps.map((x) => x.title));
};

describe('how-to pages written as prose', () => {
  it('reads a heading that asks how as a procedure of its instructions, past a lead-in of several commas', async () => {
    const doc = `# Team handbook

## Where we sit

Our desks are on the third floor, next to the kitchen.

## How do I reset my VPN token?

On the self-service page, under your profile, click the reset button. Once the new code shows, type it into the token form. If the form rejects it, wait a minute and try again.
`;
    assert.deepEqual(await titles(doc), ['Click the reset button', 'Type it into the token form', 'Wait a minute and try again']);
  });

  it('reads prose addressed to a role, told in sequence, as steps under a gerund heading (even one naming roles)', async () => {
    const doc = `# Badge office

## Replacing a lost role badge

The employee should first report the loss to the security desk. The security officer then disables the badge in the access system. After that, the employee collects a temporary badge from reception.

## Opening hours

The badge office is open on weekdays.
`;
    const result = await importDocument(new TextEncoder().encode(doc), 'badges.md');
    assert.deepEqual(result.sops[0]?.steps.map((s) => s.role), ['employee', 'security officer', 'employee']);
    assert.match(result.sops[0]?.steps[0].title ?? '', /report the loss to the security desk/);
    assert.equal(result.sops[0]?.steps.length, 3);
  });

  it('makes each "To X, run:" before a code block a step titled by its purpose, the command in its description', async () => {
    const doc = `# Refreshing the staging database

Staging gets last night's production snapshot.

To stop the application workers, run:

\`\`\`
kubectl scale deploy/worker --replicas=0
\`\`\`

To load the snapshot into staging, run the following command:

\`\`\`
pg_restore -d staging nightly.dump
\`\`\`
`;
    const result = await importDocument(new TextEncoder().encode(doc), 'staging.md');
    const steps = result.sops[0]?.steps ?? [];
    assert.deepEqual(steps.map((s) => s.title), ['Stop the application workers', 'Load the snapshot into staging']);
    assert.match(steps[1].description, /pg_restore -d staging nightly\.dump/);
  });

  it('takes a labelled case ("`temporary`: Create …") as an instruction and leaves one sequenced sentence as prose', async () => {
    const doc = `# Firewall rules

## Adding a rule

First, open a ticket that names the rule. Temporary: Create the rule in the dashboard. Permanent: Create the rule in the config repository. Finally, note the rule id on the ticket.

## Background

Rules were once kept in a spreadsheet. Then the team moved them into the dashboard.
`;
    assert.deepEqual(await titles(doc), [
      'Open a ticket that names the rule', 'Create the rule in the dashboard', 'Create the rule in the config repository', 'Note the rule id on the ticket',
    ]);
  });

  it('reads bullets announced as the steps ("To add a printer, do the following:") beside a numbered procedure, and not bullets of rules', async () => {
    const doc = `# Office IT

## Setting up a laptop

1. Unbox the laptop and plug it in.
2. Sign in with your staff account.
3. Install the updates offered at first start.

## Adding a printer

To add a printer, do the following:

- Open the printer settings.
- Choose the printer from the list of nearby devices.
- Print a test page.

## Passwords

The following rules must be observed for passwords:

- Use at least twelve characters.
- Change the password when it may have leaked.
- Store it only in the password manager.
`;
    assert.deepEqual((await titles(doc)).slice(3), ['Open the printer settings', 'Choose the printer from the list of nearby devices', 'Print a test page']);
  });

  it('reads bullets announced by a sentence ("In these cases, use the following procedure to X.") as the steps, not "… automates many of the following steps."', async () => {
    const doc = (lead: string) => `# Office IT

## Laptops

### Setting up a laptop

1. Unbox the laptop and plug it in.
2. Sign in with your staff account.
3. Install the updates offered at first start.

## Accounts

### Resetting a locked account

Accounts lock after five wrong passwords. ${lead}

- Open the admin console and find the account.
- Click "Unlock" and tick "Force new password".
- At this point, a reset link should appear, send it to the owner.
- Note the reset in the service log.
`;
    assert.deepEqual((await titles(doc('In these cases, use the following procedure to unlock it.'))).slice(3), [
      'Open the admin console and find the account', 'Click "Unlock" and tick "Force new password"',
      'At this point, a reset link should appear, send it to the owner', 'Note the reset in the service log',
    ]);
    assert.deepEqual(await titles(doc('The help desk tool automates many of the following steps.')), ['Unbox the laptop and plug it in', 'Sign in with your staff account', 'Install the updates offered at first start']);
  });

  it('reads a numbered list inside an admonition as the steps, and not the bullets of a warning', async () => {
    const doc = `# Restarting the queue

!!! warning "Before you start"
    - Check that no import job is running.
    - Tell the data team in their channel.
    - Keep the old broker logs.

!!! note "Steps"
    1. Drain the queue with the admin tool.
    2. Restart the broker service.
    3. Confirm the consumers reconnect in the dashboard.
`;
    assert.deepEqual(await titles(doc), ['Drain the queue with the admin tool', 'Restart the broker service', 'Confirm the consumers reconnect in the dashboard']);
  });

  it('reads headings that name an action over a command ("## Restoring it" + a code block) as steps, not headings over mere output', async () => {
    const doc = `# Restoring a database backup

Backups are taken every night.

## Finding the backup

\`\`\`
backup-cli list --instance orders
\`\`\`

## Restoring it

\`\`\`
backup-cli restore --id <backup-id>
\`\`\`

## Switching over

\`\`\`
secrets set DATABASE_URL=postgres://restored/orders
\`\`\`

## Sample output

\`\`\`
restore finished in 9m12s
\`\`\`
`;
    const result = await importDocument(new TextEncoder().encode(doc), 'restore.md');
    assert.deepEqual(result.sops[0]?.steps.map((s) => s.title), ['Finding the backup', 'Restoring it', 'Switching over']);
    assert.match(result.sops[0]?.steps[1].description ?? '', /backup-cli restore/);
  });

  it('reads bullets that instruct after a label ("- **Lights**: Switch off …") as steps', async () => {
    const doc = `# Closing the office

- **Lights**: Switch off the lights on every floor.
- **Windows**: Close and latch all windows.
- **Alarm**: Set the alarm at the main door panel.
`;
    const result = await importDocument(new TextEncoder().encode(doc), 'closing.md');
    const steps = result.sops[0]?.steps ?? [];
    assert.deepEqual(steps.map((s) => s.title), ['Lights', 'Windows', 'Alarm']);
    assert.match(steps[2].description, /Set the alarm at the main door panel/);
  });
});
