//! `y` seen on screen: the notice in the status bar says what was copied, or why not.

use nghiquyet::app::Effect;
use nghiquyet::app::clipboard::{Osc52, Osc52Setting, detect};

use super::{THEME, app, press, render, row_text};

#[test]
fn y_shows_what_was_copied_in_the_status_bar() {
    let mut a = app(120, 40);
    let effects = press(&mut a, "3jjjjy");
    let copied: Vec<&String> = effects
        .iter()
        .filter_map(|e| match e {
            Effect::Copy(t) => Some(t),
            _ => None,
        })
        .collect();
    assert_eq!(copied.len(), 1);
    let chars = copied[0].chars().count();
    let t = render(&a, 120, 40, THEME);
    let status = row_text(t.backend().inner.buffer(), 39);
    assert!(
        status.contains(&format!("đã chép đoạn kèm trích dẫn ({chars} ký tự)")),
        "{status}"
    );
}

#[test]
fn y_on_the_linux_console_says_copying_is_off_and_why() {
    let mut a = app(120, 40);
    a.osc52 = detect(Osc52Setting::Auto, Some("linux"));
    assert!(matches!(a.osc52, Osc52::Off(_)));
    let effects = press(&mut a, "3jy");
    assert!(!effects.iter().any(|e| matches!(e, Effect::Copy(_))));
    let t = render(&a, 120, 40, THEME);
    let status = row_text(t.backend().inner.buffer(), 39);
    assert!(
        status.contains("chép tắt: TERM=linux không hỗ trợ OSC 52; --osc52 on để bật"),
        "{status}"
    );
}
