use super::*;

fn changes(old: &str, new: &str) -> Vec<(Change, Option<usize>, Option<usize>)> {
    compare(old, new)
        .into_iter()
        .map(|l| (l.change, l.old_no, l.new_no))
        .collect()
}

#[test]
fn r_help_4_compare_marks_added_removed_and_same_lines() {
    let old = "# Title\nfirst\nsecond\nthird\n";
    let new = "# Title\nfirst\nthird\nfourth\n";
    assert_eq!(
        changes(old, new),
        vec![
            (Change::Same, Some(1), Some(1)),
            (Change::Same, Some(2), Some(2)),
            (Change::Removed, Some(3), None),
            (Change::Same, Some(4), Some(3)),
            (Change::Added, None, Some(4)),
        ]
    );
}

#[test]
fn r_help_4_formatting_only_changes_are_marked_reformatted() {
    let old = "Refunds take **one** day.\n- first step\n## Heading\ntext  with   spaces\n";
    let new = "Refunds take one day.\n* first step\n### Heading\ntext with spaces\n";
    let got = changes(old, new);
    assert!(got.iter().all(|(c, _, _)| *c == Change::Reformatted), "{got:?}");
    // A change of words is not a reformat.
    let got = changes("Refunds take **one** day.\n", "Refunds take two days.\n");
    assert_eq!(
        got,
        vec![(Change::Removed, Some(1), None), (Change::Added, None, Some(1))]
    );
}

#[test]
fn r_help_4_identical_and_empty_revisions() {
    assert!(compare("a\nb\n", "a\nb\n")
        .iter()
        .all(|l| l.change == Change::Same));
    assert!(compare("", "").is_empty());
    assert_eq!(changes("", "new\n"), vec![(Change::Added, None, Some(1))]);
    assert_eq!(changes("old\n", ""), vec![(Change::Removed, Some(1), None)]);
}

#[test]
fn r_help_4_every_line_of_both_revisions_appears_once_in_order() {
    // A small exhaustive check over generated pairs of texts.
    let alphabet = ["a", "b", "**a**", "c", ""];
    let texts: Vec<String> = (0..125)
        .map(|n| {
            let (x, y, z) = (n % 5, (n / 5) % 5, n / 25);
            [alphabet[x], alphabet[y], alphabet[z]].join("\n")
        })
        .collect();
    for old in &texts {
        for new in texts.iter().step_by(7) {
            let diff = compare(old, new);
            let olds: Vec<String> = diff.iter().filter_map(|l| l.old.clone()).collect();
            let news: Vec<String> = diff.iter().filter_map(|l| l.new.clone()).collect();
            assert_eq!(olds, old.lines().map(str::to_string).collect::<Vec<_>>());
            assert_eq!(news, new.lines().map(str::to_string).collect::<Vec<_>>());
            for l in &diff {
                match l.change {
                    Change::Same => assert_eq!(l.old, l.new),
                    Change::Reformatted => {
                        assert_ne!(l.old, l.new);
                        assert_eq!(
                            line_words(l.old.as_ref().unwrap()),
                            line_words(l.new.as_ref().unwrap())
                        );
                    }
                    Change::Added => assert!(l.old.is_none()),
                    Change::Removed => assert!(l.new.is_none()),
                }
            }
        }
    }
}

#[test]
fn r_help_4_side_by_side_pairs_removals_with_additions() {
    let rows = side_by_side(&compare("a\nold one\nold two\nz\n", "a\nnew one\nz\n"));
    assert_eq!(rows.len(), 4);
    assert_eq!(rows[1].0.as_ref().unwrap().old.as_deref(), Some("old one"));
    assert_eq!(rows[1].1.as_ref().unwrap().new.as_deref(), Some("new one"));
    assert_eq!(rows[2].0.as_ref().unwrap().old.as_deref(), Some("old two"));
    assert!(rows[2].1.is_none());
}

#[test]
fn r_help_4_drafts_are_bounded_and_free_of_hidden_characters() {
    let d = ArticleDraft::parse("  Refunds \n explained ", "Short.", "Body\r\ntext").unwrap();
    assert_eq!(d.title, "Refunds explained");
    assert_eq!(d.body, "Body\ntext\n");
    assert!(ArticleDraft::parse("", "s", "b").is_err());
    assert!(ArticleDraft::parse("t", "s", "  ").is_err());
    assert!(ArticleDraft::parse(&"t".repeat(151), "s", "b").is_err());
    assert!(ArticleDraft::parse("t", "s", &"b".repeat(100_001)).is_err());
    assert!(ArticleDraft::parse("t", "s", "evil \u{202e} text").is_err());
    assert!(ArticleDraft::parse("t", "s", "forged \u{e000}hit").is_err());
    let e = ArticleDraft::parse("t", "", "b").unwrap_err();
    assert_eq!(e.rule, Some(RuleId::Help4));
}

#[test]
fn r_help_1_slugs_are_url_words() {
    assert!(Slug::parse("how-models-refund-a-call").is_ok());
    for bad in [
        "",
        "Upper",
        "with space",
        "-lead",
        "trail-",
        "double--hyphen",
        "àccent",
        "a/b",
    ] {
        assert!(Slug::parse(bad).is_err(), "{bad}");
    }
}

#[test]
fn r_help_3_votes_and_share_of_no() {
    assert_eq!(Vote::parse("yes").unwrap(), Vote::Yes);
    assert_eq!(Vote::parse("no").unwrap(), Vote::No);
    assert_eq!(Vote::parse("maybe").unwrap_err().rule, Some(RuleId::Help3));
    assert_eq!(Tally { yes: 0, no: 0 }.share_no_percent(), None);
    assert_eq!(Tally { yes: 1, no: 1 }.share_no_percent(), Some(50));
    assert_eq!(Tally { yes: 2, no: 1 }.share_no_percent(), Some(33));
    assert_eq!(Tally { yes: 1, no: 2 }.share_no_percent(), Some(67));
    assert_eq!(Tally { yes: 0, no: 3 }.share_no_percent(), Some(100));
}

#[test]
fn r_help_2_query_words_are_folded_and_inert() {
    assert_eq!(query_words("Rimborso perché?"), vec!["rimborso", "perche"]);
    assert_eq!(
        query_words("\"x\" OR NEAR(a b) * ' ; -- refund:*"),
        vec!["or", "near", "refund"]
    );
    assert_eq!(query_words("a b c"), Vec::<String>::new());
    assert_eq!(query_words(&"word ".repeat(20)), vec!["word"]);
    let many = (0..20).map(|i| format!("w{i}")).collect::<Vec<_>>().join(" ");
    assert_eq!(query_words(&many).len(), MAX_QUERY_WORDS);
}

#[test]
fn r_help_2_typos_are_corrected_within_the_allowance() {
    let vocab = [("rimborso", 5), ("rimborsi", 1), ("processore", 3), ("call", 9)];
    assert_eq!(correct("rimborzo", vocab).as_deref(), Some("rimborso"));
    assert_eq!(correct("rimobrso", vocab).as_deref(), Some("rimborso"));
    assert_eq!(correct("procesore", vocab).as_deref(), Some("processore"));
    // Short words are taken as typed.
    assert_eq!(correct("cal", vocab), None);
    // Too far from anything.
    assert_eq!(correct("zzzzzz", vocab), None);
    assert_eq!(edit_distance("kitten", "sitting"), 3);
    assert_eq!(edit_distance("", "abc"), 3);
    assert_eq!(edit_distance("ab", "ba"), 1);
}

#[test]
fn r_help_2_snippets_split_into_hits_and_text() {
    let s = format!("Ask for a {HIT_START}refund{HIT_END} within <b>48</b> hours");
    assert_eq!(
        snippet_parts(&s),
        vec![
            ("Ask for a ".to_string(), false),
            ("refund".to_string(), true),
            (" within <b>48</b> hours".to_string(), false),
        ]
    );
}

#[test]
fn r_help_2_query_words_are_letters_and_digits_only_even_after_lowercasing() {
    assert_eq!(fold("İstanbul"), "istanbul");
    assert_eq!(
        query_words("İ𝕏 rimborso"),
        vec!["i𝕏".to_string(), "rimborso".to_string()]
    );
}
