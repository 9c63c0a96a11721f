/** The store's public surface, for the server and the CLI. */
export { recordAccess } from "./audit.ts";
export { listAudit } from "./audit-repository.ts";
export { backupStore, restoreStore } from "./backup.ts";
export { type OpenStoreOptions, openStore, type Store, type StoreDialect } from "./database.ts";
export { type ImportContext, importObservations, type ObservationsImport, type VintageDescription } from "./import-observations.ts";
export {
  type ImportIssue,
  type ImportResult,
  importPlansCsv,
  importPlansCsvUpload,
  importPlansXlsx,
  type PlansImport,
  savePlansImport,
} from "./import-plans.ts";
export {
  IMPORTS_CHANNEL,
  type ImportedVintage,
  importedVintageIds,
  listImportedVintages,
  MAX_IMPORTED_ROWS,
  saveImportedVintage,
} from "./imported-vintages-repository.ts";
export { hashPassword, verifyPassword } from "./passwords.ts";
export {
  addVersion,
  createPlan,
  getPlan,
  listPlans,
  type PlanRecord,
  previousPlanOf,
  withdrawPlan,
} from "./plans-repository.ts";
export { getScenario, saveScenario, scenarioIdOf } from "./scenarios-repository.ts";
export { markerFileOf, markServing, type ServingHolder, servingHolder } from "./serving-marker.ts";
export {
  type ActiveSession,
  createSession,
  csrfMatches,
  deleteExpiredSessions,
  deleteSession,
  deleteUserSessions,
  listUserSessions,
  type NewSession,
  type SessionInfo,
  verifySession,
} from "./sessions-repository.ts";
export { purgeIdleBuckets } from "./shared-rate-limits.ts";
export { StoreError, type StoreErrorCode } from "./store-error.ts";
export { createApiToken, listApiTokens, revokeApiToken, verifyApiToken } from "./tokens-repository.ts";
export { MAX_PAGE_SIZE } from "./transaction.ts";
export { authenticate, createUser, getUser, getUserByName, listUsers, setPassword, updateUser } from "./users-repository.ts";
