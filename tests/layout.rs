//! The layout's import rules (DESIGN.md "Shape", docs/decisions.md): read
//! from the source itself, so a new file or a stray import fails here.
//!
//! Every `crate::…` path (and `super::…`, resolved) in a file is one edge
//! from that file's part to the part it names.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

const FEATURES: &[&str] = &[
    "accounts",
    "billing",
    "calls",
    "cases",
    "contact",
    "replies",
    "disputes",
    "help",
    "notifications",
    "ratings",
    "sessions",
    "support",
];

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Part {
    Domain,
    I18n,
    Platform,
    Ui,
    Shell,
    /// A feature's view types (`mod.rs`).
    Types(String),
    Api(String),
    /// A feature's SQL and other server-only modules.
    Store(String),
    Pages(String),
}

/// A feature's server-only modules: those its `mod.rs` declares under
/// `#[cfg(feature = "ssr")]` (`store`, and e.g. `reviews`, `search`).
fn is_store_module(feature: &str, name: &str) -> bool {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("src")
        .join(feature)
        .join("mod.rs");
    let text = std::fs::read_to_string(path).unwrap_or_default();
    text.contains(&format!("#[cfg(feature = \"ssr\")]\npub mod {name};"))
}

/// The part a module path (`["calls", "store"]`) belongs to.
fn part_of(path: &[String]) -> Part {
    let first = path.first().map(String::as_str).unwrap_or("");
    match first {
        "domain" => Part::Domain,
        "i18n" => Part::I18n,
        "platform" => Part::Platform,
        "ui" => Part::Ui,
        f if FEATURES.contains(&f) => {
            let f = f.to_string();
            match path.get(1).map(String::as_str) {
                Some("api") => Part::Api(f),
                Some(m) if is_store_module(&f, m) => Part::Store(f),
                Some(m) if m.chars().next().is_some_and(char::is_lowercase) && m != "mod" => Part::Pages(f),
                _ => Part::Types(f),
            }
        }
        _ => Part::Shell,
    }
}

/// `src/calls/store.rs` → `["calls", "store"]`; `src/calls/mod.rs` → `["calls"]`.
fn module_of(file: &Path, src: &Path) -> Vec<String> {
    let rel = file.strip_prefix(src).unwrap().with_extension("");
    let mut parts: Vec<String> = rel.iter().map(|s| s.to_string_lossy().into_owned()).collect();
    if parts.last().is_some_and(|p| p == "mod") {
        parts.pop();
    }
    if parts == ["lib"] || parts == ["main"] {
        parts.clear();
    }
    parts
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let p = entry.unwrap().path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "rs") {
            out.push(p);
        }
    }
}

fn ident_chain(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = s;
    loop {
        let end = rest
            .find(|c: char| !(c.is_alphanumeric() || c == '_'))
            .unwrap_or(rest.len());
        if end == 0 {
            break;
        }
        out.push(rest[..end].to_string());
        match rest[end..].strip_prefix("::") {
            Some(r) => rest = r,
            None => break,
        }
    }
    out
}

/// Module paths a file names: `crate::a::b`, and `super::x` made absolute.
fn references(text: &str, module: &[String], is_mod_file: bool) -> Vec<Vec<String>> {
    let mut refs = Vec::new();
    for line in text.lines() {
        let code = line.split("//").next().unwrap_or("");
        for (i, _) in code.match_indices("crate::") {
            let before = code[..i].chars().last();
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                continue;
            }
            refs.push(ident_chain(&code[i + "crate::".len()..]));
        }
        for (i, _) in code.match_indices("super::") {
            let before = code[..i].chars().last();
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
                continue;
            }
            // In `a/b.rs`, `super` is `a`; in `a/mod.rs` it is a's parent.
            let mut base: Vec<String> = module.to_vec();
            base.pop();
            if is_mod_file {
                // a test module inside mod.rs: `super` is the file itself
                base = module.to_vec();
            }
            let mut chain = ident_chain(&code[i + "super::".len()..]);
            if chain.first().is_some_and(|c| c == "super") {
                continue; // nested test modules; never crosses parts here
            }
            base.append(&mut chain);
            refs.push(base);
        }
    }
    refs
}

fn allowed(from: &Part, to: &Part) -> bool {
    use Part::*;
    if from == to {
        return true;
    }
    match (from, to) {
        (Shell, _) => true,
        (_, Shell) => false,
        (Domain, _) => false,
        (I18n, Domain) => true,
        (Platform, Domain) => true,
        (Ui, Domain | I18n) => true,
        (Types(_), Domain | Ui) => true,
        (Store(f), Platform | Domain) => {
            let _ = f;
            true
        }
        (Store(f), Types(g)) => f == g,
        // The one sanctioned crossing: a dispute's decision moves the money
        // of its subject, so it calls that subject's store.
        (Store(f), Store(g)) => f == "disputes" && (g == "billing" || g == "calls"),
        (Api(f), Store(g) | Types(g)) => f == g,
        (Api(_), Platform | Domain | I18n) => true,
        (Pages(_), Ui | Domain | I18n) => true,
        (Pages(_), Types(_) | Api(_) | Pages(_)) => true,
        _ => false,
    }
}

struct Graph {
    /// file module path → (part, referenced module paths)
    files: BTreeMap<Vec<String>, (Part, Vec<Vec<String>>)>,
}

fn graph() -> Graph {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut paths = Vec::new();
    rust_files(&src, &mut paths);
    let mut files = BTreeMap::new();
    for p in paths {
        let module = module_of(&p, &src);
        let text = std::fs::read_to_string(&p).unwrap();
        let is_mod = p.file_name().is_some_and(|n| n == "mod.rs");
        let part = if module.is_empty() || p.ends_with("src/main.rs") {
            Part::Shell
        } else {
            part_of(&module)
        };
        // Test modules inside a file may reach further (fixtures); skip them.
        let text = text.split("#[cfg(test)]").next().unwrap_or("").to_string();
        let refs = references(&text, &module, is_mod);
        files.insert(module, (part, refs));
    }
    Graph { files }
}

/// The file a referenced path lands in: its longest prefix that is a file.
fn file_of<'a>(g: &'a Graph, path: &[String]) -> Option<&'a Vec<String>> {
    (1..=path.len())
        .rev()
        .find_map(|n| g.files.get_key_value(&path[..n]).map(|(k, _)| k))
}

#[test]
fn layout_imports_run_one_way() {
    let g = graph();
    let mut wrong = BTreeSet::new();
    for (module, (part, refs)) in &g.files {
        for r in refs {
            let to = part_of(r);
            if !allowed(part, &to) {
                wrong.insert(format!(
                    "{} ({part:?}) -> {} ({to:?})",
                    module.join("::"),
                    r.join("::")
                ));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "imports against DESIGN.md \"Shape\":\n{}",
        wrong.into_iter().collect::<Vec<_>>().join("\n")
    );
}

#[test]
fn layout_has_no_import_circles() {
    let g = graph();
    let mut edges: BTreeMap<&Vec<String>, BTreeSet<&Vec<String>>> = BTreeMap::new();
    for (module, (part, refs)) in &g.files {
        if *part == Part::Shell {
            continue; // the shell imports everything and nothing imports it
        }
        for r in refs {
            if let Some(to) = file_of(&g, r) {
                if to != module {
                    edges.entry(module).or_default().insert(to);
                }
            }
        }
    }
    // Depth-first search for a back edge.
    fn visit<'a>(
        n: &'a Vec<String>,
        edges: &BTreeMap<&'a Vec<String>, BTreeSet<&'a Vec<String>>>,
        state: &mut BTreeMap<&'a Vec<String>, u8>,
        stack: &mut Vec<&'a Vec<String>>,
    ) -> Option<Vec<String>> {
        state.insert(n, 1);
        stack.push(n);
        for &m in edges.get(n).into_iter().flatten() {
            match state.get(m) {
                Some(1) => {
                    let start = stack.iter().position(|x| *x == m).unwrap();
                    let mut cycle: Vec<String> = stack[start..].iter().map(|x| x.join("::")).collect();
                    cycle.push(m.join("::"));
                    return Some(cycle);
                }
                Some(_) => {}
                None => {
                    if let Some(c) = visit(m, edges, state, stack) {
                        return Some(c);
                    }
                }
            }
        }
        stack.pop();
        state.insert(n, 2);
        None
    }
    let mut state = BTreeMap::new();
    for n in g.files.keys() {
        if !state.contains_key(n) {
            if let Some(cycle) = visit(n, &edges, &mut state, &mut Vec::new()) {
                panic!("import circle: {}", cycle.join(" -> "));
            }
        }
    }
}

#[test]
fn layout_checker_sees_a_wrong_import() {
    // The checker itself: a page naming a store, and domain naming platform,
    // are refused; a page naming another feature's api is not.
    let page = part_of(&["calls".into(), "creator".into()]);
    assert!(!allowed(&page, &part_of(&["calls".into(), "store".into()])));
    assert!(!allowed(&page, &part_of(&["platform".into(), "db".into()])));
    assert!(allowed(&page, &part_of(&["ratings".into(), "api".into()])));
    assert!(!allowed(&Part::Domain, &Part::Platform));
    let store = part_of(&["billing".into(), "store".into()]);
    assert!(!allowed(&store, &part_of(&["disputes".into(), "store".into()])));
    let refs = references(
        "use crate::platform::db::Db;\nuse super::Thing;",
        &["calls".into(), "store".into()],
        false,
    );
    assert_eq!(
        refs,
        vec![
            vec!["platform".to_string(), "db".into(), "Db".into()],
            vec!["calls".into(), "Thing".into()]
        ]
    );
}
