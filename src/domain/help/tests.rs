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

fn words_of(line: &DiffLine) -> Vec<(&str, bool)> {
    line.words.iter().map(|p| (p.text.as_str(), p.marked)).collect()
}

#[test]
fn r_help_4_changed_words_are_marked_inside_a_changed_line() {
    let diff = compare("Refunds take **one** day.\n", "Refunds take two days.\n");
    assert_eq!(diff.len(), 2);
    // The removed line: the words that went are marked; the space between
    // two changed words belongs to the change.
    assert_eq!(
        words_of(&diff[0]),
        vec![("Refunds take ", false), ("**one** day.", true)]
    );
    assert_eq!(
        words_of(&diff[1]),
        vec![("Refunds take ", false), ("two days.", true)]
    );
    // The pieces are the line itself, nothing lost or added.
    let joined = |l: &DiffLine| l.words.iter().map(|p| p.text.as_str()).collect::<String>();
    assert_eq!(Some(joined(&diff[0])), diff[0].old);
    assert_eq!(Some(joined(&diff[1])), diff[1].new);

    // In a block of two replaced lines, each is paired with its replacement.
    let diff = compare(
        "a\nthe cat sat\nthe dog ran\nz\n",
        "a\nthe cat slept\nthe fox ran\nz\n",
    );
    let changed: Vec<(Change, Vec<(&str, bool)>)> = diff
        .iter()
        .filter(|l| matches!(l.change, Change::Added | Change::Removed))
        .map(|l| (l.change, words_of(l)))
        .collect();
    assert_eq!(
        changed,
        vec![
            (Change::Removed, vec![("the cat ", false), ("sat", true)]),
            (
                Change::Removed,
                vec![("the ", false), ("dog", true), (" ran", false)]
            ),
            (Change::Added, vec![("the cat ", false), ("slept", true)]),
            (
                Change::Added,
                vec![("the ", false), ("fox", true), (" ran", false)]
            ),
        ]
    );

    // Lines that share no word are changed whole: nothing to mark inside.
    let diff = compare("alpha beta\n", "gamma delta\n");
    assert!(diff.iter().all(|l| l.words.is_empty()), "{diff:?}");
    // A line added or removed without a counterpart is not marked either.
    let diff = compare("a\n", "a\nb c\n");
    assert!(diff.iter().all(|l| l.words.is_empty()), "{diff:?}");
}

#[test]
fn r_help_4_reformatted_lines_are_marked_as_reformatted() {
    let old = "Intro\n- first step\nRefunds take one day.\n## Heading\nEnd\n";
    let new = "Intro\n* first step\nRefunds take two days.\n### Heading\nEnd\n";
    assert_eq!(
        changes(old, new),
        vec![
            (Change::Same, Some(1), Some(1)),
            (Change::Reformatted, Some(2), Some(2)),
            (Change::Removed, Some(3), None),
            (Change::Added, None, Some(3)),
            (Change::Reformatted, Some(4), Some(4)),
            (Change::Same, Some(5), Some(5)),
        ]
    );
    let diff = compare(old, new);
    // A reformatted line keeps both texts and marks no words.
    assert_eq!(diff[1].old.as_deref(), Some("- first step"));
    assert_eq!(diff[1].new.as_deref(), Some("* first step"));
    assert!(diff[1].words.is_empty() && diff[4].words.is_empty());
    assert!(!diff[2].words.is_empty() && !diff[3].words.is_empty());
    // Side by side, a reformatted line shows on both sides of one row.
    let rows = side_by_side(&diff);
    assert_eq!(rows.len(), 5);
    assert_eq!(rows[1].0, rows[1].1);
}

fn shape(rows: &[DiffRow]) -> Vec<String> {
    rows.iter()
        .map(|r| match r {
            DiffRow::Line(l) => format!("{:?} {:?} {:?}", l.change, l.old_no, l.new_no),
            DiffRow::Hidden {
                count,
                old_no,
                new_no,
            } => format!("{count} hidden from {old_no}/{new_no}"),
        })
        .collect()
}

#[test]
fn r_help_4_long_unchanged_runs_are_collapsed() {
    let old: String = (1..=20).map(|n| format!("line {n}\n")).collect();
    let new = old.replace("line 10\n", "line ten\n");
    let rows = collapse(compare(&old, &new), CONTEXT_LINES);
    assert_eq!(
        shape(&rows),
        vec![
            "6 hidden from 1/1",
            "Same Some(7) Some(7)",
            "Same Some(8) Some(8)",
            "Same Some(9) Some(9)",
            "Removed Some(10) None",
            "Added None Some(10)",
            "Same Some(11) Some(11)",
            "Same Some(12) Some(12)",
            "Same Some(13) Some(13)",
            "7 hidden from 14/14",
        ]
    );
    // Side by side, the folds stay rows of their own.
    let side = side_by_side_rows(&rows);
    assert_eq!(side.len(), 9);
    assert_eq!(side[0], SideRow::Hidden(6));
    assert_eq!(side[8], SideRow::Hidden(7));
    match &side[4] {
        SideRow::Pair(Some(l), Some(r)) => {
            assert_eq!(l.old.as_deref(), Some("line 10"));
            assert_eq!(r.new.as_deref(), Some("line ten"));
        }
        other => panic!("{other:?}"),
    }

    // A run between two changes with room for only one hidden line is
    // shown whole (3 + 1 + 3 lines).
    let old: String = (1..=9).map(|n| format!("line {n}\n")).collect();
    let new = old.replace("line 1\n", "first\n").replace("line 9\n", "last\n");
    let rows = collapse(compare(&old, &new), CONTEXT_LINES);
    assert!(rows.iter().all(|r| matches!(r, DiffRow::Line(_))), "{rows:?}");
    assert_eq!(rows.len(), 11);
    // One more line and two are hidden.
    let old: String = (1..=10).map(|n| format!("line {n}\n")).collect();
    let new = old.replace("line 1\n", "first\n").replace("line 10\n", "last\n");
    let rows = collapse(compare(&old, &new), CONTEXT_LINES);
    assert_eq!(rows.len(), 11);
    assert_eq!(
        rows[5],
        DiffRow::Hidden {
            count: 2,
            old_no: 5,
            new_no: 5
        }
    );

    // Reformatted lines are changes: never folded.
    let old: String = (1..=12).map(|n| format!("line {n}\n")).collect();
    let new: String = (1..=12).map(|n| format!("*line* {n}\n")).collect();
    let rows = collapse(compare(&old, &new), CONTEXT_LINES);
    assert_eq!(rows.len(), 12);
    // Two identical texts fold whole; a single line is shown.
    assert_eq!(
        collapse(compare(&old, &old), CONTEXT_LINES),
        vec![DiffRow::Hidden {
            count: 12,
            old_no: 1,
            new_no: 1
        }]
    );
    assert_eq!(collapse(compare("a\n", "a\n"), CONTEXT_LINES).len(), 1);
    assert!(collapse(compare("", ""), CONTEXT_LINES).is_empty());
}

#[test]
fn r_help_4_every_line_is_shown_or_counted_once_after_folding() {
    // Folding loses no line: shown lines plus hidden counts are the lines
    // of both revisions (generated edits over a longer text).
    let old: String = (0..300).map(|n| format!("line {}\n", n % 17)).collect();
    let new: String = (0..300)
        .filter(|n| n % 41 != 0)
        .map(|n| {
            if n % 29 == 0 {
                format!("- line {}\n", n % 17)
            } else {
                format!("line {}\n", n % 17)
            }
        })
        .collect();
    let lines = compare(&old, &new);
    let rows = collapse(lines.clone(), CONTEXT_LINES);
    let (mut olds, mut news) = (0, 0);
    for row in &rows {
        match row {
            DiffRow::Line(l) => {
                olds += usize::from(l.old.is_some());
                news += usize::from(l.new.is_some());
            }
            DiffRow::Hidden { count, .. } => {
                olds += count;
                news += count;
            }
        }
    }
    assert_eq!((olds, news), (old.lines().count(), new.lines().count()));
    assert!(rows.len() < lines.len());
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
            Piece::new("Ask for a ", false),
            Piece::new("refund", true),
            Piece::new(" within <b>48</b> hours", false),
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

#[test]
fn r_help_6_searches_are_counted_as_one_shape() {
    assert_eq!(
        counted_query("  Refund   CALL \n").as_deref(),
        Some("refund call")
    );
    assert_eq!(counted_query("RIMBORSO"), counted_query("rimborso "));
    assert_eq!(counted_query("   "), None);
    assert_eq!(
        counted_query(&"é".repeat(300)).map(|q| q.chars().count()),
        Some(100)
    );
}
