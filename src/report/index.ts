/**
 * Report renderers of nngrade. Every function is pure and returns a string, and the `grade`
 * command writes the results to reports/index.html, reports/students/<name>.html and reports/grades.csv and reports/questions.csv.
 */
export { ClassAccumulator, summariseClass, type ClassSummary, type StudentRow } from "./_accumulator.js";
export type { QuestionScore, StudentScores } from "./_questions.js";
export { ClassOverview, renderClassPage, renderClassPageParts, renderStudentRow } from "./classPage.js";
export { canvasCsvHeader, canvasCsvRow, renderCanvasCsv, renderGradesCsv, type GradebookIdentity } from "./csv.js";
export { escapeHtml } from "./html.js";
export { buildGradescopeResults, type GradescopeResults, type GradescopeTest } from "./gradescope.js";
export { renderNetwork } from "./network.js";
export { assignPageNames, pageKey, studentPageName } from "./pageName.js";
export { CONTENT_SECURITY_POLICY, contentSecurityPolicy, PageEncoder, type PagePart } from "./page.js";
export { renderStudentPage, renderStudentPageParts } from "./studentPage.js";
export type { ForwardValues, ReportContext } from "./types.js";
