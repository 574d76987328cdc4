// The app's shared state and the actions that change it. Components read this
// and call these actions; the actions call the API module.
import { api, ApiError } from "./api";
import type {
  AppInfo, ArticleMetaInput, ArticleSummary, ArticleView, ClaimDetail, ClaimKind, ClaimQuery, Entity, EvidenceInput, ExportFormat,
  MergeResult, NewClaimInput, ScaleDto, Status,
} from "./api";
import { count, mergeSummary } from "./format";

export type View = "article" | "queue";

interface Toast {
  id: number;
  kind: "error" | "info";
  text: string;
}

class AppState {
  info = $state<AppInfo | null>(null);
  scales = $state<ScaleDto[]>([]);
  // Large data the views only read: raw state, replaced whole, never proxied deeply.
  articles = $state.raw<ArticleSummary[]>([]);
  entities = $state.raw<Entity[]>([]);
  view = $state<View>("article");
  article = $state.raw<ArticleView | null>(null);
  selectedClaim = $state<string | null>(null);
  detail = $state.raw<ClaimDetail | null>(null);
  toasts = $state<Toast[]>([]);
  askName = $state(false);
  showHelp = $state(false);
  showPaste = $state(false);
  showMeta = $state(false);
  showSimilar = $state(false);
  loaded = $state(false);
  private nextToast = 1;

  /** Whether a dialog is open: then only its keys work. */
  get dialogOpen(): boolean {
    return this.askName || this.showHelp || this.showPaste || this.showMeta || this.showSimilar;
  }

  /** Closes the open dialogs (Escape); the name dialog only when a name is set. */
  closeDialogs() {
    this.showHelp = this.showPaste = this.showMeta = this.showSimilar = false;
    if (this.info?.checker) this.askName = false;
  }

  get scale(): ScaleDto | undefined {
    return this.scales.find((s) => s.id === this.info?.scale) ?? this.scales[0];
  }

  /** Runs an action and shows its error as a readable message. */
  async guard<T>(f: () => Promise<T>): Promise<T | undefined> {
    try {
      return await f();
    } catch (e) {
      const err = e instanceof ApiError ? e : new ApiError("internal", String(e));
      if (err.kind === "noChecker") this.askName = true;
      this.toast("error", err.message);
      return undefined;
    }
  }

  toast(kind: "error" | "info", text: string) {
    const id = this.nextToast++;
    // The same message again replaces the old one; at most three show at once.
    this.toasts = [...this.toasts.filter((t) => t.text !== text), { id, kind, text }].slice(-3);
    setTimeout(() => this.dismiss(id), kind === "error" ? 8000 : 3000);
  }

  dismiss(id: number) {
    this.toasts = this.toasts.filter((t) => t.id !== id);
  }

  async load() {
    await this.guard(async () => {
      const [info, scales, articles] = await Promise.all([api.appInfo(), api.scales(), api.articles()]);
      this.info = info;
      this.scales = scales;
      this.articles = articles;
      this.askName = !info.checker;
      if (articles.length > 0 && !this.article) await this.openArticle(articles[articles.length - 1].id);
    });
    this.loaded = true;
  }

  async refreshArticles() {
    this.articles = (await this.guard(() => api.articles())) ?? this.articles;
  }

  async openArticle(id: string, claim?: string) {
    const view = await this.guard(() => api.article(id));
    if (!view) return;
    this.article = view;
    this.view = "article";
    const first = claim ?? view.claims[0]?.id ?? null;
    await this.selectClaim(first);
  }

  async reloadArticle() {
    if (this.article) {
      const view = await this.guard(() => api.article(this.article!.article.id));
      if (view) this.article = view;
    }
  }

  async selectClaim(id: string | null) {
    this.selectedClaim = id;
    this.detail = id ? ((await this.guard(() => api.claim(id))) ?? null) : null;
  }

  async refreshClaim() {
    await this.reloadArticle();
    if (this.selectedClaim) await this.selectClaim(this.selectedClaim);
  }

  /** Moves the selection to the next or previous claim of the article. */
  async step(delta: number) {
    const claims = this.article?.claims ?? [];
    if (claims.length === 0) return;
    const i = claims.findIndex((c) => c.id === this.selectedClaim);
    const next = i < 0 ? 0 : Math.max(0, Math.min(claims.length - 1, i + delta));
    await this.selectClaim(claims[next].id);
  }

  async afterImport(outcomes: { id: string; title: string; duplicate: boolean; claims: number }[]) {
    if (outcomes.length === 0) return;
    await this.refreshArticles();
    for (const o of outcomes) {
      this.toast("info", o.duplicate ? `“${o.title}” was imported before; nothing was added.` : `Imported “${o.title}” with ${count(o.claims, "claim", "claims")}.`);
    }
    await this.openArticle(outcomes[outcomes.length - 1].id);
  }

  async importSample() {
    const o = await this.guard(() => api.importSample());
    if (o) await this.afterImport([o]);
  }

  async importDialog() {
    const out = await this.guard(() => api.importDialog());
    if (out) await this.afterImport(out);
  }

  async importPaths(paths: string[]) {
    const out = await this.guard(() => api.importPaths(paths));
    if (out) await this.afterImport(out);
  }

  /** Listens for files dropped on the window; returns how to stop listening. */
  listenForDrops = () => api.onFilesDropped((paths) => this.dropped(paths));

  /** Files dropped on the window: bundles (.json) are merged, the rest imported. */
  async dropped(paths: string[]) {
    const bundles = paths.filter((p) => p.toLowerCase().endsWith(".json"));
    const articles = paths.filter((p) => !p.toLowerCase().endsWith(".json"));
    if (bundles.length > 0) await this.afterMerge(await this.guard(() => api.mergePaths(bundles)));
    if (articles.length > 0) await this.importPaths(articles);
  }

  async mergeDialog() {
    await this.afterMerge(await this.guard(() => api.mergeDialog()));
  }

  /** Claims that need reconciliation after the last merge, for the queue to show. */
  reconcile = $state(false);

  async afterMerge(results: MergeResult[] | undefined) {
    if (!results || results.length === 0) return;
    for (const r of results) this.toast("info", mergeSummary(r));
    await this.refreshArticles();
    if (this.article) await this.refreshClaim();
    else if (this.articles.length > 0) await this.openArticle(this.articles[this.articles.length - 1].id);
    if (results.some((r) => r.outcome.conflicts.length > 0)) {
      this.reconcile = true;
      this.view = "queue";
    }
  }

  async setChecker(name: string) {
    const ok = await this.guard(() => api.setChecker(name));
    if (ok !== undefined) {
      this.askName = false;
      this.info = (await this.guard(() => api.appInfo())) ?? this.info;
    }
  }

  async setScale(id: string) {
    await this.guard(() => api.setScale(id));
    this.info = (await this.guard(() => api.appInfo())) ?? this.info;
  }

  async loadEntities() {
    this.entities = (await this.guard(() => api.entities())) ?? this.entities;
  }

  async setStatus(ids: string[], status: Status) {
    await this.guard(() => api.setStatus(ids, status));
    await this.refreshClaim();
  }

  /** A rating picked from the keyboard, for the claim panel to take up. */
  pickedRating = $state<string | null>(null);

  /** Picks a rating for the selected claim; the panel asks for the rationale. */
  pickRating(label: string) {
    if (this.selectedClaim) this.pickedRating = label;
  }

  /** Runs a change to the selected claim; when it succeeds, shows the claim anew. */
  private async change<T>(f: () => Promise<T>): Promise<T | undefined> {
    const out = await this.guard(f);
    if (out !== undefined) await this.refreshClaim();
    return out;
  }

  // The claim panel's actions.
  addEvidence = (input: EvidenceInput) => this.change(() => api.addEvidence(input));
  updateEvidence = (id: string, input: EvidenceInput) => this.change(() => api.updateEvidence(id, input));
  removeEvidence = (id: string) => this.change(() => api.removeEvidence(id));
  editClaim = (id: string, kind: ClaimKind, speakers: string[], sources: string[]) =>
    this.change(() => api.editClaim(id, kind, speakers, sources));
  confirmClaim = (id: string) => this.change(() => api.confirmClaim(id));
  mergeClaims = (keep: string, other: string) => this.change(() => api.mergeClaims(keep, other));
  respanClaim = (id: string, start: number, end: number) => this.change(() => api.respanClaim(id, start, end));

  async setReviewUrl(id: string, url: string) {
    const ok = await this.change(() => api.setReviewUrl(id, url));
    if (ok !== undefined) this.toast("info", url ? "Published check recorded." : "Published check cleared.");
    return ok;
  }

  /** Deletes a claim and shows the article's first claim. */
  async deleteClaim(id: string) {
    const ok = await this.guard(() => api.deleteClaim(id));
    if (ok !== undefined) {
      await this.reloadArticle();
      await this.selectClaim(this.article?.claims[0]?.id ?? null);
    }
    return ok;
  }

  /** Adds a claim the checker marked in the text, and selects it. */
  async addClaim(input: NewClaimInput) {
    const claim = await this.guard(() => api.addClaim(input));
    if (claim) {
      await this.reloadArticle();
      await this.selectClaim(claim.id);
      this.toast("info", "Claim added.");
    }
    return claim;
  }

  /** Opens an http(s) link in the system browser. */
  openLink = (url: string) => this.guard(() => api.openLink(url));

  // Matching.
  similar = (claimId: string) => this.guard(() => api.similar(claimId));
  similarText = (text: string) => this.guard(() => api.similarText(text));

  /** Answers a suggestion: the same claim (or a contradiction), or not. */
  async answerMatch(claimId: string, otherId: string, same: boolean) {
    const ok = await this.guard<unknown>(() => (same ? api.confirmMatch(claimId, otherId) : api.rejectMatch(claimId, otherId)));
    if (ok !== undefined) await this.refreshClaim();
    return ok;
  }

  // Articles.
  async importText(text: string, title?: string) {
    const o = await this.guard(() => api.importText(text, title));
    if (o) await this.afterImport([o]);
    return o;
  }

  async updateArticle(id: string, meta: ArticleMetaInput) {
    const ok = await this.guard(() => api.updateArticle(id, meta));
    if (ok !== undefined) {
      await this.refreshArticles();
      await this.reloadArticle();
    }
    return ok;
  }

  // The queue.
  queue = (query: ClaimQuery) => this.guard(() => api.claims(query));

  async exportAs(format: ExportFormat, query: ClaimQuery) {
    const out = await this.guard(() => api.exportDialog(format, query));
    if (out) this.toast("info", `Exported ${out.count} ${format === "corrections" ? "corrections" : "claims"} to ${out.path}.`);
    return out;
  }

  async rate(ids: string[], rating: string, note: string | null) {
    const ok = await this.guard(() => api.giveVerdict(ids, rating, note));
    if (ok !== undefined) this.toast("info", ids.length === 1 ? `Rated “${rating}”.` : `Rated ${ids.length} claims “${rating}”.`);
    await this.refreshClaim();
    return ok !== undefined;
  }
}

export const app = new AppState();
