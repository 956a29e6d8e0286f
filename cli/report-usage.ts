// `pathflow report`'s lines of the usage text, apart from cli/report.ts so that printing
// the usage loads none of the report's code.
export const REPORT_USAGE = `  report FILE [--run RUN.json] [--warmup WARMUP.json] [--out FILE] [--format html|md]
      Writes a report of the scenario FILE (and of a run's results) organised by the
      STRESS-DES checklist (Monks et al. 2019; docs/report.md): objectives, logic with the
      pathway diagrams, data with every parameter, experimentation, implementation (random
      streams, software, machine) and code access with the commands that reproduce the run.
      Every item is present: one the scenario cannot answer says "Not stated in the
      scenario" and what to add. HTML is one self-contained page (inline CSS and SVG, no
      script, no request to anywhere). Exit 1 if a file cannot be read or is invalid.
        --run FILE      the run document \`pathflow run FILE --json > RUN.json\` wrote: its
                        results, replications, seed and precision target go in the report
        --warmup FILE   the document \`pathflow warmup FILE --series NAME --json\` wrote: how
                        the warm-up was chosen (Welch's method, MSER-5)
        --out FILE      write the report there (default: print it)
        --format F      html (default) or md (Markdown); default md for --out *.md
`;
