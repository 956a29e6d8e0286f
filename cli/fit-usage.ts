// \`pathflow fit\`'s lines of the usage text, apart from cli/fit.ts so that printing the usage
// loads none of the fitting code.
import { MAX_BYTES, MAX_ROWS } from '../scenarios/fit/csv.ts';

export const FIT_USAGE = `  fit FILE.csv [--out SCENARIO.yaml] [--json] [--family NAME] [--extract "YYYY-MM-DD HH:MM"]
        [--arrival-column NAME] [--departure-column NAME] [--class-column NAME]
        [--destination-column NAME] [--patient-column NAME] [--step-column NAME]
        [--time-column NAME] [--steps A,B,…] [--id ID]
        [--max-rows N] [--max-mb N]
      Fits arrivals and lengths of stay from an extract of patient stays (one row per stay:
      arrival, departure and class columns, and optionally destination; docs/fit.md) and
      writes a scenario that \`check\` accepts, its comments stating the data range, n and
      each fit's figures. Prints the rows
      read and every problem (missing or unreadable times, departures before arrivals, stays
      still in at the extract) with its lines, the arrival rates by hour and weekday with 95%
      intervals and likelihood-ratio tests, the families ranked by AIC with a KS test and a QQ
      table, the destinations' shares, then the scenario. Exit 1 if the file cannot be used.
      A step extract (patient and step or activity columns, a time column: several rows per
      patient, as \`run --event-log\` writes) gives the routing too: the transitions between
      steps with their shares and 95% intervals, each step's duration fitted, and a pathway
      with a branch after each step.
        --out FILE      write the scenario there instead of printing it
        --json          everything as one JSON document (the 168 hourly rates too)
        --family NAME   the length of stay written: exponential, gamma, lognormal, weibull or
                        empirical (default: the best by AIC)
        --extract TIME  when the extract was taken (default: the latest time in the file):
                        a stay without a departure was still in then (censored)
        --*-column NAME the columns' names (default arrival, departure, class, destination;
                        in a step extract patient, step or activity, time, datetime or time_hours)
        --steps A,B,…   a step extract's steps to keep; rows of other steps are counted as unknown
        --id ID         the scenario's id (default fitted)
        --max-rows N    rows read at most (default ${MAX_ROWS.toLocaleString('en-GB')})
        --max-mb N      size of the file at most, in MB (default ${MAX_BYTES / 1e6})
`;
