// `npx pathway <command>`: serve, migrate, seed, timeline, import-903, export-903.
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.ts';
import { openConfiguredDatabase } from '../main.ts';
import { systemClock, ukDate } from '../domain/clock.ts';
import { seed } from '../seed/seeder.ts';
import { runTimeline } from './timeline.ts';
import { runImport903 } from './import-903.ts';
import { runExport903 } from './export-903.ts';

const USAGE = `Usage: pathway <command>

  serve                         start Pathway (same as npm start)
  migrate                       apply database migrations
  seed [--councils N] [--young-people M] [--plan-history-years Y] [--today YYYY-MM-DD] [--prefix NAME]
       [--parallel P]           add synthetic councils (demo passwords only in demo mode), each young
                                person with Y years of approved plans (default 3); on PostgreSQL, P
                                councils at once, each on its own connection (default 2)
  timeline [--today YYYY-MM-DD] read JSON lines on stdin, write statuses and dates on stdout
  import-903 --council SLUG [--dry-run] [--team NAME] DIR
                                import the SSDA903 return's CSV files in DIR into the council
                                (--team: the team of new records when people.csv gives none)
  export-903 --council SLUG --year YYYY DIR
                                write the council's SSDA903 return for the collection year ending
                                31 March YYYY as CSV files in DIR
`;

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'serve':
      await import('../../server.ts');
      return -1; // keeps running
    case 'migrate': {
      const db = await openConfiguredDatabase(loadConfig());
      const applied = await db.migrate();
      console.log(applied.length ? `applied ${applied.join(', ')}` : 'database is up to date');
      await db.close();
      return 0;
    }
    case 'seed': {
      const { values } = parseArgs({
        args: rest,
        options: {
          councils: { type: 'string', default: '1' },
          'young-people': { type: 'string', default: '615' },
          today: { type: 'string' },
          prefix: { type: 'string' },
          seed: { type: 'string' },
          'plan-history-years': { type: 'string', default: '3' },
          parallel: { type: 'string', default: '2' },
        },
      });
      const councils = Number(values.councils);
      const youngPeople = Number(values['young-people']);
      const planHistoryYears = Number(values['plan-history-years']);
      const parallel = Number(values.parallel);
      if (!Number.isInteger(councils) || councils < 1 || !Number.isInteger(youngPeople) || youngPeople < 1) {
        console.error('--councils and --young-people must be whole numbers of 1 or more');
        return 2;
      }
      if (!Number.isInteger(planHistoryYears) || planHistoryYears < 0 || planHistoryYears > 10) {
        console.error('--plan-history-years must be a whole number from 0 to 10');
        return 2;
      }
      if (!Number.isInteger(parallel) || parallel < 1 || parallel > 2) {
        console.error("--parallel must be 1 or 2 (the owner's connections)");
        return 2;
      }
      const config = loadConfig();
      const db = await openConfiguredDatabase(config);
      await db.migrate();
      const started = performance.now();
      const result = await seed(db, {
        councils,
        youngPeople,
        today: values.today ?? ukDate(systemClock.now()),
        demoPasswords: config.demo,
        slugPrefix: values.prefix,
        seed: values.seed ? Number(values.seed) : undefined,
        planHistoryYears,
        parallel,
      });
      console.log(
        `seeded ${result.councils} councils, ${result.youngPeople} young people, ${result.staff} staff in ${Math.round(performance.now() - started)} ms`,
      );
      await db.close();
      return 0;
    }
    case 'timeline': {
      const { values } = parseArgs({ args: rest, options: { today: { type: 'string' } } });
      return runTimeline(process.stdin, process.stdout, values.today);
    }
    case 'import-903': {
      const { values, positionals } = parseArgs({
        args: rest,
        allowPositionals: true,
        options: {
          council: { type: 'string' },
          'dry-run': { type: 'boolean', default: false },
          team: { type: 'string' },
        },
      });
      if (!values.council || positionals.length !== 1) {
        process.stderr.write(USAGE);
        return 2;
      }
      const db = await openConfiguredDatabase(loadConfig());
      try {
        await db.migrate();
        return await runImport903(
          db,
          systemClock,
          { council: values.council, dir: positionals[0], dryRun: values['dry-run'], team: values.team },
          process.stdout,
          process.stderr,
        );
      } finally {
        await db.close();
      }
    }
    case 'export-903': {
      const { values, positionals } = parseArgs({
        args: rest,
        allowPositionals: true,
        options: { council: { type: 'string' }, year: { type: 'string' } },
      });
      if (!values.council || !values.year || positionals.length !== 1) {
        process.stderr.write(USAGE);
        return 2;
      }
      const db = await openConfiguredDatabase(loadConfig());
      try {
        await db.migrate();
        return await runExport903(
          db,
          systemClock,
          { council: values.council, year: values.year, dir: positionals[0] },
          process.stdout,
          process.stderr,
        );
      } finally {
        await db.close();
      }
    }
    default:
      process.stderr.write(USAGE);
      return command === undefined || command === 'help' || command === '--help' ? 0 : 2;
  }
}
