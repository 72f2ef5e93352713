import { testRule } from '../../test/rule-tester.js';
import { TEST_SCOPES } from '../../test/lint-helpers.js';

const RULE = 'ban-disable-trigger-all';

// A Supabase migration that backfills profiles with every trigger of the table switched off.
const SUPABASE_BACKFILL = `-- Step 1: Temporarily disable the problematic trigger
ALTER TABLE public.profiles DISABLE TRIGGER ALL;

-- Step 2: Add email column to profiles
ALTER TABLE public.profiles
ADD COLUMN IF NOT EXISTS email TEXT;

-- Step 3: Ensure all auth users have profiles
INSERT INTO public.profiles (user_id, created_at, updated_at)
SELECT au.id, now(), now()
FROM auth.users au
WHERE NOT EXISTS (SELECT 1 FROM public.profiles p WHERE p.user_id = au.id)
ON CONFLICT (user_id) DO NOTHING;

-- Step 4: Re-enable triggers
ALTER TABLE public.profiles ENABLE TRIGGER ALL;`;

testRule(RULE, {
  valid: [
    { name: 'DISABLE TRIGGER USER leaves the foreign keys enforced', sql: 'ALTER TABLE public.profiles DISABLE TRIGGER USER;\nUPDATE public.profiles SET email = lower(email);\nALTER TABLE public.profiles ENABLE TRIGGER USER;' },
    { name: 'one trigger by name', sql: 'ALTER TABLE demand DISABLE TRIGGER fill_propose_trigger;\nINSERT INTO demand (demand_id) VALUES (1000);\nALTER TABLE demand ENABLE TRIGGER fill_propose_trigger;' },
    { name: 'ENABLE TRIGGER ALL alone', sql: 'ALTER TABLE public.profiles ENABLE TRIGGER ALL;' },
    { name: 'session_replication_role set to origin, DEFAULT, local, or reset', sql: "SET session_replication_role = origin;\nSET session_replication_role = DEFAULT;\nSET session_replication_role TO 'local';\nRESET session_replication_role;\nSELECT set_config('session_replication_role', 'origin', false);" },
    { name: 'SET LOCAL outside a transaction has no effect', sql: 'SET LOCAL session_replication_role = replica;\nINSERT INTO b VALUES (1, 99);' },
    {
      name: 'the safe bulk load: the foreign key dropped, added back NOT VALID and validated',
      sql: 'ALTER TABLE order_items DROP CONSTRAINT order_items_order_id_fkey;\nINSERT INTO order_items SELECT * FROM import_order_items;\nALTER TABLE order_items ADD CONSTRAINT order_items_order_id_fkey FOREIGN KEY (order_id) REFERENCES orders (id) NOT VALID;\nALTER TABLE order_items VALIDATE CONSTRAINT order_items_order_id_fkey;',
    },
  ],
  invalid: [
    {
      name: 'a Supabase backfill between DISABLE and ENABLE TRIGGER ALL',
      sql: SUPABASE_BACKFILL,
      findings: [
        {
          line: 2,
          column: 1,
          message: 'DISABLE TRIGGER ALL on public.profiles also turns off the internal triggers that enforce the foreign keys from and to it until the ENABLE TRIGGER ALL at line 16',
          help: 'DISABLE TRIGGER USER',
        },
      ],
    },
    {
      name: 'never enabled again: the application writes unchecked too',
      sql: 'ALTER TABLE propose DISABLE TRIGGER ALL;\nINSERT INTO propose (propose_id, artist_id, demand_id, result) VALUES (1000, 1000, 1000, true);',
      findings: [{ line: 1, column: 1, message: 'nothing later in this migration turns them back on, so they stay off for the application too' }],
    },
    {
      name: 'ENABLE on another table does not count',
      sql: 'ALTER TABLE accounting DISABLE TRIGGER ALL;\nALTER TABLE payment DISABLE TRIGGER ALL;\nALTER TABLE payment ENABLE TRIGGER ALL;',
      findings: [{ line: 1, column: 1, message: 'stay off' }, { line: 2, column: 1, message: 'until the ENABLE TRIGGER ALL at line 3' }],
    },
    {
      name: 'a data import in one transaction under session_replication_role = replica',
      sql: 'BEGIN;\n\nSET session_replication_role = replica;\n\nDELETE FROM auth.users;\nINSERT INTO public.profiles SELECT * FROM import.profiles;\n\nCOMMIT;',
      findings: [{ line: 3, column: 1, message: "session_replication_role = replica stops every ordinary trigger, the ones that enforce foreign keys included, for the rest of the runner's session", help: 'NOT VALID' }],
    },
    {
      name: 'set back later in the file',
      sql: "SET session_replication_role = replica;\nALTER TABLE IF EXISTS storage.objects DISABLE TRIGGER ALL;\nINSERT INTO storage.objects SELECT * FROM backup.objects;\nALTER TABLE IF EXISTS storage.objects ENABLE TRIGGER ALL;\nSET session_replication_role = DEFAULT;",
      findings: [{ line: 1, column: 1, message: 'until line 5 sets it back' }, { line: 2, column: 1, message: 'until the ENABLE TRIGGER ALL at line 4' }],
    },
    {
      name: 'SET LOCAL in the runner\'s transaction lasts until it ends; set_config too',
      sql: "-- migrate:up\nSET LOCAL session_replication_role = replica;\nINSERT INTO b VALUES (1, 99);\nSELECT set_config('session_replication_role', 'replica', true);\n",
      scope: TEST_SCOPES.dbmate,
      findings: [{ line: 2, column: 1, message: 'until the transaction ends' }, { line: 4, column: 1 }],
    },
    {
      name: 'a constant EXECUTE inside a DO block, located at its string',
      sql: "DO $$\nBEGIN\n  EXECUTE 'ALTER TABLE public.teams DISABLE TRIGGER ALL';\nEND $$;",
      findings: [{ line: 3, column: 11 }],
    },
  ],
});
