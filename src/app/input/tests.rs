//! The text box's model: graphemes, paste, Telex.
use super::*;
use proptest::prelude::*;

#[test]
fn pasted_bidi_overrides_and_controls_never_reach_the_text() {
    let mut i = Input::new();
    i.insert_str("ab\u{202e}cd\u{2066}e\u{1b}]0;PWNED\u{7}f\u{9b}2Jg");
    assert_eq!(i.text(), "abcdefg");
    i.insert_char('\u{202d}');
    assert_eq!(i.text(), "abcdefg");
}

fn typed(s: &str) -> Input {
    let mut input = Input::new();
    for c in s.chars() {
        input.insert_char(c);
    }
    input
}

fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

fn ctrl(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)
}

fn is_grapheme_boundary(text: &str, i: usize) -> bool {
    i == text.len() || text.grapheme_indices(true).any(|(j, _)| j == i)
}

#[test]
fn combining_sequences_are_one_grapheme() {
    // NFC has no single char for x + acute, so this stays two chars, one grapheme.
    let mut input = typed("ax\u{301}b");
    assert_eq!(input.text(), "ax\u{301}b");
    input.left();
    input.left();
    assert_eq!(input.cursor, 1);
    input.delete();
    assert_eq!(input.text(), "ab");

    // e + combining acute typed separately is composed to é, then deleted in one go.
    let mut input = typed("e\u{301}");
    assert_eq!(input.text(), "é");
    assert_eq!(input.cursor_column(), 1);
    input.backspace();
    assert_eq!(input.text(), "");
}

#[test]
fn zwj_emoji_is_one_grapheme() {
    let family = "👨\u{200d}👩\u{200d}👧";
    let mut input = Input::new();
    input.insert_str(&format!("a{family}b"));
    input.left();
    input.left();
    assert_eq!(input.cursor, 1);
    input.right();
    assert_eq!(input.cursor, 1 + family.len());
    input.backspace();
    assert_eq!(input.text(), "ab");
    assert_eq!(input.cursor, 1);
}

#[test]
fn typing_a_joiner_between_emoji_keeps_the_cursor_on_a_boundary() {
    let mut input = typed("👨👩");
    input.left();
    input.insert_char('\u{200d}');
    assert_eq!(input.text(), "👨\u{200d}👩");
    assert!(is_grapheme_boundary(input.text(), input.cursor));
}

#[test]
fn cursor_column_counts_display_width() {
    let mut input = typed("Hà Nội 漢字");
    assert_eq!(input.cursor_column(), 11);
    input.home();
    assert_eq!(input.cursor_column(), 0);
    input.right();
    input.right();
    assert_eq!(input.cursor_column(), 2);
}

#[test]
fn paste_drops_escapes_and_joins_lines() {
    let mut input = typed("ab");
    input.left();
    input.insert_str("x\r\ny\nz\tw\u{1b}[31mred\u{1b}[0m\u{7}\u{1b}]0;title\u{7}!");
    assert_eq!(input.text(), "ax y z wred!b");
    assert_eq!(input.cursor, "ax y z wred!".len());

    let mut input = Input::new();
    input.insert_str("\u{1b}[200~Thanh Hoa\u{301}\u{1b}[201~");
    assert_eq!(input.text(), "Thanh Hoá");
}

#[test]
fn paste_is_not_converted_by_telex() {
    let mut input = Input::new();
    input.toggle_telex();
    input.insert_str("thanhf");
    assert_eq!(input.text(), "thanhf");
}

#[test]
fn ctrl_w_and_ctrl_u() {
    let mut input = typed("nghị quyết  đại hội  ");
    assert!(input.handle_key(ctrl('w')));
    assert_eq!(input.text(), "nghị quyết  đại ");
    input.handle_key(ctrl('w'));
    assert_eq!(input.text(), "nghị quyết  ");
    input.handle_key(ctrl('w'));
    assert_eq!(input.text(), "nghị ");

    let mut input = typed("nghị quyết");
    input.left();
    input.left();
    assert!(input.handle_key(ctrl('u')));
    assert_eq!(input.text(), "ết");
    assert_eq!(input.cursor, 0);
    assert!(!input.handle_key(ctrl('u')));
    assert!(!input.handle_key(ctrl('w')));
}

#[test]
fn keys_move_and_edit() {
    let mut input = Input::new();
    assert!(input.handle_key(key(KeyCode::Char('b'))));
    assert!(input.handle_key(KeyEvent::new(KeyCode::Char('C'), KeyModifiers::SHIFT)));
    assert!(!input.handle_key(ctrl('a')));
    assert!(input.handle_key(key(KeyCode::Char('a'))));
    assert_eq!(input.text(), "abC");
    assert!(!input.handle_key(key(KeyCode::End)));
    assert!(input.handle_key(key(KeyCode::Backspace)));
    assert!(!input.handle_key(key(KeyCode::Home)));
    assert!(input.handle_key(key(KeyCode::Delete)));
    assert!(!input.handle_key(key(KeyCode::Right)));
    assert!(!input.handle_key(key(KeyCode::Left)));
    assert!(!input.handle_key(ctrl('e')));
    assert_eq!(input.text(), "b");
    assert_eq!(input.cursor, 1);
    // Alt-letters are for the app, not the text; releases are ignored.
    assert!(!input.handle_key(KeyEvent::new(KeyCode::Char('x'), KeyModifiers::ALT)));
    let mut release = key(KeyCode::Char('x'));
    release.kind = KeyEventKind::Release;
    assert!(!input.handle_key(release));
    assert_eq!(input.text(), "b");
}

#[test]
fn telex_converts_while_typing() {
    let mut input = Input::new();
    // Ctrl-t belongs to the keymap now: the box ignores it.
    assert!(!input.handle_key(ctrl('t')));
    assert!(!input.telex());
    input.toggle_telex();
    assert!(input.telex());
    for c in "thanhf".chars() {
        input.handle_key(key(KeyCode::Char(c)));
    }
    assert_eq!(input.text(), "thành");
    assert_eq!(input.cursor_column(), 5);
    assert!(input.handle_key(key(KeyCode::Backspace)));
    assert_eq!(input.text(), "thanh");
    input.insert_char('f');
    input.insert_char(' ');
    for c in "hoas".chars() {
        input.insert_char(c);
    }
    assert_eq!(input.text(), "thành hóa");
}

#[test]
fn telex_words_in_a_sentence() {
    let mut input = Input::new();
    input.toggle_telex();
    for c in "Nghij quyeets DDaij hooij, tinhr Thanhf Hoas (2020)".chars() {
        input.insert_char(c);
    }
    assert_eq!(input.text(), "Nghị quyết Đại hội, tỉnh Thành Hóa (2020)");
    let mut input = Input::new();
    input.toggle_telex();
    for c in "facebook covid ass".chars() {
        input.insert_char(c);
    }
    assert_eq!(input.text(), "facebook covid as");
}

#[test]
fn telex_picks_up_the_word_before_the_cursor() {
    let mut input = Input::new();
    input.toggle_telex();
    for c in "thanhf ".chars() {
        input.insert_char(c);
    }
    input.backspace(); // the space: no word was being typed
    assert_eq!(input.text(), "thành");
    input.insert_char('s'); // keys recovered as "thanhf" + "s"
    assert_eq!(input.text(), "thánh");
    input.backspace();
    assert_eq!(input.text(), "thành");

    // In the middle of the text, only the word before the cursor changes.
    let mut input = typed("hoa binh");
    input.toggle_telex();
    for _ in 0..5 {
        input.left();
    }
    input.insert_char('f');
    assert_eq!(input.text(), "hòa binh");
    assert_eq!(input.cursor, "hòa".len());
}

#[test]
fn toggling_telex_off_types_plain_letters() {
    let mut input = Input::new();
    input.toggle_telex();
    input.insert_char('a');
    input.insert_char('a');
    assert_eq!(input.text(), "â");
    input.toggle_telex();
    assert!(!input.telex());
    input.insert_char('a');
    input.insert_char('s');
    assert_eq!(input.text(), "âas");
    input.backspace();
    assert_eq!(input.text(), "âa");
}

#[derive(Debug, Clone)]
enum Op {
    Char(char),
    Paste(String),
    Backspace,
    Delete,
    Left,
    Right,
    Home,
    End,
    WordBack,
    Clear,
    Telex,
}

fn op() -> impl Strategy<Value = Op> {
    let chars = prop::sample::select(vec![
        'a', 'd', 'e', 'o', 'u', 'w', 's', 'f', 'z', 'A', ' ', '1', 'é', '漢', '\u{301}',
        '\u{323}', '\u{200d}', '👨', '👩', '🇻', '🇳', '\n', '\u{1b}',
    ]);
    prop_oneof![
        4 => chars.prop_map(Op::Char),
        1 => "[ae\u{301}\u{302} \n\u{1b}\\[m👨\u{200d}]{0,6}".prop_map(Op::Paste),
        1 => Just(Op::Backspace),
        1 => Just(Op::Delete),
        1 => Just(Op::Left),
        1 => Just(Op::Right),
        1 => Just(Op::Home),
        1 => Just(Op::End),
        1 => Just(Op::WordBack),
        1 => Just(Op::Clear),
        1 => Just(Op::Telex),
    ]
}

proptest! {
    #[test]
    fn live_typing_matches_converting_the_text(s in "[a-zA-Z]{1,8}( [a-zA-Z]{1,8}){0,3}") {
        let mut input = Input::new();
        input.toggle_telex();
        for c in s.chars() {
            input.insert_char(c);
        }
        prop_assert_eq!(input.text(), crate::text::telex::telex(&s));
    }

    #[test]
    fn cursor_stays_on_a_grapheme_boundary(ops in prop::collection::vec(op(), 0..60)) {
        let mut input = Input::new();
        for op in ops {
            match op {
                Op::Char(c) => input.insert_char(c),
                Op::Paste(s) => input.insert_str(&s),
                Op::Backspace => input.backspace(),
                Op::Delete => input.delete(),
                Op::Left => input.left(),
                Op::Right => input.right(),
                Op::Home => input.home(),
                Op::End => input.end(),
                Op::WordBack => input.delete_word_back(),
                Op::Clear => input.clear(),
                Op::Telex => input.toggle_telex(),
            }
            prop_assert!(input.cursor <= input.text.len());
            prop_assert!(is_grapheme_boundary(&input.text, input.cursor));
            prop_assert!(is_nfc(&input.text));
            prop_assert!(!input.text.chars().any(char::is_control));
            let _ = input.cursor_column();
        }
    }
}
