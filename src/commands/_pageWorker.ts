import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { parentPort, workerData } from "node:worker_threads";
import type { StudentResult } from "../grading/types.js";
import { encodePageParts, renderStudentPageParts, type ReportContext } from "../report/index.js";

/** Settings the grade command hands each page-writing thread once, at start. */
export interface PageSetup {
  context: ReportContext;
  /** Folder the student pages are written to. */
  studentsFolder: string;
}

/** A graded student and the file name of the student's page. */
export interface PageTask {
  student: StudentResult;
  pageName: string;
}

/** A page-writing thread's reply to one batch: done, or the error that stopped it. */
export type PageReply = { done: number } | { failed: { message: string; code?: string } };

/** Renders one student's page and writes it. Used by the page threads and by the main thread. */
export function writeStudentPage(task: PageTask, setup: PageSetup): void {
  // Most of a page is encoded once for the class, so the page is written as bytes, not text.
  const page = Buffer.concat(encodePageParts(renderStudentPageParts(task.student, setup.context)));
  writeFileSync(join(setup.studentsFolder, task.pageName), page);
}

if (parentPort && workerData) {
  const setup = workerData as PageSetup;
  const port = parentPort;
  port.on("message", (tasks: PageTask[] | null) => {
    if (tasks === null) {
      port.close();
      return;
    }
    try {
      for (const task of tasks) writeStudentPage(task, setup);
      port.postMessage({ done: tasks.length } satisfies PageReply);
    } catch (error) {
      const { message, code } = error as NodeJS.ErrnoException;
      port.postMessage({ failed: { message: String(message ?? error), code } } satisfies PageReply);
    }
  });
}
