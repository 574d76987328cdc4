//! The desktop app as a checker uses it, driven through WebDriver.
//!
//! `scripts/test-all.sh` builds the app, starts `tauri-driver` under Xvfb with
//! `FACTDESK_DB` pointing at a fresh database, and runs this test with
//! `FACTDESK_APP` set to the app's binary. Screenshots go to `FACTDESK_SHOTS`.

use std::time::Duration;

use thirtyfour::prelude::*;

fn app_path() -> String {
    std::env::var("FACTDESK_APP")
        .expect("FACTDESK_APP: the desktop binary (scripts/test-all.sh sets it)")
}

async fn launch() -> WebDriverResult<WebDriver> {
    let mut caps = thirtyfour::Capabilities::new();
    caps.set("browserName", "wry")?;
    caps.set(
        "tauri:options",
        serde_json::json!({ "application": app_path() }),
    )?;
    let driver = WebDriver::new("http://127.0.0.1:4444", caps).await?;
    driver
        .set_implicit_wait_timeout(Duration::from_secs(0))
        .await?;
    Ok(driver)
}

/// Waits for an element by CSS selector.
async fn find(d: &WebDriver, css: &str) -> WebDriverResult<WebElement> {
    static START: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();
    let t = START.get_or_init(std::time::Instant::now).elapsed();
    eprintln!("e2e: {:>6.2}s {css}", t.as_secs_f64());
    d.query(By::Css(css))
        .wait(Duration::from_secs(15), Duration::from_millis(100))
        .first()
        .await
}

fn is_stale(e: &WebDriverError) -> bool {
    matches!(
        e.as_inner(),
        thirtyfour::error::WebDriverErrorInner::StaleElementReference(_)
    )
}

/// Waits for an element by CSS selector and text. The UI re-renders lists as
/// data arrives, so an element can go stale while its text is read: then the
/// search starts again.
async fn find_text(d: &WebDriver, css: &str, text: &str) -> WebDriverResult<WebElement> {
    let mut tries = 0;
    loop {
        let found = d
            .query(By::Css(css))
            .with_text(thirtyfour::stringmatch::StringMatch::new(text).partial())
            .wait(Duration::from_secs(15), Duration::from_millis(100))
            .first()
            .await;
        match found {
            Err(e) if is_stale(&e) && tries < 50 => {
                tries += 1;
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
            other => return other,
        }
    }
}

/// Waits until nothing matches the selector (a dialog closed).
async fn gone(d: &WebDriver, css: &str) -> WebDriverResult<()> {
    for _ in 0..20 {
        match d
            .query(By::Css(css))
            .wait(Duration::from_secs(15), Duration::from_millis(100))
            .not_exists()
            .await
        {
            // Stale: it went while being looked at; look again.
            Err(e) if is_stale(&e) => tokio::time::sleep(Duration::from_millis(100)).await,
            other => return other.map(|_| ()),
        }
    }
    d.query(By::Css(css))
        .wait(Duration::from_secs(15), Duration::from_millis(100))
        .not_exists()
        .await
        .map(|_| ())
}

/// Waits until no element matching the selector shows `text` (one row of a
/// list gone while the others stay).
async fn gone_text(d: &WebDriver, css: &str, text: &str) -> WebDriverResult<()> {
    d.query(By::Css(css))
        .with_text(thirtyfour::stringmatch::StringMatch::new(text).partial())
        .wait(Duration::from_secs(15), Duration::from_millis(100))
        .not_exists()
        .await
        .map(|_| ())
}

/// Saves what the screen shows, as a person would see it: the X display
/// (ImageMagick's `import`), not WebKit's snapshot, which stalls for minutes
/// when the web view does not composite (see `lean_webview` in the shell).
async fn shot(d: &WebDriver, name: &str) {
    let Ok(dir) = std::env::var("FACTDESK_SHOTS") else {
        return;
    };
    // Let the last change reach the screen.
    let _ = d
        .execute(
            "return new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))",
            vec![],
        )
        .await;
    let path = std::path::Path::new(&dir).join(format!("{name}.png"));
    let status = std::process::Command::new("import")
        .args(["-window", "root"])
        .arg(&path)
        .status();
    if !status.is_ok_and(|s| s.success()) {
        eprintln!("e2e: no screenshot {name}: ImageMagick's import failed");
    }
}

/// Clicks the element with this text, again if the UI re-rendered it between
/// finding and clicking (a stale reference).
async fn click_text(d: &WebDriver, css: &str, text: &str) -> WebDriverResult<()> {
    for _ in 0..20 {
        let clicked = match find_text(d, css, text).await {
            Ok(element) => element.click().await,
            Err(e) => Err(e),
        };
        match clicked {
            Err(e) if is_stale(&e) => {
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
            other => return other,
        }
    }
    find_text(d, css, text).await?.click().await
}

/// Puts text in a field as a paste would: WebDriver typing cannot type
/// control characters and drops line breaks.
async fn paste(d: &WebDriver, css: &str, text: &str) -> WebDriverResult<()> {
    let field = find(d, css).await?;
    d.execute(
        "arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input', { bubbles: true }));",
        vec![field.to_json()?, serde_json::json!(text)],
    )
    .await?;
    Ok(())
}

/// Selects text in the article body, as a mouse drag would, and releases the button.
async fn select_text(d: &WebDriver, needle: &str) -> WebDriverResult<()> {
    let script = r#"
        const needle = arguments[0];
        const body = document.querySelector('[data-testid="article-body"]');
        const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
        let node;
        while ((node = walker.nextNode())) {
            const i = node.textContent.indexOf(needle);
            if (i >= 0) {
                const range = document.createRange();
                range.setStart(node, i);
                range.setEnd(node, i + needle.length);
                const sel = window.getSelection();
                sel.removeAllRanges();
                sel.addRange(range);
                body.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }));
                return true;
            }
        }
        return false;
    "#;
    let found = d.execute(script, vec![serde_json::json!(needle)]).await?;
    assert_eq!(
        found.json(),
        &serde_json::json!(true),
        "{needle:?} not found in the article"
    );
    Ok(())
}

mod keyboard;
mod team;

/// The app from three fresh starts: a keyboard-only hour, a checker's day
/// with the mouse, the team's bundles and restarts, and an editor's desk
/// synced with a team server.
#[tokio::test(flavor = "multi_thread")]
async fn the_desktop_app() -> WebDriverResult<()> {
    keyboard::a_keyboard_only_hour().await?;
    fresh_database();
    a_checkers_day().await?;
    fresh_database();
    team::an_editor_signs_off_a_checkers_verdict().await
}

/// A local web server for the evidence links (never the internet): one page,
/// with a script that would write over the page if anything ran it.
fn local_page() -> String {
    use std::io::{Read, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/poll", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for conn in listener.incoming().flatten() {
            let mut conn = conn;
            let mut buf = [0u8; 4096];
            let _ = conn.read(&mut buf);
            let body = "<html><head><title>Poll: support across parties</title><script>document.body.innerHTML='SCRIPT RAN'</script></head><body><article><h1>Poll: support across parties</h1><p>Support was broad across both parties, the poll of 1,500 adults found in July.</p><p>The margin of error was three points.</p></article></body></html>";
            let _ = write!(
                conn,
                "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            );
        }
    });
    url
}

/// Removes the database (with its write-ahead log) while no app runs.
fn fresh_database() {
    let db = std::env::var("FACTDESK_DB").expect("FACTDESK_DB");
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{db}{suffix}"));
    }
}

async fn a_checkers_day() -> WebDriverResult<()> {
    // First run: the app asks who is checking, then offers the sample.
    let d = launch().await?;
    let name = find(&d, "[data-testid=name-input]").await?;
    name.send_keys("Erin Checker").await?;
    find(&d, "[data-testid=name-save]").await?.click().await?;
    gone(&d, "[data-testid=name-dialog]").await?;
    let empty = find(&d, "[data-testid=empty-state]").await?;
    assert!(empty.text().await?.contains("Open the sample article"));
    shot(&d, "01-first-run").await;
    find(&d, "[data-testid=open-sample]").await?.click().await?;

    // The sample article, its claims highlighted.
    let title = find(&d, "[data-testid=article-title]").await?;
    assert_eq!(
        title.text().await?,
        "Kremlin: Russia not ready to accept Trump invite to Washington"
    );
    let marks = d
        .find_all(By::Css("[data-testid=article-body] mark.claim"))
        .await?;
    assert!(
        marks.len() >= factdesk_core::SAMPLE_CLAIMS,
        "only {} highlighted stretches",
        marks.len()
    );
    assert!(
        !d.find(By::Css("[data-testid=article-body]"))
            .await?
            .text()
            .await?
            .contains("{mosads}")
    );

    // The would / wouldn't correction shows on the claim and jumps to its pair.
    find_text(&d, "[data-testid=article-body] mark", "meant to say")
        .await?
        .click()
        .await?;
    let related = find(&d, "[data-testid=related]").await?;
    assert!(
        related.text().await?.contains("corrects"),
        "{}",
        related.text().await?
    );
    shot(&d, "02-sample-article").await;

    // The form for a new claim floats by the selection: the text does not
    // move, and a trailing comma is not part of the claim.
    let top = |d: &WebDriver| {
        let d = d.clone();
        async move {
            let v = d
                .execute(
                    "return document.querySelector('[data-testid=article-body]').getBoundingClientRect().top",
                    vec![],
                )
                .await?;
            Ok::<f64, WebDriverError>(v.json().as_f64().unwrap_or_default())
        }
    };
    let before = top(&d).await?;
    select_text(&d, "Helsinki, Finland,").await?;
    find(&d, "[data-testid=selection-bar]").await?;
    // (WebKitWebDriver's Get Element Text fails on this form, "Cannot check
    // the displayedness of a non-Element argument": read it in the page.)
    let quote = d
        .execute(
            "return document.querySelector('[data-testid=selection-bar] .quote').textContent",
            vec![],
        )
        .await?;
    assert_eq!(quote.json().as_str(), Some("“Helsinki, Finland”"));
    assert_eq!(top(&d).await?, before, "the form pushed the text down");
    shot(&d, "02b-selection-form").await;
    d.action_chain().send_keys(Key::Escape).perform().await?;
    gone(&d, "[data-testid=selection-bar]").await?;

    // Select words and add a claim: Enter in the form's Speaker field adds it.
    select_text(&d, "fierce bipartisan backlash").await?;
    let speaker = find(&d, "[data-testid=selection-bar] input[aria-label=Speaker]").await?;
    speaker.focus().await?;
    speaker.send_keys(Key::Enter).await?;
    let text = find_text(&d, "[data-testid=claim-text]", "fierce bipartisan backlash").await?;
    assert_eq!(text.text().await?, "fierce bipartisan backlash");

    // A verdict with a rationale.
    find_text(&d, "[data-testid=rating]", "False")
        .await?
        .click()
        .await?;
    find(&d, "[data-testid=rationale]")
        .await?
        .send_keys("Polls showed support across both parties.")
        .await?;
    find(&d, "[data-testid=give-verdict]")
        .await?
        .click()
        .await?;
    let verdict = find_text(&d, "[data-testid=current-verdict]", "False").await?;
    assert!(verdict.text().await?.contains("Erin Checker"));
    // The rating buttons mark the current verdict.
    find_text(&d, "[data-testid=rating].current", "False").await?;
    // No shortcut acts behind an open dialog, and Escape closes it: a digit
    // pressed over the shortcut list picks no rating.
    d.action_chain().send_keys("?").perform().await?;
    find(&d, "[data-testid=help]").await?;
    d.action_chain().send_keys("2").perform().await?;
    d.action_chain().send_keys(Key::Escape).perform().await?;
    gone(&d, "[data-testid=help]").await?;
    let give = find(&d, "[data-testid=give-verdict]").await?;
    assert_eq!(
        give.text().await?,
        "Give verdict",
        "a digit acted behind the dialog"
    );

    // An evidence link; a javascript: link is refused with a readable message.
    find(&d, "[data-testid=evidence-url]")
        .await?
        .send_keys("javascript:alert(1)")
        .await?;
    // The field says what is wrong, and the button waits for a right one.
    let err = find(&d, "[data-testid=evidence-url-error]").await?;
    assert!(
        err.text().await?.contains("https://"),
        "{}",
        err.text().await?
    );
    assert!(
        !find(&d, "[data-testid=add-evidence]")
            .await?
            .is_enabled()
            .await?,
        "Add link stays enabled for a javascript: link"
    );
    let field = find(&d, "[data-testid=evidence-url]").await?;
    assert_eq!(field.attr("aria-invalid").await?.as_deref(), Some("true"));
    shot(&d, "03-bad-link").await;
    let url = find(&d, "[data-testid=evidence-url]").await?;
    url.clear().await?;
    // The link is served by a local server (tests never reach the internet);
    // its page has a script that must never run in the app.
    let poll = local_page();
    url.send_keys(&poll).await?;
    find(&d, "[data-testid=evidence-title]")
        .await?
        .send_keys("Gallup poll")
        .await?;
    find(&d, "[data-testid=add-evidence]")
        .await?
        .click()
        .await?;
    find_text(&d, "[data-testid=evidence-item]", "Gallup poll").await?;
    // Archived in the background, then read offline, as text.
    find_text(&d, "[data-testid=capture-status]", "Archived").await?;
    find(&d, "[data-testid=open-archived]")
        .await?
        .click()
        .await?;
    let archived = find(&d, "[data-testid=archived-text]").await?;
    let text = archived.text().await?;
    assert!(
        text.contains("Support was broad across both parties"),
        "{text}"
    );
    assert!(!text.contains("SCRIPT RAN"), "{text}");
    let ran = d
        .execute(
            "return document.body.innerText.includes('SCRIPT RAN')",
            vec![],
        )
        .await?;
    assert_eq!(
        ran.json(),
        &serde_json::json!(false),
        "the archived page's script ran"
    );
    shot(&d, "03c-archived-copy").await;
    d.action_chain().send_keys(Key::Escape).perform().await?;
    gone(&d, "[data-testid=archived-dialog]").await?;

    // A link typed for one claim does not follow the checker to the next.
    find(&d, "[data-testid=evidence-url]")
        .await?
        .send_keys("https://example.org/draft")
        .await?;
    click_text(&d, "[data-testid=claim-item]", "meant to say").await?;
    find_text(&d, "[data-testid=claim-text]", "meant to say").await?;
    let draft = find(&d, "[data-testid=evidence-url]")
        .await?
        .prop("value")
        .await?;
    assert_eq!(draft.as_deref(), Some(""), "the draft link carried over");
    click_text(&d, "[data-testid=claim-item]", "fierce bipartisan backlash").await?;
    find_text(&d, "[data-testid=claim-text]", "fierce bipartisan backlash").await?;

    // Pasting text that is not an article is refused, in the window.
    find(&d, "[data-testid=open-paste]").await?.click().await?;
    // Pasted garbage (a binary file's bytes); keyboard input cannot type control characters.
    paste(
        &d,
        "[data-testid=paste-text]",
        "\u{1}\u{2}\u{3}\u{4}PNG\u{5}\u{6}",
    )
    .await?;
    find(&d, "[data-testid=paste-import]")
        .await?
        .click()
        .await?;
    let err = find_text(&d, "[data-testid=paste-error]", "binary").await?;
    assert!(err.is_displayed().await?);
    d.action_chain().send_keys(Key::Escape).perform().await?;
    gone(&d, "[data-testid=paste-text]").await?;

    // Article details: a javascript: address is refused; an https one is kept.
    find(&d, "[data-testid=edit-meta]").await?.click().await?;
    let addr = find(&d, "[data-testid=meta-url]").await?;
    addr.send_keys("javascript:alert(1)").await?;
    find(&d, "[data-testid=meta-save]").await?.click().await?;
    find_text(&d, "[data-testid=meta-error]", "http or https").await?;
    addr.clear().await?;
    addr.send_keys("https://thehill.com/policy/398817").await?;
    find(&d, "[data-testid=meta-save]").await?.click().await?;
    gone(&d, "[data-testid=meta-dialog]").await?;
    find_text(&d, "[data-testid=article-url]", "thehill.com").await?;
    shot(&d, "04-after-work").await;
    d.quit().await?;

    // Restart: everything is still there.
    let d = launch().await?;
    find_text(&d, "[data-testid=article-item]", "Kremlin")
        .await?
        .click()
        .await?;
    find_text(
        &d,
        "[data-testid=article-body] mark",
        "fierce bipartisan backlash",
    )
    .await?
    .click()
    .await?;
    find_text(&d, "[data-testid=current-verdict]", "False").await?;
    find_text(&d, "[data-testid=evidence-item]", "Gallup poll").await?;
    assert!(
        find(&d, "[data-testid=checker]")
            .await?
            .text()
            .await?
            .contains("Erin Checker")
    );

    // The queue lists every claim and filters by text.
    find(&d, "[data-testid=tab-queue]").await?.click().await?;
    find_text(&d, "[data-testid=queue-count]", "20 claims").await?;
    find(&d, "[data-testid=queue-search]")
        .await?
        .send_keys("intelligence")
        .await?;
    find_text(&d, "[data-testid=queue-count]", "1 claim").await?;
    shot(&d, "05-queue").await;
    d.quit().await?;

    // A teammate rated the added claim differently; their bundle is merged
    // (as `factdesk merge` does) and the app shows the disagreement.
    merge_a_disagreeing_teammate();
    let d = launch().await?;
    find(&d, "[data-testid=tab-queue]").await?.click().await?;
    find(&d, "[data-testid=queue-reconcile]")
        .await?
        .click()
        .await?;
    find_text(&d, "[data-testid=queue-count]", "1 claim").await?;
    find_text(&d, "[data-testid=queue-row]", "Reconcile").await?;
    let row = find(&d, "[data-testid=queue-row]").await?;
    row.click().await?;
    d.action_chain()
        .double_click_element(&row)
        .perform()
        .await?;
    let conflict = find(&d, "[data-testid=conflict]").await?;
    let text = conflict.text().await?;
    assert!(
        text.contains("Erin Checker") && text.contains("Faye Teammate"),
        "{text}"
    );
    shot(&d, "06-reconcile").await;
    // A new verdict settles it, given from the rationale with Ctrl+Enter.
    find_text(&d, "[data-testid=rating]", "Mostly false")
        .await?
        .click()
        .await?;
    find(&d, "[data-testid=rationale]")
        .await?
        .send_keys("The two desks read the same poll differently.")
        .await?;
    d.action_chain()
        .key_down(Key::Control)
        .send_keys(Key::Enter)
        .key_up(Key::Control)
        .perform()
        .await?;
    find_text(&d, "[data-testid=current-verdict]", "Mostly false").await?;

    // Another outlet's story repeats a claim in other words: the claim panel
    // offers the earlier claim as a precedent, and the checker confirms it.
    // (Enter on the focused button opens the dialog, as a click does.)
    let open_paste = find(&d, "[data-testid=open-paste]").await?;
    open_paste.focus().await?;
    open_paste.send_keys(Key::Enter).await?;
    paste(&d, "[data-testid=paste-text]", "Kremlin rebuffs Trump\n\nA Kremlin aide said on Tuesday that Russia was not ready to accept Trump's invitation to a second summit with Putin in the United States.").await?;
    find(&d, "[data-testid=paste-import]")
        .await?
        .click()
        .await?;
    gone(&d, "[data-testid=paste-text]").await?;
    click_text(&d, "[data-testid=claim-item]", "second summit").await?;
    let suggestion = find_text(
        &d,
        "[data-testid=suggestion]",
        "Russian President Vladimir Putin",
    )
    .await?;
    shot(&d, "07-precedent").await;
    suggestion
        .find(By::Css("[data-testid=match-confirm]"))
        .await?
        .click()
        .await?;
    find_text(
        &d,
        "[data-testid=same-claim]",
        "Russian President Vladimir Putin",
    )
    .await?;
    // The confirmed one leaves the suggestions; weaker ones may stay.
    gone_text(
        &d,
        "[data-testid=suggestion]",
        "Russian President Vladimir Putin",
    )
    .await?;

    // The similar-claims search, from the keyboard.
    d.action_chain().send_keys("s").perform().await?;
    find(&d, "[data-testid=similar-input]")
        .await?
        .send_keys("Russia won't accept the invitation to a second summit with Putin in the US")
        .await?;
    find(&d, "[data-testid=similar-find]")
        .await?
        .click()
        .await?;
    find_text(&d, "[data-testid=similar-result]", "second summit").await?;
    shot(&d, "08-similar-search").await;
    d.quit().await?;
    Ok(())
}

/// A teammate imports the same article on their own desk, marks the same
/// words as a claim, rates it differently, and their bundle is merged here.
fn merge_a_disagreeing_teammate() {
    use factdesk_core::store::{ClaimFilter, ImportMeta, NewClaim};
    let db = std::path::PathBuf::from(std::env::var("FACTDESK_DB").expect("FACTDESK_DB"));
    let mut ours = factdesk_core::Store::open(&db).unwrap();
    let mine = ours
        .claims(&ClaimFilter {
            search: Some("fierce bipartisan backlash".into()),
            ..ClaimFilter::default()
        })
        .unwrap()
        .into_iter()
        .find(|c| c.text == "fierce bipartisan backlash")
        .expect("the claim added by hand");
    let article = ours.article(&mine.article_id).unwrap();
    let mut theirs = factdesk_core::Store::open_in_memory().unwrap();
    let doc = factdesk_core::import::parse_text(&article.body);
    let imported = theirs
        .import(&[(doc, ImportMeta::default())], "Faye Teammate")
        .unwrap();
    let id = theirs
        .add_claim(
            &NewClaim {
                article_id: imported[0].id.clone(),
                start: mine.span.start,
                end: mine.span.end,
                kind: mine.kind,
                speaker: None,
                role: None,
            },
            "Faye Teammate",
        )
        .unwrap();
    theirs
        .give_verdict(&id, "true", Some("The backlash was real."), "Faye Teammate")
        .unwrap();
    let mut bundle = Vec::new();
    theirs
        .export_bundle(&ClaimFilter::default(), &mut bundle)
        .unwrap();
    let out = ours
        .merge(
            &[factdesk_core::bundle::parse(&bundle).unwrap()],
            "Erin Checker",
        )
        .unwrap();
    assert_eq!(out[0].conflicts.len(), 1, "{out:?}");
}
