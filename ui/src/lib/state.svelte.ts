// The app's shared state and the actions that change it. Components read this
// and call these actions; the actions call the API module.
import { api, ApiError } from "./api";
import type {
  AppInfo, ArchivedCopy, ArticleMetaInput, ArticleSummary, ArticleView, ClaimDetail, ClaimKind, ClaimQuery, EncodeProgress, Entity, EvidenceInput, ExportFormat,
  MergeResult, NewClaimInput, Policy, QueueRow, ReviewState, ScaleDto, Status, SyncStatus,
} from "./api";
import { count, mergeSummary } from "./format";

export type View = "article" | "queue";

interface Toast {
  id: number;
  kind: "error" | "info";
  text: string;
  /** A button on the toast, such as "Undo". */
  action?: { label: string; run: () => void };
}

/** How long a verdict can be undone with one key. */
export const UNDO_MS = 10_000;

/** How often the app syncs with the team server while it is open. */
export const SYNC_MS = 10_000;
/** How often the app looks for claims the encoder has not read, when none were left. */
export const ENCODE_IDLE_MS = 5_000;

/** The team sync's status line: "synced 12 s ago · 3 changes waiting", "offline". */
export function syncLine(s: SyncStatus | null, offline: boolean, now: number): string | null {
  if (!s?.server) return null;
  if (!s.has_token) return "Team server: no token yet";
  const waiting = s.waiting > 0 ? ` · ${s.waiting} ${s.waiting === 1 ? "change" : "changes"} waiting` : "";
  if (offline) return `Offline${waiting}`;
  if (s.last_error) return `Sync failed${waiting}`;
  if (!s.last_synced_at) return `Not synced yet${waiting}`;
  const secs = Math.max(0, Math.round((now - Date.parse(s.last_synced_at)) / 1000));
  const ago = secs < 60 ? `${secs} s` : secs < 3600 ? `${Math.round(secs / 60)} min` : `${Math.round(secs / 3600)} h`;
  return `Synced ${ago} ago${waiting}`;
}

/** The encoder's background pass, for the top bar; none when nothing is left. */
export function encodeLine(p: EncodeProgress | null): string | null {
  if (!p || p.unavailable || p.pending <= 0) return null;
  return `Reading ${p.pending.toLocaleString("en-US")} ${p.pending === 1 ? "claim" : "claims"} for matching…`;
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
  showSettings = $state(false);
  /** The archived copy being read, in its dialog. */
  archived = $state.raw<ArchivedCopy | null>(null);
  /** Evidence links being archived right now (in the background). */
  archiving = $state<Set<string>>(new Set());
  /** Claims whose links are being checked right now. */
  checking = $state<Set<string>>(new Set());
  /** A rating chosen in the queue, waiting for its rationale. */
  rating = $state<{ ids: string[]; label: string } | null>(null);
  loaded = $state(false);
  /** Where the desk stands with the team server; whether it is unreachable. */
  sync = $state.raw<SyncStatus | null>(null);
  offline = $state(false);
  syncing = $state(false);
  /** Where the encoder's background pass stands (claims it has not read are matched by words). */
  encoding = $state.raw<EncodeProgress | null>(null);
  /** The data version the app itself last caused (the encoder's pass), which the watch need not reload for. */
  private ownVersion: number | null = null;
  /** The clock the status line reads ("synced 12 s ago"). */
  now = $state(Date.now());
  private nextToast = 1;

  /** Whether a dialog is open: then only its keys work. */
  get dialogOpen(): boolean {
    return this.askName || this.showHelp || this.showPaste || this.showMeta || this.showSimilar || this.showSettings || this.rating !== null || this.archived !== null;
  }

  /** Closes the open dialogs (Escape); the name dialog only when a name is set. */
  closeDialogs() {
    this.showHelp = this.showPaste = this.showMeta = this.showSimilar = this.showSettings = false;
    this.rating = null;
    this.archived = null;
    if (this.info?.checker) this.askName = false;
  }

  /** Whether a verdict with this rating needs a rationale on this desk. */
  needsRationale(label: string): boolean {
    const r = this.scale?.ratings.find((x) => x.label === label);
    return !(r?.undetermined && this.info?.policy.undetermined_without_rationale);
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

  /** Runs a form's action. An error about what was typed (a missing
   * rationale, a bad address) comes back for the form to show at its field;
   * any other error shows as a toast. */
  async submit<T>(f: () => Promise<T>): Promise<{ ok: true; value: T } | { ok: false; error?: string }> {
    try {
      return { ok: true, value: await f() };
    } catch (e) {
      if (e instanceof ApiError && (e.kind === "noRationale" || e.kind === "invalid" || e.kind === "badText")) return { ok: false, error: e.message };
      await this.guard(() => Promise.reject(e));
      return { ok: false };
    }
  }

  toast(kind: "error" | "info", text: string, action?: Toast["action"], ms?: number) {
    const id = this.nextToast++;
    // The same message again replaces the old one; at most three show at once.
    this.toasts = [...this.toasts.filter((t) => t.text !== text), { id, kind, text, action }].slice(-3);
    setTimeout(() => this.dismiss(id), ms ?? (kind === "error" ? 8000 : 3000));
    return id;
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

  /** Notices changes other processes (the CLI, a teammate's merge) made to
   * the database and shows them, keeping the checker's place and drafts. */
  watch(): () => void {
    let seen: number | null = null;
    let busy = false;
    const tick = async () => {
      if (busy) return;
      busy = true;
      try {
        const v = await api.dataVersion();
        if (seen !== null && v !== seen && v !== this.ownVersion) await this.refreshAll();
        seen = v;
      } catch {
        // The next tick tries again.
      } finally {
        busy = false;
      }
    };
    const timer = setInterval(tick, 700);
    tick();
    return () => clearInterval(timer);
  }

  /** Runs the encoder's background pass, a chunk at a time, while claims
   * wait for it; looks again every ENCODE_IDLE_MS (imports and merges add claims). */
  encodeEvery(): () => void {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const step = async () => {
      let again = ENCODE_IDLE_MS;
      try {
        const p = await api.encodePending();
        this.encoding = p;
        if (p.encoded > 0) this.ownVersion = await api.dataVersion();
        if (!p.unavailable && p.pending > 0 && p.encoded > 0) again = 0;
      } catch {
        // The next look tries again.
      }
      if (!stopped) timer = setTimeout(step, again);
    };
    void step();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }

  /** Syncs with the team server now and every SYNC_MS while the app is open. */
  syncEvery(): () => void {
    const tick = () => void this.syncNow(false);
    const timer = setInterval(tick, SYNC_MS);
    const clock = setInterval(() => (this.now = Date.now()), 1000);
    void this.refreshSync().then(tick);
    return () => {
      clearInterval(timer);
      clearInterval(clock);
    };
  }

  async refreshSync() {
    try {
      this.sync = await api.syncStatus();
    } catch {
      // Shown again at the next sync.
    }
  }

  /** One sync. `loud`: say what it did (the "Sync now" button). */
  async syncNow(loud: boolean) {
    if (this.syncing) return;
    if (!this.sync?.server || !this.sync.has_token) {
      if (loud) this.toast("error", "No team server yet: set its address and your token in Desk settings.");
      return;
    }
    this.syncing = true;
    try {
      const out = await api.syncNow();
      this.offline = false;
      if (loud || out.pulled_claims + out.pulled_verdicts + out.pulled_reviews > 0) {
        const parts = [
          out.pulled_claims ? count(out.pulled_claims, "claim", "claims") : "",
          out.pulled_verdicts ? count(out.pulled_verdicts, "verdict", "verdicts") : "",
          out.pulled_reviews ? count(out.pulled_reviews, "review", "reviews") : "",
        ].filter(Boolean);
        this.toast("info", parts.length ? `From the team: ${parts.join(", ")}.` : "Synced: nothing new from the team.");
      }
      if (out.conflicts > 0) this.toast("info", `${count(out.conflicts, "claim has", "claims have")} disagreeing verdicts: see “Needs reconciliation”.`);
    } catch (e) {
      const err = e instanceof ApiError ? e : new ApiError("internal", String(e));
      this.offline = err.kind === "offline";
      if (loud || (err.kind !== "offline" && this.sync?.last_error !== err.message)) this.toast("error", err.message);
    } finally {
      this.syncing = false;
      await this.refreshSync();
    }
  }

  async setServer(url: string, token: string | null) {
    const ok = await this.guard(() => api.setServer(url, token));
    if (ok === undefined) return false;
    this.info = (await this.guard(() => api.appInfo())) ?? this.info;
    await this.refreshSync();
    void this.syncNow(true);
    return true;
  }

  async assign(id: string, assignee: string | null) {
    const ok = await this.guard(() => api.assign(id, assignee));
    if (ok !== undefined) {
      await this.refreshClaim();
      this.toast("info", assignee ? `Assigned to ${assignee}.` : "Assigned to no one.");
    }
  }

  /** Moves the current verdict on in review; returns an error for the note field, if any. */
  async review(claimId: string, step: ReviewState, note: string | null): Promise<string | null> {
    try {
      await api.reviewVerdict(claimId, step, note);
    } catch (e) {
      const err = e instanceof ApiError ? e : new ApiError("internal", String(e));
      if (err.kind === "invalid") return err.message;
      this.toast("error", err.message);
      return null;
    }
    await this.refreshClaim();
    this.toast("info", step === "submitted" ? "Submitted for an editor's sign-off." : step === "approved" ? "Approved: it can be published." : "Returned to its checker.");
    return null;
  }

  /** Bumped when the database changed under the app, for the queue to reload. */
  changes = $state(0);

  async refreshAll() {
    await this.refreshArticles();
    if (this.article) {
      const still = this.articles.some((a) => a.id === this.article!.article.id);
      if (still) await this.refreshClaim();
    } else if (this.articles.length > 0) {
      await this.openArticle(this.articles[this.articles.length - 1].id);
    }
    this.changes++;
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
    const next = i < 0 ? 0 : i + delta;
    if (next < 0 || next >= claims.length) {
      this.toast("info", next < 0 ? "First claim of this article ( [ goes to the previous one in the queue)." : "Last claim of this article ( ] goes to the next one in the queue).");
      return;
    }
    await this.selectClaim(claims[next].id);
  }

  /** The queue's claims in its order, as it last listed them. */
  queueRows = $state.raw<QueueRow[]>([]);
  /** The queue's place: its highlighted row and how far it was scrolled. */
  queueCursor = $state(0);
  queueScroll = $state(0);

  /** Moves to the next or previous claim in queue order, across articles. */
  async stepAcross(delta: number) {
    const rows = this.queueRows;
    if (rows.length === 0) {
      this.toast("info", "The queue is empty.");
      return;
    }
    const i = rows.findIndex((r) => r.claim.id === this.selectedClaim);
    const next = i < 0 ? Math.min(this.queueCursor, rows.length - 1) : i + delta;
    if (next < 0 || next >= rows.length) {
      this.toast("info", next < 0 ? "First claim in the queue." : "Last claim in the queue.");
      return;
    }
    this.queueCursor = next;
    const r = rows[next];
    if (this.article?.article.id === r.claim.article_id) {
      this.view = "article";
      await this.selectClaim(r.claim.id);
    } else {
      await this.openArticle(r.claim.article_id, r.claim.id);
    }
  }

  async afterImport(outcomes: { id: string; title: string; duplicate: boolean; claims: number }[]) {
    if (outcomes.length === 0) return;
    await this.refreshArticles();
    for (const o of outcomes) {
      this.toast("info", o.duplicate ? `“${o.title}” was imported before; nothing was added.` : `Imported “${o.title}” with ${count(o.claims, "claim", "claims")}.`);
    }
    await this.openArticle(outcomes[outcomes.length - 1].id);
    this.changes++;
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
    this.changes++;
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

  async setPolicy(policy: Policy) {
    const ok = await this.guard(() => api.setPolicy(policy));
    if (ok !== undefined) this.info = (await this.guard(() => api.appInfo())) ?? this.info;
    return ok !== undefined;
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
  /** Runs a form's change to the selected claim: a field error comes back. */
  private async changeForm<T>(f: () => Promise<T>) {
    const out = await this.submit(f);
    if (out.ok) await this.refreshClaim();
    return out;
  }

  /** Adds an evidence link and archives its page in the background: the
   * link is there at once, the capture when the page has been fetched. */
  async addEvidence(input: EvidenceInput) {
    const out = await this.changeForm(() => api.addEvidence(input));
    if (out.ok) void this.capture(out.value.id);
    return out;
  }

  /** Archives an evidence link's page (again), without making anyone wait. */
  async capture(evidenceId: string) {
    const c = await this.busy("archiving", evidenceId, () => api.captureEvidence(evidenceId));
    if (c) await this.refreshClaim();
  }

  /** Runs background work with `id` in the busy set `which` meanwhile. */
  private async busy<T>(which: "archiving" | "checking", id: string, f: () => Promise<T>) {
    this[which] = new Set([...this[which], id]);
    try {
      return await this.guard(f);
    } finally {
      const next = new Set(this[which]);
      next.delete(id);
      this[which] = next;
    }
  }

  /** Checks the selected claim's links against their archived copies. */
  async checkLinks(claimId: string) {
    const checks = await this.busy("checking", claimId, () => api.checkLinks(claimId));
    if (checks) {
      const bad = checks.filter((k) => k.verdict !== "same").length;
      this.toast("info", `Checked ${checks.length} ${checks.length === 1 ? "link" : "links"}: ${bad === 0 ? "all as archived" : `${bad} not as archived`}.`);
      await this.refreshClaim();
      this.changes++;
    }
  }

  /** Opens a link's latest archived copy (or a capture) for reading. */
  async openArchived(id: string) {
    this.archived = (await this.guard(() => api.archivedCopy(id))) ?? null;
  }
  updateEvidence = (id: string, input: EvidenceInput) => this.changeForm(() => api.updateEvidence(id, input));
  removeEvidence = (id: string) => this.change(() => api.removeEvidence(id));
  editClaim = (id: string, kind: ClaimKind, speakers: string[] | null, sources: string[] | null) =>
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
  /** Imports pasted text; text that is no article comes back as the field's error. */
  async importText(text: string, title?: string) {
    const out = await this.submit(() => api.importText(text, title));
    if (out.ok) await this.afterImport([out.value]);
    return out;
  }

  /** Saves an article's details; a bad address or date comes back for its field. */
  async updateArticle(id: string, meta: ArticleMetaInput) {
    const out = await this.submit(() => api.updateArticle(id, meta));
    if (out.ok) {
      await this.refreshArticles();
      await this.reloadArticle();
    }
    return out;
  }

  // The queue.
  queue = (query: ClaimQuery) => this.guard(() => api.claims(query));

  async exportAs(format: ExportFormat, query: ClaimQuery) {
    const out = await this.guard(() => api.exportDialog(format, query));
    if (out) this.toast("info", `Exported ${out.count} ${format === "corrections" ? "corrections" : "claims"} to ${out.path}.`);
    return out;
  }

  /** Gives a verdict; a missing rationale comes back as the field's error. */
  async rate(ids: string[], rating: string, note: string | null): Promise<{ ok: true; value: void } | { ok: false; error?: string }> {
    // Said before asking the backend, which refuses it too (noRationale).
    if (!note?.trim() && this.needsRationale(rating)) return { ok: false, error: "Write the rationale first: what the evidence shows." };
    const out = await this.submit(() => api.giveVerdict(ids, rating, note));
    if (out.ok) {
      const done = this.info?.policy.verdict_sets_done ? " · Done" : "";
      const text = (ids.length === 1 ? `Rated “${rating}”` : `Rated ${ids.length} claims “${rating}”`) + `${done}.`;
      if (this.undoable) this.dismiss(this.undoable.toast);
      const toast = this.toast("info", text, { label: "Undo (u)", run: () => this.undo() }, UNDO_MS);
      this.undoable = { ids, rating, until: Date.now() + UNDO_MS, toast };
      await this.refreshClaim();
      this.changes++;
    }
    return out;
  }

  /** The verdict just given, which `u` (or the toast's button) takes back. */
  undoable: { ids: string[]; rating: string; until: number; toast: number } | null = null;

  /** Takes back the verdict just given, within ten seconds of giving it. */
  async undo() {
    const u = this.undoable;
    if (!u || Date.now() > u.until) {
      this.toast("info", "Nothing to undo: a verdict can be taken back for 10 seconds after it is given.");
      return;
    }
    this.undoable = null;
    this.dismiss(u.toast);
    const ok = await this.guard(() => api.withdrawVerdicts(u.ids));
    if (ok !== undefined) {
      this.toast("info", u.ids.length === 1 ? `Took back “${u.rating}”.` : `Took back “${u.rating}” on ${u.ids.length} claims.`);
      await this.refreshClaim();
      this.changes++;
    }
  }
}

export const app = new AppState();
