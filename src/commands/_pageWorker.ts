import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { parentPort, workerData } from "node:worker_threads";
import type { StudentResult } from "../grading/types.js";
import { encodePageParts, renderStudentPageParts, type ReportContext } from "../report/index.js";
import { joinEntries, resultsEntry } from "./_resultsWriter.js";

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

/** A batch of pages sent to a page-writing thread, numbered in the order of the class. */
export interface PageBatch {
  sequence: number;
  tasks: PageTask[];
}

/**
 * A page-writing thread's reply to one batch: the students' entries of results.json as
 * `joinEntries` makes them, in UTF-8, or the error that stopped the batch.
 */
export type PageReply = { sequence: number; entries: Uint8Array } | { sequence: number; failed: { message: string; code?: string } };

/**
 * Renders one student's page, writes it, and returns the student's entry of results.json. Used
 * by the page threads and by the main thread.
 */
export function writeStudentPage(task: PageTask, setup: PageSetup): string {
  // Most of a page is encoded once for the class, so the page is written as bytes, not text.
  const page = Buffer.concat(encodePageParts(renderStudentPageParts(task.student, setup.context)));
  writeFileSync(join(setup.studentsFolder, task.pageName), page);
  return resultsEntry(task.student);
}

if (parentPort && workerData) {
  const setup = workerData as PageSetup;
  const port = parentPort;
  const encoder = new TextEncoder();
  port.on("message", (batch: PageBatch | null) => {
    if (batch === null) {
      port.close();
      return;
    }
    let reply: PageReply;
    try {
      // Encoded here, so that the grading thread only copies bytes into results.json. TextEncoder
      // gives the bytes a buffer of their own, which can be handed over without a copy.
      const entries = encoder.encode(joinEntries(batch.tasks.map((task) => writeStudentPage(task, setup))));
      reply = { sequence: batch.sequence, entries };
    } catch (error) {
      const { message, code } = error as NodeJS.ErrnoException;
      reply = { sequence: batch.sequence, failed: { message: String(message ?? error), code } };
    }
    port.postMessage(reply, "entries" in reply ? [reply.entries.buffer as ArrayBuffer] : []);
  });
}
