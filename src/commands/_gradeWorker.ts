import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { parentPort, workerData } from "node:worker_threads";
import { NngradeError } from "../errors.js";
import { gradeSubmission, type GradingPlan } from "../grading/grade.js";
import type { StudentResult } from "../grading/types.js";
import { PageEncoder, renderStudentPageParts, type ReportContext, type StudentScores } from "../report/index.js";
import type { SubmissionEntry } from "./files.js";
import { readForGrading, type ReadForGrading } from "./pipeline.js";
import { rosterSpelling } from "./roster.js";
import { ResultsEntries, summarise, writeFailed } from "./_resultsWriter.js";
import { GRADING_THREAD } from "./_startThreads.js";
import { unpackReads, type PackedReads } from "./_readTransfer.js";
import { packScores, type PackedScores } from "./_scoresTransfer.js";

/** Settings the grade command hands each grading thread once, in its first message. */
export interface WorkerSetup {
  plan: GradingPlan;
  context: ReportContext;
  /** Folder the student pages are written to. */
  studentsFolder: string;
}

/**
 * A student to grade: the student's files, what was read from them if the main thread read them
 * already, and the file name of the student's page.
 */
export interface GradeTask {
  entry: SubmissionEntry;
  read?: ReadForGrading;
  pageName: string;
}

/** A grading thread's output for one student: the result, for results.json, and the scores. */
export interface GradeOutput {
  student: StudentResult;
  scores: StudentScores;
}

/**
 * A batch of students sent to a grading thread, numbered in the order of the class, with what the
 * main thread read of them, packed, if it read them.
 */
export interface GradeBatch {
  sequence: number;
  tasks: GradeTask[];
  reads?: PackedReads;
}

/**
 * A grading thread's reply to one batch: the students' entries of results.json as ResultsEntries
 * writes them, their scores as `packScores` packs them and their pages' file names, or the error
 * that stopped the batch.
 */
export type GradeReply =
  | { sequence: number; entries: Uint8Array; scores: PackedScores; pages: string[] }
  | { sequence: number; failed: { message: string; code?: string; expected: boolean } };

// One encoder per thread, because each page is written out before the next one is encoded.
const pageEncoder = new PageEncoder();

/**
 * Reads the student's files unless they were read already, grades them, renders the student's page
 * and writes it. Used by the grading threads and by the main thread.
 */
export function gradeAndWrite(task: GradeTask, setup: WorkerSetup): GradeOutput {
  const read = task.read ?? readForGrading(task.entry, setup.plan);
  const graded = read.result ?? gradeSubmission(read.submission, setup.plan);
  const id = rosterSpelling(graded.student, setup.context.roster);
  const student = id === graded.student ? graded : { ...graded, student: id };
  // Most of a page is encoded once for the class, so the page is written as bytes, not text.
  const page = pageEncoder.encode(renderStudentPageParts(student, setup.context));
  try {
    writeFileSync(join(setup.studentsFolder, task.pageName), page);
  } catch (error) {
    throw writeFailed(`the page students/${task.pageName}`, error);
  }
  return { student, scores: summarise(student) };
}

if (parentPort && workerData === GRADING_THREAD) {
  const port = parentPort;
  const results = new ResultsEntries();
  let setup: WorkerSetup | null = null;
  port.on("message", (received: WorkerSetup | GradeBatch | null) => {
    if (setup === null) {
      setup = received as WorkerSetup;
      return;
    }
    const batch = received as GradeBatch | null;
    const ready = setup;
    if (batch === null) {
      port.close();
      return;
    }
    let reply: GradeReply;
    try {
      // Written here, so that the main thread only copies bytes into results.json. The bytes
      // come in a buffer of their own, which can be handed over without a copy.
      const reads = batch.reads === undefined ? null : unpackReads(batch.reads, batch.tasks.length);
      const outputs = batch.tasks.map((task, index) => gradeAndWrite(reads === null ? task : { ...task, read: reads[index] }, ready));
      for (const output of outputs) results.add(output.student);
      const entries = results.take();
      const scores: PackedScores = [];
      for (const output of outputs) packScores(output.scores, scores);
      reply = { sequence: batch.sequence, entries, scores, pages: batch.tasks.map((task) => task.pageName) };
    } catch (error) {
      const { message, code } = error as NodeJS.ErrnoException;
      // An NngradeError is a message for the user; anything else is reported as a bug.
      reply = { sequence: batch.sequence, failed: { message: String(message ?? error), code, expected: error instanceof NngradeError } };
    }
    port.postMessage(reply, "entries" in reply ? [reply.entries.buffer as ArrayBuffer] : []);
  });
}
