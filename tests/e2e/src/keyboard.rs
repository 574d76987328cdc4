//! A checker's first hour without the mouse: from a fresh start, every step
//! by keyboard, counting the keys each verdict costs.

use thirtyfour::prelude::*;

use super::{find, find_text, gone, is_stale, launch, shot};

/// The keys a verdict may cost on top of its rationale's text (the issue's
/// bound): the digit, Ctrl and Enter, and the key to the next claim are four.
const KEYS_PER_VERDICT: usize = 5;

/// Presses keys as a person would, on whatever has the focus, and counts
/// them (a rationale's text is typed, not counted).
#[derive(Default)]
struct Keyboard {
    pressed: usize,
}

impl Keyboard {
    async fn press(&mut self, d: &WebDriver, key: &str) -> WebDriverResult<()> {
        self.pressed += key.chars().count();
        d.action_chain().send_keys(key).perform().await
    }

    async fn key(&mut self, d: &WebDriver, key: Key) -> WebDriverResult<()> {
        self.pressed += 1;
        d.action_chain().send_keys(key).perform().await
    }

    async fn ctrl_enter(&mut self, d: &WebDriver) -> WebDriverResult<()> {
        self.pressed += 2;
        d.action_chain()
            .key_down(Key::Control)
            .send_keys(Key::Enter)
            .key_up(Key::Control)
            .perform()
            .await
    }

    async fn type_text(&mut self, d: &WebDriver, text: &str) -> WebDriverResult<()> {
        d.action_chain().send_keys(text).perform().await
    }

    /// Tabs until the element with this test id has the focus.
    async fn tab_to(&mut self, d: &WebDriver, testid: &str) -> WebDriverResult<()> {
        for _ in 0..40 {
            if focused(d).await? == testid {
                return Ok(());
            }
            self.key(d, Key::Tab).await?;
        }
        panic!("Tab never reached {testid}");
    }
}

/// The test id of the focused element, or "".
async fn focused(d: &WebDriver) -> WebDriverResult<String> {
    let v = d
        .execute(
            "return document.activeElement?.dataset?.testid ?? ''",
            vec![],
        )
        .await?;
    Ok(v.json().as_str().unwrap_or_default().to_string())
}

/// The text of the element, read again when the UI re-rendered it meanwhile.
async fn text_of(d: &WebDriver, css: &str) -> WebDriverResult<String> {
    for _ in 0..50 {
        match find(d, css).await?.text().await {
            Err(e) if is_stale(&e) => {
                tokio::time::sleep(std::time::Duration::from_millis(50)).await
            }
            other => return other,
        }
    }
    find(d, css).await?.text().await
}

/// The queue's highlighted row's claim text (cut with an ellipsis on the
/// screen; whole in its tooltip).
async fn selected_row(d: &WebDriver) -> WebDriverResult<String> {
    let v = d
        .execute(
            "return document.querySelector('[data-testid=queue-row][aria-selected=true] .text').title",
            vec![],
        )
        .await?;
    // WebDriver reads a no-break space as a space.
    Ok(v.json().as_str().unwrap_or_default().replace('\u{a0}', " "))
}

/// Waits until the selected claim is another than `before`; returns its text.
async fn claim_changes(d: &WebDriver, before: &str) -> WebDriverResult<String> {
    for _ in 0..100 {
        let now = text_of(d, "[data-testid=claim-text]").await?;
        if now != before {
            return Ok(now);
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("the claim stayed {before:?}");
}

/// Gives the selected claim a verdict by keyboard and moves on to the next
/// claim in queue order (]); returns the keys it cost besides the rationale.
async fn verdict(
    d: &WebDriver,
    kb: &mut Keyboard,
    digit: &str,
    rating: &str,
    rationale: &str,
) -> WebDriverResult<usize> {
    let start = kb.pressed;
    let claim = text_of(d, "[data-testid=claim-text]").await?;
    kb.press(d, digit).await?;
    find_text(d, "[data-testid=give-verdict]", rating).await?;
    assert_eq!(
        focused(d).await?,
        "rationale",
        "the digit leads to the rationale"
    );
    kb.type_text(d, rationale).await?;
    kb.ctrl_enter(d).await?;
    find_text(d, "[data-testid=current-verdict]", rating).await?;
    // The verdict set the status to Done.
    find_text(d, "[data-testid=status][aria-pressed=true]", "Done").await?;
    kb.press(d, "]").await?;
    claim_changes(d, &claim).await?;
    Ok(kb.pressed - start)
}

pub(super) async fn a_keyboard_only_hour() -> WebDriverResult<()> {
    let d = launch().await?;
    let mut kb = Keyboard::default();

    // The name, then the sample, by keyboard.
    find(&d, "[data-testid=name-input]").await?;
    assert_eq!(
        focused(&d).await?,
        "name-input",
        "the name dialog takes the focus"
    );
    kb.type_text(&d, "Kim Keys").await?;
    kb.key(&d, Key::Enter).await?;
    gone(&d, "[data-testid=name-dialog]").await?;
    kb.tab_to(&d, "open-sample").await?;
    kb.key(&d, Key::Enter).await?;
    find_text(&d, "[data-testid=article-title]", "Kremlin").await?;
    shot(&d, "k01-sample-by-keyboard").await;

    // The queue: j / k move, Enter opens the claim in its article.
    kb.press(&d, "gq").await?;
    let all = format!("{} claims", factdesk_core::SAMPLE_CLAIMS);
    find_text(&d, "[data-testid=queue-count]", &all).await?;
    kb.press(&d, "jjk").await?;
    let picked = selected_row(&d).await?;
    kb.key(&d, Key::Enter).await?;
    let opened = text_of(&d, "[data-testid=claim-text]").await?;
    assert_eq!(opened, picked, "Enter opened another claim than the row's");
    shot(&d, "k02-opened-from-queue").await;

    // Three verdicts, each a digit, the rationale, Ctrl+Enter and ].
    let costs = [
        verdict(&d, &mut kb, "5", "False", "The transcript shows otherwise.").await?,
        verdict(&d, &mut kb, "1", "True", "Matches the press pool's record.").await?,
        verdict(&d, &mut kb, "3", "Mixed", "Half of it is on the record.").await?,
    ];
    for (i, cost) in costs.iter().enumerate() {
        assert!(
            *cost <= KEYS_PER_VERDICT,
            "verdict {} cost {cost} keys besides its rationale (at most {KEYS_PER_VERDICT})",
            i + 1
        );
    }
    shot(&d, "k03-three-verdicts").await;

    // A verdict without a rationale is refused at the field.
    let claim = text_of(&d, "[data-testid=claim-text]").await?;
    kb.press(&d, "2").await?;
    kb.ctrl_enter(&d).await?;
    let err = find(&d, "[data-testid=rationale-error]").await?;
    assert!(
        err.text().await?.contains("rationale"),
        "{}",
        err.text().await?
    );
    let field = find(&d, "[data-testid=rationale]").await?;
    assert_eq!(field.attr("aria-invalid").await?.as_deref(), Some("true"));
    shot(&d, "k04-rationale-required").await;
    kb.type_text(&d, "Mostly right, one figure off.").await?;
    gone(&d, "[data-testid=rationale-error]").await?;
    kb.ctrl_enter(&d).await?;
    find_text(&d, "[data-testid=current-verdict]", "Mostly true").await?;

    // Undo: u takes the verdict back, within ten seconds.
    find_text(&d, "[data-testid=toast-action]", "Undo").await?;
    kb.press(&d, "u").await?;
    find_text(&d, "[data-testid=toast-info]", "Took back").await?;
    gone(&d, "[data-testid=current-verdict]").await?;
    assert_eq!(text_of(&d, "[data-testid=claim-text]").await?, claim);
    find_text(&d, "[data-testid=status][aria-pressed=true]", "New").await?;
    shot(&d, "k05-undone").await;

    // An article imported with the CLI while the app runs appears by itself.
    let cli = std::env::var("FACTDESK_CLI").expect("FACTDESK_CLI: the factdesk binary");
    let fixture = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../fixtures/articles/health-study.txt");
    let out = std::process::Command::new(cli)
        .arg("import")
        .arg(&fixture)
        .output()
        .expect("the CLI runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    find_text(&d, "[data-testid=article-item]", "screen use").await?;
    // The place and the claim stay as they were.
    assert_eq!(text_of(&d, "[data-testid=claim-text]").await?, claim);
    shot(&d, "k06-cli-import-appears").await;

    // ] and [ go across articles in queue order.
    let first_title = text_of(&d, "[data-testid=article-title]").await?;
    let mut crossed = false;
    for _ in 0..40 {
        kb.press(&d, "]").await?;
        tokio::time::sleep(std::time::Duration::from_millis(150)).await;
        if text_of(&d, "[data-testid=article-title]").await? != first_title {
            crossed = true;
            break;
        }
    }
    assert!(crossed, "] never left {first_title:?}");
    shot(&d, "k07-next-article").await;
    let mut back = false;
    for _ in 0..40 {
        kb.press(&d, "[").await?;
        tokio::time::sleep(std::time::Duration::from_millis(150)).await;
        if text_of(&d, "[data-testid=article-title]").await? == first_title {
            back = true;
            break;
        }
    }
    assert!(back, "[ never came back to {first_title:?}");

    // Every dialog opens and closes by keyboard, and no shortcut acts
    // behind it: a digit, j and d pressed over it change nothing.
    let claim = text_of(&d, "[data-testid=claim-text]").await?;
    let dialogs = [
        ("?", "help"),
        ("s", "similar-dialog"),
        ("open-paste", "paste-text"),
        ("open-settings", "settings-dialog"),
        ("checker", "name-dialog"),
        ("edit-meta", "meta-dialog"),
    ];
    for (opener, dialog) in dialogs {
        if opener.len() == 1 {
            kb.press(&d, opener).await?;
        } else {
            // Focus the button as Tab would, and press it with Enter.
            find(&d, &format!("[data-testid={opener}]"))
                .await?
                .focus()
                .await?;
            kb.key(&d, Key::Enter).await?;
        }
        find(&d, &format!("[data-testid={dialog}]")).await?;
        if dialog == "help" || dialog == "settings-dialog" {
            // Nothing there to type into: the keys must do nothing at all.
            kb.press(&d, "4jd").await?;
        }
        shot(&d, &format!("k08-dialog-{dialog}")).await;
        kb.key(&d, Key::Escape).await?;
        gone(&d, &format!("[data-testid={dialog}]")).await?;
        assert_eq!(
            text_of(&d, "[data-testid=claim-text]").await?,
            claim,
            "a key acted behind {dialog}"
        );
        let give = text_of(&d, "[data-testid=give-verdict]").await?;
        assert_eq!(give, "Give verdict", "a rating was picked behind {dialog}");
    }
    // Back in the queue, its place is the claim ] and [ reached, not row 1.
    let here = text_of(&d, "[data-testid=claim-text]").await?;
    kb.press(&d, "gq").await?;
    find(&d, "[data-testid=queue-row][aria-selected=true]").await?;
    assert_eq!(selected_row(&d).await?, here, "the queue lost its place");
    // The queue's rating asks for a rationale in a dialog of its own.
    kb.press(&d, "7").await?;
    find(&d, "[data-testid=rate-dialog]").await?;
    assert_eq!(focused(&d).await?, "rate-rationale");
    shot(&d, "k09-queue-rating").await;
    kb.key(&d, Key::Escape).await?;
    gone(&d, "[data-testid=rate-dialog]").await?;
    d.quit().await?;
    Ok(())
}
