//! The report in headless Chromium: no console message and no script error,
//! the page script ran to its end, every chart mark was laid out with a
//! size, and screenshots land in `output/` (`report.png` for the fixture,
//! `report-seeds.png` for the seeds). The fixture's output folder stays in
//! `target/report-fixture/` to look at.
//!
//! Chromium is found as `$GAZETTE_CHROMIUM` or `chromium`,
//! `chromium-browser`, `google-chrome` on PATH. Without it the test says
//! SKIPPED on stderr (uncaptured) and passes, unless
//! `GAZETTE_REQUIRE_CHROMIUM=1` (set by `make test`, which installs it)
//! makes a missing browser a failure.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use gazette::output::writer::{Formats, Layout};

use super::{attr, charts, fixture_report};
use crate::util::{root, run_ok};

fn find_chromium() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("GAZETTE_CHROMIUM") {
        return Some(PathBuf::from(p));
    }
    let path = std::env::var_os("PATH")?;
    for dir in std::env::split_paths(&path) {
        for name in [
            "chromium",
            "chromium-browser",
            "google-chrome",
            "google-chrome-stable",
        ] {
            let p = dir.join(name);
            if p.is_file() {
                return Some(p);
            }
        }
    }
    None
}

/// Chromium, or `None` after saying loudly why the test is skipped.
fn chromium_or_skip() -> Option<PathBuf> {
    let found = find_chromium();
    if found.is_none() {
        let why =
            "headless Chromium not found (install Debian's `chromium`, or set GAZETTE_CHROMIUM)";
        if std::env::var_os("GAZETTE_REQUIRE_CHROMIUM").is_some_and(|v| v != "0") {
            panic!("{why}, and GAZETTE_REQUIRE_CHROMIUM is set");
        }
        // straight to stderr: test output capture would hide eprintln!
        let _ = writeln!(std::io::stderr(), "\nSKIPPED report browser test: {why}\n");
    }
    found
}

/// Runs Chromium headless on a page with a fresh profile; returns stdout
/// and stderr. Killed after two minutes.
fn chromium(exe: &Path, page: &Path, extra: &[&str]) -> (String, String) {
    let profile = tempfile::tempdir().unwrap();
    let logs = tempfile::tempdir().unwrap();
    let (out_path, err_path) = (logs.path().join("out"), logs.path().join("err"));
    let mut child = Command::new(exe)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--hide-scrollbars",
            "--enable-logging=stderr",
            "--v=0",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(extra)
        .arg(format!("file://{}", page.display()))
        .stdin(Stdio::null())
        .stdout(std::fs::File::create(&out_path).unwrap())
        .stderr(std::fs::File::create(&err_path).unwrap())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {}: {e}", exe.display()));
    let started = Instant::now();
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        if started.elapsed() > Duration::from_secs(120) {
            let _ = child.kill();
            panic!("chromium did not finish within 120 s on {}", page.display());
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    let stdout = std::fs::read_to_string(out_path).unwrap_or_default();
    let stderr = std::fs::read_to_string(err_path).unwrap_or_default();
    assert!(status.success(), "chromium failed ({status}): {stderr}");
    (stdout, stderr)
}

/// Opens a report, checks it, saves a screenshot; `filled`: every chart
/// must have marks.
fn check_page(exe: &Path, page: &Path, screenshot: &Path, filled: bool) {
    let (dom, log) = chromium(exe, page, &["--dump-dom"]);
    let console: Vec<&str> = log.lines().filter(|l| l.contains(":CONSOLE")).collect();
    assert!(
        console.is_empty(),
        "console messages on {}:\n{}",
        page.display(),
        console.join("\n")
    );
    let html_tag = &dom[dom.find("<html").expect("a DOM")..];
    let html_tag = &html_tag[..html_tag.find('>').unwrap()];
    assert_eq!(
        attr(html_tag, "data-errors"),
        None,
        "script errors: {html_tag}"
    );
    assert_eq!(
        attr(html_tag, "data-ready"),
        Some("1"),
        "the page script did not finish"
    );
    let charts = charts(&dom);
    assert_eq!(charts.len(), 7);
    for (marks, tag) in &charts {
        let rendered: usize = attr(tag, "data-rendered")
            .unwrap_or_else(|| panic!("chart not measured: {tag}"))
            .parse()
            .unwrap();
        assert_eq!(rendered, *marks, "marks laid out vs drawn: {tag}");
        assert!(!filled || *marks > 0, "empty chart: {tag}");
    }
    std::fs::create_dir_all(screenshot.parent().unwrap()).unwrap();
    let _ = std::fs::remove_file(screenshot);
    let shot = format!("--screenshot={}", screenshot.display());
    chromium(exe, page, &[&shot, "--window-size=1280,2400"]);
    let size = std::fs::metadata(screenshot).map(|m| m.len()).unwrap_or(0);
    assert!(
        size > 10_000,
        "no screenshot at {} ({size} bytes)",
        screenshot.display()
    );
}

#[test]
fn reports_render_in_headless_chromium() {
    let Some(exe) = chromium_or_skip() else {
        return;
    };
    // kept after the test, to look at (`gazette report target/report-fixture`)
    let fixture = root().join("target").join("report-fixture");
    let _ = std::fs::remove_dir_all(&fixture);
    fixture_report(
        &fixture,
        Layout::Single,
        Formats {
            parquet: true,
            csv: true,
        },
    );
    let output = root().join("output");
    check_page(
        &exe,
        &fixture.join("report.html"),
        &output.join("report.png"),
        true,
    );

    let seeds = tempfile::tempdir().unwrap();
    run_ok(&root().join("seeds"), seeds.path(), &[]);
    check_page(
        &exe,
        &seeds.path().join("report.html"),
        &output.join("report-seeds.png"),
        false,
    );
}
