// The only module that talks to the backend: typed wrappers over Tauri commands.
// Components import from here and never call `invoke` themselves.
import { invoke } from "@tauri-apps/api/core";
import { getCurrentWebview } from "@tauri-apps/api/webview";
import type { AppInfo } from "./bindings/AppInfo";
import type { ArchivedCopy } from "./bindings/ArchivedCopy";
import type { Capture } from "./bindings/Capture";
import type { LinkCheck } from "./bindings/LinkCheck";
import type { ArticleMetaInput } from "./bindings/ArticleMetaInput";
import type { ArticleSummary } from "./bindings/ArticleSummary";
import type { ArticleView } from "./bindings/ArticleView";
import type { Claim } from "./bindings/Claim";
import type { EncodeProgress } from "./bindings/EncodeProgress";
import type { ClaimDetail } from "./bindings/ClaimDetail";
import type { ClaimKind } from "./bindings/ClaimKind";
import type { ClaimQuery } from "./bindings/ClaimQuery";
import type { CommandError } from "./bindings/CommandError";
import type { CommandErrorKind } from "./bindings/CommandErrorKind";
import type { Entity } from "./bindings/Entity";
import type { Evidence } from "./bindings/Evidence";
import type { EvidenceInput } from "./bindings/EvidenceInput";
import type { ExportResult } from "./bindings/ExportResult";
import type { ImportOutcome } from "./bindings/ImportOutcome";
import type { MergeResult } from "./bindings/MergeResult";
import type { MatchKind } from "./bindings/MatchKind";
import type { Suggestion } from "./bindings/Suggestion";
import type { NewClaimInput } from "./bindings/NewClaimInput";
import type { Policy } from "./bindings/Policy";
import type { QueueRow } from "./bindings/QueueRow";
import type { ScaleDto } from "./bindings/ScaleDto";
import type { Status } from "./bindings/Status";
import type { Review } from "./bindings/Review";
import type { ReviewState } from "./bindings/ReviewState";
import type { SyncOutcome } from "./bindings/SyncOutcome";
import type { SyncStatus } from "./bindings/SyncStatus";

export type {
  AppInfo, ArchivedCopy, Capture, LinkCheck, ArticleMetaInput, ArticleSummary, ArticleView, Claim, ClaimDetail, ClaimKind, ClaimQuery, Entity,
  Evidence, EvidenceInput, ExportResult, ImportOutcome, MatchKind, MergeResult, NewClaimInput, Policy, QueueRow, ScaleDto, Status,
  Suggestion, Review, ReviewState, SyncOutcome, SyncStatus,
};

import type { ExportFormat } from "./bindings/ExportFormat";
export type { ExportFormat };
export type { Relation } from "./bindings/Relation";
export type { EncodeProgress };
export type { Change } from "./bindings/Change";
export type { RelatedClaim } from "./bindings/RelatedClaim";
export type { Action } from "./bindings/Action";
export type { Verdict } from "./bindings/Verdict";
export type { Stance } from "./bindings/Stance";
export type { WorthReason } from "./bindings/WorthReason";

/** What went wrong: a backend command's kind, or "internal" for anything else. */
export type ApiErrorKind = CommandErrorKind | "internal";

/** An error from the backend; branch on `kind`, show `message`. */
export class ApiError extends Error {
  readonly kind: ApiErrorKind;
  constructor(kind: ApiErrorKind, message: string) {
    super(message);
    this.kind = kind;
  }
}

function isCommandError(e: unknown): e is CommandError {
  return typeof e === "object" && e !== null && "kind" in e && "message" in e;
}

async function call<T>(cmd: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(cmd, args);
  } catch (e) {
    if (isCommandError(e)) throw new ApiError(e.kind, e.message);
    throw new ApiError("internal", typeof e === "string" ? e : String(e));
  }
}

export const api = {
  appInfo: () => call<AppInfo>("app_info"),
  setChecker: (name: string) => call<void>("settings_set_checker", { name }),
  setScale: (id: string) => call<void>("settings_set_scale", { id }),
  setPolicy: (policy: Policy) => call<void>("settings_set_policy", { policy }),
  dataVersion: () => call<number>("data_version"),
  scales: () => call<ScaleDto[]>("scales_list"),

  articles: () => call<ArticleSummary[]>("articles_list"),
  article: (id: string) => call<ArticleView>("article_get", { id }),
  importDialog: () => call<ImportOutcome[]>("articles_import_dialog"),
  importPaths: (paths: string[]) => call<ImportOutcome[]>("articles_import_paths", { paths }),
  importText: (text: string, title?: string) => call<ImportOutcome>("article_import_text", { text, title: title ?? null }),
  importSample: () => call<ImportOutcome>("article_import_sample"),
  updateArticle: (id: string, meta: ArticleMetaInput) => call<void>("article_update", { id, meta }),
  entities: () => call<Entity[]>("entities_list"),
  exportDialog: (format: ExportFormat, query: ClaimQuery) => call<ExportResult | null>("export_dialog", { format, query }),
  mergeDialog: () => call<MergeResult[]>("bundles_merge_dialog"),
  mergePaths: (paths: string[]) => call<MergeResult[]>("bundles_merge_paths", { paths }),

  claims: (query: ClaimQuery) => call<QueueRow[]>("claims_query", { query }),
  claim: (id: string) => call<ClaimDetail>("claim_get", { id }),
  addClaim: (input: NewClaimInput) => call<Claim>("claim_add", { input }),
  editClaim: (id: string, kind: ClaimKind | null, speakers: string[] | null, sources: string[] | null) =>
    call<Claim>("claim_edit", { id, kind, speakers, sources }),
  confirmClaim: (id: string) => call<Claim>("claim_confirm", { id }),
  setReviewUrl: (id: string, url: string) => call<Claim>("claim_set_review_url", { id, url }),
  respanClaim: (id: string, start: number, end: number) => call<Claim>("claim_respan", { id, start, end }),
  mergeClaims: (keep: string, other: string) => call<Claim>("claims_merge", { keep, other }),
  deleteClaim: (id: string) => call<void>("claim_delete", { id }),
  setStatus: (ids: string[], status: Status) => call<void>("claims_set_status", { ids, status }),
  giveVerdict: (ids: string[], rating: string, note: string | null) => call<void>("verdicts_give", { ids, rating, note }),
  withdrawVerdicts: (ids: string[]) => call<void>("verdicts_withdraw", { ids }),
  addEvidence: (input: EvidenceInput) => call<Evidence>("evidence_add", { input }),
  updateEvidence: (id: string, input: EvidenceInput) => call<Evidence>("evidence_update", { id, input }),
  removeEvidence: (id: string) => call<void>("evidence_remove", { id }),
  openLink: (url: string) => call<void>("evidence_open", { url }),
  captureEvidence: (id: string) => call<Capture>("evidence_capture", { id }),
  checkLinks: (claimId: string) => call<LinkCheck[]>("links_check", { claimId }),
  archivedCopy: (id: string) => call<ArchivedCopy>("archived_copy", { id }),

  syncStatus: () => call<SyncStatus>("sync_status"),
  syncNow: () => call<SyncOutcome>("sync_now"),
  setServer: (url: string, token: string | null) => call<void>("settings_set_server", { url, token }),
  assign: (id: string, assignee: string | null) => call<void>("claim_assign", { id, assignee }),
  reviewVerdict: (claimId: string, step: ReviewState, note: string | null) => call<Review>("verdict_review", { claimId, step, note }),

  similar: (id: string) => call<Suggestion[]>("claim_similar", { id }),
  similarText: (text: string) => call<Suggestion[]>("claims_similar_text", { text }),
  confirmMatch: (id: string, other: string) => call<MatchKind>("match_confirm", { id, other }),
  rejectMatch: (id: string, other: string) => call<void>("match_reject", { id, other }),
  encodePending: () => call<EncodeProgress>("encode_pending"),

  /** Calls `handler` with the paths of files dropped on the window. */
  onFilesDropped: async (handler: (paths: string[]) => void): Promise<() => void> => {
    try {
      return await getCurrentWebview().onDragDropEvent((event) => {
        if (event.payload.type === "drop" && event.payload.paths.length > 0) handler(event.payload.paths);
      });
    } catch {
      return () => {};
    }
  },
};
