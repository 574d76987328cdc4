//! A scripted end-to-end benchmark of the desktop app on a large database
//! (scripts/bench-desktop.sh prepares it and starts tauri-driver under Xvfb).
//! Prints: time to a usable window, time to open a long article, queue filter
//! and scroll update times, and the app's memory (its process and WebKit's).

use std::time::{Duration, Instant};

use thirtyfour::prelude::*;

async fn wait(d: &WebDriver, css: &str) -> WebDriverResult<WebElement> {
    d.query(By::Css(css))
        .wait(Duration::from_secs(60), Duration::from_millis(10))
        .first()
        .await
}

/// Runs `action` in the page and resolves when `done()` holds, in milliseconds.
async fn timed(d: &WebDriver, action: &str, done: &str) -> WebDriverResult<f64> {
    let script = format!(
        "const cb = arguments[arguments.length - 1];
         const t0 = performance.now();
         {action};
         const check = () => {{ if ({done}) cb(performance.now() - t0); else requestAnimationFrame(check); }};
         requestAnimationFrame(check);"
    );
    let r = d.execute_async(&script, vec![]).await?;
    Ok(r.json().as_f64().unwrap_or(f64::NAN))
}

/// (RSS, PSS) in MB, summed over the app's process and WebKit's. PSS shares
/// the pages the processes map together (WebKit's libraries) among them.
fn memory_mb() -> (f64, f64) {
    let (mut rss, mut pss) = (0u64, 0u64);
    let field = |text: &str, name: &str| -> u64 {
        text.lines()
            .find(|l| l.starts_with(name))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|v| v.parse().ok())
            .unwrap_or(0)
    };
    for entry in std::fs::read_dir("/proc").into_iter().flatten().flatten() {
        let cmd = std::fs::read_to_string(entry.path().join("cmdline")).unwrap_or_default();
        if cmd.contains("factdesk-desktop")
            || cmd.contains("WebKitWebProcess")
            || cmd.contains("WebKitNetworkProcess")
        {
            let rollup =
                std::fs::read_to_string(entry.path().join("smaps_rollup")).unwrap_or_default();
            rss += field(&rollup, "Rss:");
            pss += field(&rollup, "Pss:");
            let name = std::fs::read_to_string(entry.path().join("comm")).unwrap_or_default();
            println!(
                "  {}: {} MB PSS",
                name.trim(),
                field(&rollup, "Pss:") / 1024
            );
        }
    }
    (rss as f64 / 1024.0, pss as f64 / 1024.0)
}

#[tokio::main]
async fn main() -> WebDriverResult<()> {
    let app = std::env::var("FACTDESK_APP").expect("FACTDESK_APP");
    let mut caps = thirtyfour::Capabilities::new();
    caps.set("browserName", "wry")?;
    caps.set("tauri:options", serde_json::json!({ "application": app }))?;
    let t0 = Instant::now();
    let d = WebDriver::new("http://127.0.0.1:4444", caps).await?;
    wait(&d, "[data-testid=article-title]").await?;
    println!(
        "window shown and usable (session start to the last article rendered, incl. WebDriver start-up): {} ms",
        t0.elapsed().as_millis()
    );

    // The app opens the newest article, which is the long one: open another
    // first, then time opening the long one (picked by title).
    timed(
        &d,
        "[...document.querySelectorAll('[data-testid=article-item]')].find(b => !b.textContent.includes('A long day')).click()",
        "!document.querySelector('[data-testid=article-title]')?.textContent.includes('A long day')",
    )
    .await?;
    let ms = timed(
        &d,
        "[...document.querySelectorAll('[data-testid=article-item]')].find(b => b.textContent.includes('A long day')).click()",
        "document.querySelector('[data-testid=article-title]')?.textContent.includes('A long day') && document.querySelectorAll('[data-testid=article-body] mark').length >= 150",
    )
    .await?;
    let marks: usize = d
        .find_all(By::Css("[data-testid=article-body] mark"))
        .await?
        .len();
    println!("10,000-word article opened: {ms:.0} ms ({marks} highlighted stretches)");

    d.find(By::Css("[data-testid=tab-queue]"))
        .await?
        .click()
        .await?;
    wait(&d, "[data-testid=queue-row]").await?;
    let loads = "document.querySelector('.queue').dataset.loads";
    for (label, value) in [
        ("search 'hospital'", "hospital"),
        ("search 'hospital waiting'", "hospital waiting"),
        ("search 'reuters explained'", "reuters explained"),
        ("clear the search", ""),
    ] {
        let action = format!(
            "window.__before = {loads}; const i = document.querySelector('[data-testid=queue-search]'); i.value = '{value}'; i.dispatchEvent(new Event('input', {{ bubbles: true }}))"
        );
        let ms = timed(&d, &action, &format!("{loads} !== window.__before")).await?;
        println!(
            "queue update, {label}: {ms:.0} ms ({})",
            d.find(By::Css("[data-testid=queue-count]"))
                .await?
                .text()
                .await?
        );
    }
    let ms = timed(
        &d,
        &format!("window.__before = {loads}; const l = document.querySelector('.qlist'); l.scrollTop = l.scrollHeight - l.clientHeight; l.dispatchEvent(new Event('scroll'))"),
        &format!("{loads} !== window.__before && document.querySelectorAll('[data-testid=queue-row]').length > 0"),
    )
    .await?;
    println!("queue scrolled to the end, next page fetched and drawn: {ms:.0} ms");
    let (rss, pss) = memory_mb();
    println!("memory (app + WebKit processes): {pss:.0} MB PSS, {rss:.0} MB RSS");
    d.quit().await?;
    Ok(())
}
