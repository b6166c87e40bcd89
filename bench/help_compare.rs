//! Revision comparison on long revisions (HELP-4: "any two revisions can be
//! compared"). Builds two 10,000-line revisions that differ the way edits
//! do (lines changed, inserted, removed and reformatted here and there),
//! then times `compare` + `collapse` and reports the peak memory they take.
//! A second case compares two revisions that share only their blank lines,
//! where the diff's deadline is the bound.
//!
//! Run: `bash bench/help-compare.sh` (release build). Options: `--lines N`
//! per revision (default 10000), `--rounds N` (default 20).

#[allow(dead_code)] // the help center filler is for the other benchmarks
mod common;

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};
use std::time::{Duration, Instant};

use settle::domain::help::{collapse, compare, Change, DiffRow, CONTEXT_LINES};

/// The system allocator, counting the bytes in use and their peak: the
/// memory a comparison takes, apart from what the process already held.
struct Counting;

static IN_USE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

fn grew(by: usize) {
    let now = IN_USE.fetch_add(by, Relaxed) + by;
    PEAK.fetch_max(now, Relaxed);
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = System.alloc(layout);
        if !p.is_null() {
            grew(layout.size());
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        System.dealloc(ptr, layout);
        IN_USE.fetch_sub(layout.size(), Relaxed);
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let p = System.realloc(ptr, layout, new_size);
        if !p.is_null() {
            if new_size >= layout.size() {
                grew(new_size - layout.size());
            } else {
                IN_USE.fetch_sub(layout.size() - new_size, Relaxed);
            }
        }
        p
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Short words between the help center's own (`common::EN`).
const FILLER: &[&str] = &[
    "the", "a", "within", "after", "before", "hours", "days", "is", "are", "can", "your", "their", "when",
    "if", "and", "or", "not",
];

/// xorshift64*: deterministic, so every run compares the same texts.
struct Rng(u64);

impl Rng {
    fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    fn word(&mut self) -> &'static str {
        let i = self.below(common::EN.len() + FILLER.len());
        common::EN.get(i).unwrap_or_else(|| &FILLER[i - common::EN.len()])
    }

    fn sentence(&mut self) -> String {
        let n = 6 + self.below(12);
        let mut words: Vec<&str> = (0..n).map(|_| self.word()).collect();
        words.push("end.");
        words.join(" ")
    }
}

/// A Markdown-like revision: headings, list items, paragraphs, blank lines.
fn revision(rng: &mut Rng, lines: usize) -> Vec<String> {
    (0..lines)
        .map(|k| match k % 12 {
            0 => format!("## {}", rng.sentence()),
            11 => String::new(),
            5..=7 => format!("- {}", rng.sentence()),
            _ => rng.sentence(),
        })
        .collect()
}

/// The next revision: about 1% of lines removed, 1% with a line inserted
/// after them, 2% with one word changed and 1% reformatted (emphasis or
/// heading level only).
fn edit(rng: &mut Rng, old: &[String]) -> Vec<String> {
    let mut new = Vec::with_capacity(old.len() + old.len() / 50);
    for line in old {
        match rng.below(100) {
            0 => {}
            1 => {
                new.push(line.clone());
                new.push(rng.sentence());
            }
            2 | 3 => {
                let mut words: Vec<&str> = line.split(' ').collect();
                let k = rng.below(words.len());
                words[k] = rng.word();
                new.push(words.join(" "));
            }
            4 => new.push(if line.starts_with('#') {
                format!("#{line}")
            } else {
                match line.split_once(' ') {
                    Some((first, rest)) => format!("**{first}** {rest}"),
                    None => line.clone(),
                }
            }),
            _ => new.push(line.clone()),
        }
    }
    new
}

fn text(lines: &[String]) -> String {
    lines.join("\n") + "\n"
}

/// This process's peak resident memory (`VmHWM`), in KiB.
fn peak_resident_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
}

fn mib(bytes: usize) -> f64 {
    bytes as f64 / 1_048_576.0
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

/// One comparison on its own (its figures and memory), then `rounds` timed.
fn measure(label: &str, old: &str, new: &str, rounds: usize) {
    // Once on its own: the figures, and the memory one comparison takes
    // (the rows it answers included).
    let base = IN_USE.load(Relaxed);
    PEAK.store(base, Relaxed);
    let started = Instant::now();
    let rows = collapse(compare(old, new), CONTEXT_LINES);
    let first = started.elapsed();
    let heap = PEAK.load(Relaxed).saturating_sub(base);
    let mut counts = [0usize; 4];
    let (mut folds, mut folded, mut marked) = (0, 0, 0);
    for row in &rows {
        match row {
            DiffRow::Line(l) => {
                counts[match l.change {
                    Change::Same => 0,
                    Change::Added => 1,
                    Change::Removed => 2,
                    Change::Reformatted => 3,
                }] += 1;
                marked += usize::from(!l.words.is_empty());
            }
            DiffRow::Hidden { count, .. } => {
                folds += 1;
                folded += count;
            }
        }
    }
    println!(
        "{label}: {} + {} lines -> {} rows: {} added, {} removed ({marked} with marked words), {} reformatted, \
         {} unchanged shown, {folded} unchanged folded in {folds} rows",
        old.lines().count(),
        new.lines().count(),
        rows.len(),
        counts[1],
        counts[2],
        counts[3],
        counts[0],
    );
    drop(rows);

    let mut times = Vec::with_capacity(rounds);
    for _ in 0..rounds {
        let started = Instant::now();
        let rows = collapse(compare(old, new), CONTEXT_LINES);
        times.push(started.elapsed());
        drop(std::hint::black_box(rows));
    }
    times.sort();
    let mean = times.iter().sum::<Duration>() / rounds as u32;
    println!(
        "  {rounds} rounds: p50 {:.1?}, p95 {:.1?}, mean {:.1?} per comparison",
        percentile(&times, 0.5),
        percentile(&times, 0.95),
        mean
    );
    println!(
        "  memory: {:.1} MiB at the peak of one comparison (first run {:.1?}), inputs not counted",
        mib(heap),
        first
    );
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let arg = |name: &str, default: usize| common::arg(&args, name, default);
    let lines = arg("--lines", 10_000);
    let rounds = arg("--rounds", 20).max(1);

    let mut rng = Rng(0x5e77_1e00_c0ff_ee01);
    let old = revision(&mut rng, lines);
    let new = edit(&mut rng, &old);
    let (old_text, new_text) = (text(&old), text(&new));
    println!(
        "revisions: {} and {} lines ({} and {} KiB); the former n×m table alone would take {:.0} MiB",
        old.len(),
        new.len(),
        old_text.len() / 1024,
        new_text.len() / 1024,
        mib((old.len() + 1) * (new.len() + 1) * 4)
    );
    measure("edited", &old_text, &new_text, rounds);

    // Every line rewritten (only the blank lines in common): the worst case
    // for a diff, bounded by its deadline.
    let other = text(&revision(&mut rng, lines));
    measure("rewritten", &old_text, &other, rounds.min(3));
    if let Some(kib) = peak_resident_kib() {
        println!(
            "peak resident memory of the whole run: {:.1} MiB",
            kib as f64 / 1024.0
        );
    }
}
