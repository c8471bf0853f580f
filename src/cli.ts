import { Argument, Command, CommanderError, InvalidArgumentError, Option } from "commander";
import { NngradeError } from "./errors.js";

/** Output streams of a command: stdout for results, stderr for progress and errors. */
export interface Output {
  out(text: string): void;
  err(text: string): void;
  /** True when stdout is a terminal, so progress and colour are wanted. */
  interactive: boolean;
  /** True when stderr is a terminal outside CI, so `grade` may redraw a progress bar there. */
  progress?: boolean;
  /** Width of that terminal in characters, when known. */
  columns?: number;
}

/** Exit codes of the CLI contract. */
export const EXIT = { done: 0, checkFailed: 1, badInput: 2 } as const;

// Set when whatever reads stdout has closed it, as `head` does in `nngrade grade --json | head`.
let stdoutClosed = false;

const processOutput: Output = {
  out: (text) => {
    if (!stdoutClosed) process.stdout.write(text);
  },
  err: (text) => process.stderr.write(text),
  interactive: Boolean(process.stdout.isTTY) && !process.env.CI,
  progress: Boolean(process.stderr.isTTY) && !process.env.CI && process.env.TERM !== "dumb",
  get columns() {
    return process.stderr.columns;
  },
};

/**
 * Runs the CLI with the given arguments and returns the exit code. Every command throws instead of
 * exiting; this is the one place that turns errors into messages and exit codes.
 */
export async function run(argv: string[], output: Output = processOutput): Promise<number> {
  let exitCode: number = EXIT.done;
  const program = buildProgram(output, (code) => {
    exitCode = code;
  });

  // Commander prints the program's help for `nngrade formt --help` and exits with 0, as if the
  // command existed, so a misspelt command is reported before Commander parses --help.
  const first = argv[0];
  const isCommand = program.commands.some((command) => command.name() === first || command.aliases().includes(first ?? ""));
  if (first !== undefined && !first.startsWith("-") && !isCommand && argv.some(isHelpOption)) {
    argv = argv.filter((argument) => !isHelpOption(argument));
  }

  try {
    await program.parseAsync(argv, { from: "user" });
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander has already printed its message; help and version are not errors.
      return error.exitCode === 0 ? EXIT.done : EXIT.badInput;
    }
    if (error instanceof NngradeError) {
      output.err(`nngrade: ${error.message}\n`);
      return EXIT.badInput;
    }
    throw error;
  }
  return exitCode;
}

function isHelpOption(argument: string): boolean {
  return argument === "--help" || argument === "-h";
}

/** Entry point of the `nngrade` binary. */
export function main(argv: string[]): void {
  // The rest of the output is dropped and the command still ends with its own exit code, instead
  // of an unhandled error and a stack trace.
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code !== "EPIPE") throw error;
    stdoutClosed = true;
  });
  run(argv).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`nngrade: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 70;
    },
  );
}

function buildProgram(output: Output, setExitCode: (code: number) => void): Command {
  const program = new Command("nngrade")
    .description("Grade neural-network homework: forward passes, gradients, weight updates, network sizes.")
    .version("0.1.0")
    .exitOverride()
    .configureOutput({ writeOut: output.out, writeErr: output.err })
    .showHelpAfterError("(run with --help for usage)");

  program
    .command("grade")
    .description("Grade a folder of submissions and write HTML, CSV and JSON reports.")
    .argument("[submissions]", "folder of submissions (files, or one folder per student)", "submissions")
    .option("--rubric <file>", "rubric to grade with (default: the only rubric in ./rubrics)")
    .option("--out <dir>", "folder to write reports to", "reports")
    .option("--roster <file>", "CSV of students (id, name, email); listed students without a file are reported missing")
    .option("--json", "print results.json to stdout instead of a summary")
    .option("--jobs <n>", "threads to use, the main thread included: it reads the submissions, the others grade them and write their pages (default: one per core for 200 or more submissions; at most twice the cores)", parsePositiveInteger)
    .addHelpText(
      "after",
      "\nExamples:\n  nngrade grade                                  # submissions/ with the only rubric in rubrics/\n  nngrade grade hw3/ --rubric rubrics/hw3.yaml --out reports-hw3\n",
    )
    .action(async (submissions: string, options: GradeOptions) => {
      // The grading threads start first and load their code while this thread loads its own.
      const { startGrading } = await import("./commands/_startThreads.js");
      const started = startGrading(submissions, options.jobs);
      const { gradeCommand } = await import("./commands/grade.js");
      setExitCode(await gradeCommand(submissions, options, output, started));
    });

  program
    .command("check")
    .description("Check one write-up or answers file before handing it in; never shows expected values.")
    .argument("<file>", "the write-up (.md, .tex, .txt, .ipynb) or answers file (.yaml, .json)")
    .option("--rubric <file>", "rubric to check against (default: the only rubric in ./rubrics)")
    .option("--json", "print the student's entry of results.json, without expected values")
    .option("--show-reading", "print what was read from the file before grading it")
    .addHelpText("after", "\nExample:\n  nngrade check my-homework.md\n\nExit code 0 when every answer worth points outside extra credit is right, 1 when one of them is\nwrong or missing, 2 on bad input. Checkpoints worth no points and extra credit never fail the check.\n")
    .action(async (file: string, options: CheckOptions) => {
      const { checkCommand } = await import("./commands/check.js");
      setExitCode(checkCommand(file, options, output));
    });

  program
    .command("solve")
    .description("Print the answer key of a problem, optionally with worked steps.")
    .argument("<problem>", "problem YAML file")
    .option("--json", 'print {"problem": id, "answers": {question: value}}')
    .option("--steps", "show the worked steps of the forward and backward pass")
    .addHelpText("after", "\nExample:\n  nngrade solve problems/p3-relu.yaml --steps\n")
    .action(async (problem: string, options: SolveOptions) => {
      const { solveCommand } = await import("./commands/solve.js");
      setExitCode(solveCommand(problem, options, output));
    });

  program
    .command("verify")
    .description("Check problem files: schema, expected values against the solver, and problem lint.")
    .argument("[problems...]", "problem YAML files (default: every file in ./problems)")
    .addHelpText("after", "\nExample:\n  nngrade verify problems/p2-linear.yaml\n")
    .action(async (problems: string[]) => {
      const { verifyCommand } = await import("./commands/verify.js");
      setExitCode(verifyCommand(problems, output));
    });

  program
    .command("export")
    .description("Grade one submission and write the results in another tool's format.")
    .addArgument(new Argument("<format>", "the format to write").choices(["gradescope"]))
    .argument("<submission>", "the write-up or answers file, or a folder holding one student's files")
    .option("--rubric <file>", "rubric to grade with (default: the only rubric in ./rubrics)")
    .option("--out <file>", "file to write instead of stdout, such as /autograder/results/results.json")
    .addHelpText(
      "after",
      "\nExample:\n  nngrade export gradescope /autograder/submission --out /autograder/results/results.json\n\nThe results name each question's points and feedback, never its expected value.\n",
    )
    .action(async (format: "gradescope", submission: string, options: ExportOptions) => {
      const { exportCommand } = await import("./commands/export.js");
      setExitCode(exportCommand(format, submission, options, output));
    });

  program.addOption(new Option("--no-color", "disable colour (NO_COLOR is honoured too)"));
  return program;
}

/** Options of `nngrade grade`. */
export interface GradeOptions {
  rubric?: string;
  out: string;
  roster?: string;
  json?: boolean;
  jobs?: number;
}

function parsePositiveInteger(text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) {
    throw new InvalidArgumentError(`"${text}" is not a whole number of 1 or more.`);
  }
  return value;
}

/** Options of `nngrade check`. */
export interface CheckOptions {
  rubric?: string;
  json?: boolean;
  showReading?: boolean;
}

/** Options of `nngrade solve`. */
export interface SolveOptions {
  json?: boolean;
  steps?: boolean;
}

/** Options of `nngrade export`. */
export interface ExportOptions {
  rubric?: string;
  out?: string;
}
