import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { parentPort, workerData } from "node:worker_threads";
import type { GradingPlan } from "../grading/grade.js";
import { stringifyJson } from "../grading/json.js";
import { encodePageParts, renderStudentPageParts, type ReportContext, type StudentScores } from "../report/index.js";
import type { SubmissionEntry } from "./files.js";
import { gradeEntry } from "./pipeline.js";
import { indentEntry, summarise } from "./_resultsWriter.js";

/** Setup the grade command hands each worker thread once, at start. */
export interface WorkerSetup {
  plan: GradingPlan;
  context: ReportContext;
  /** Folder the student pages are written to. */
  studentsFolder: string;
}

/** One submission to grade, with its position in the class and its page's file name. */
export interface WorkerTask {
  index: number;
  entry: SubmissionEntry;
  pageName: string;
}

/** Reply a worker sends back for each submission it graded. */
export interface WorkerReply {
  index: number;
  /** The student's entry of results.json, as `indentEntry(stringifyJson(student))` writes it. */
  json: string;
  /** The student's scores, for the class page and grades.csv. */
  student: StudentScores;
}

/**
 * Grades one submission and writes its page; shared by the worker threads and by the grade
 * command when it runs on the main thread.
 */
export function gradeAndRender(task: WorkerTask, setup: WorkerSetup): WorkerReply {
  const student = gradeEntry(task.entry, setup.plan);
  // Most of a page is encoded once for the class, so the page is written as bytes, not text.
  const page = Buffer.concat(encodePageParts(renderStudentPageParts(student, setup.context)));
  writeFileSync(join(setup.studentsFolder, task.pageName), page);
  return { index: task.index, json: indentEntry(stringifyJson(student)), student: summarise(student) };
}

if (parentPort && workerData) {
  const setup = workerData as WorkerSetup;
  const port = parentPort;
  port.on("message", (tasks: WorkerTask[] | null) => {
    if (tasks === null) {
      port.close();
      return;
    }
    port.postMessage(tasks.map((task) => gradeAndRender(task, setup)));
  });
}
