//! The harness's accessibility check: axe-core (the UI's npm package, not
//! the network) injected into the window through WebDriver.

use crate::harness::screenshot;
use std::path::Path;
use thirtyfour::prelude::*;

/// axe-core's rules of WCAG 2.1 A and AA.
const AXE_TAGS: [&str; 4] = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

/// axe-core's script, from the UI's npm packages (`scripts/setup` installs them).
fn axe_source() -> &'static str {
    static SOURCE: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    SOURCE.get_or_init(|| {
        let path =
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/node_modules/axe-core/axe.min.js");
        std::fs::read_to_string(&path).unwrap_or_else(|e| {
            panic!(
                "{}: {e}; run scripts/setup, which installs the UI's npm packages",
                path.display()
            )
        })
    })
}

/// Runs axe-core with the WCAG 2.1 A and AA rules on the whole document as it
/// is drawn now, and fails with a readable list of every violation. `screen`
/// names what is shown, for the message. axe is injected through WebDriver
/// (the app's CSP does not apply to it) and nothing comes from the network.
pub(crate) async fn assert_accessible(app: &WebDriver, screen: &str) {
    let violations = axe_violations(app).await;
    if violations.is_empty() {
        return;
    }
    screenshot(app, &format!("axe-{}", screen.replace([' ', '/', '→'], "-"))).await;
    let mut report = format!("axe-core found {} violation(s) on {screen}:\n", violations.len());
    for v in &violations {
        report.push_str(&format!("- {v}\n"));
    }
    panic!("{report}");
}

/// The WCAG 2.1 A and AA violations axe-core finds in the document, one line
/// each: rule, impact, target selector, a short HTML snippet and what fails.
pub(crate) async fn axe_violations(app: &WebDriver) -> Vec<String> {
    let loaded = app.execute("return typeof window.axe === 'object';", Vec::new()).await.unwrap();
    if !loaded.json().as_bool().unwrap_or(false) {
        app.execute(axe_source(), Vec::new()).await.expect("axe-core is injected");
    }
    // Two animation frames: what was just clicked is drawn.
    let script = r#"
        const done = arguments[arguments.length - 1];
        requestAnimationFrame(() => requestAnimationFrame(() => {
          axe.run(document, {
            runOnly: { type: 'tag', values: arguments[0] },
            resultTypes: ['violations'],
          }).then((result) => done(result.violations.flatMap((v) => v.nodes.map((n) => ({
            rule: v.id, impact: v.impact, help: v.help, target: n.target.map(String).join(' '),
            html: n.html.replace(/\s+/g, ' ').slice(0, 160),
            summary: (n.failureSummary || '').replace(/\s+/g, ' ').slice(0, 300),
          })))), (e) => done([{ rule: 'axe-error', impact: 'critical', help: String(e),
                                 target: '', html: '', summary: '' }]));
        }));"#;
    let args = vec![serde_json::json!(AXE_TAGS)];
    let result = app.execute_async(script, args).await.expect("axe-core ran");
    let nodes = result.json().as_array().cloned().unwrap_or_default();
    nodes
        .iter()
        .filter(|n| {
            !axe_false_positive(
                n["rule"].as_str().unwrap_or(""),
                n["target"].as_str().unwrap_or(""),
            )
        })
        .map(|n| {
            format!(
                "{} ({}) at `{}`: {} | {} | {}",
                n["rule"].as_str().unwrap_or(""),
                n["impact"].as_str().unwrap_or(""),
                n["target"].as_str().unwrap_or(""),
                n["help"].as_str().unwrap_or(""),
                n["html"].as_str().unwrap_or(""),
                n["summary"].as_str().unwrap_or(""),
            )
        })
        .collect()
}

/// Rule and element pairs axe-core reports wrongly under WebKitGTK; each is
/// explained where it is listed. None so far.
fn axe_false_positive(_rule: &str, _target: &str) -> bool {
    false
}
