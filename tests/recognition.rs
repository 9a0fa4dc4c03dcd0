//! Right recognition measured on labelled corpora of letters (tests/fixtures/recognition/
//! *.tsv: id, language, the rights asked or "-", the text with `\n` for line breaks),
//! written apart from the recogniser. Prints precision and recall over (message, right)
//! pairs, per language and overall, with every miss and every false right.
//!
//! Rules are tuned looking at corpus*.tsv (corpus2.tsv was measured whole first: 98.0 %
//! precision, 48.9 % recall; the odd lines of both were held out until they were measured
//! at 98.1 % / 71.8 %). The heldout-*.tsv files were written apart, later, by writers who
//! saw neither the rules nor the other letters, and rules are never tuned on them: their
//! figures say what a letter never looked at gets, so their misses are printed only with
//! SHOW_HELD_OUT=1. The targets are precision 98 % and recall 90 %; the assertion holds the
//! recogniser to what it has reached (a floor that only goes up), and the printout says how
//! far from the targets that is.

use std::collections::{BTreeMap, BTreeSet};

use dsr_desk::domain::request::Right;

struct Letter {
    /// The corpus file it comes from.
    file: String,
    /// Rules were tuned looking at this letter.
    tuned: bool,
    id: String,
    lang: String,
    expected: BTreeSet<Right>,
    text: String,
}

fn corpus() -> Vec<Letter> {
    let folder =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/recognition");
    let mut files: Vec<std::path::PathBuf> = std::fs::read_dir(&folder)
        .expect("the corpus folder")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "tsv"))
        .collect();
    files.sort();
    let mut letters = Vec::new();
    for path in files {
        let tuned = !path
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with("heldout-"));
        let text = std::fs::read_to_string(&path).expect("a corpus file");
        let lines = text
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#'));
        for line in lines {
            let cols: Vec<&str> = line.splitn(4, '\t').collect();
            assert_eq!(cols.len(), 4, "four columns: {line}");
            let expected = match cols[2].trim() {
                "-" => BTreeSet::new(),
                list => list
                    .split(',')
                    .map(|r| Right::parse(r.trim()).unwrap_or_else(|| panic!("{}: {r}", cols[0])))
                    .collect(),
            };
            letters.push(Letter {
                file: path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default(),
                tuned,
                id: cols[0].to_string(),
                lang: cols[1].to_string(),
                expected,
                text: cols[3].replace("\\n", "\n"),
            });
        }
    }
    letters
}

#[derive(Default)]
struct Tally {
    letters: u64,
    true_pos: u64,
    false_pos: u64,
    false_neg: u64,
}

impl Tally {
    fn precision(&self) -> f64 {
        let found = self.true_pos + self.false_pos;
        if found == 0 {
            1.0
        } else {
            self.true_pos as f64 / found as f64
        }
    }
    fn recall(&self) -> f64 {
        let wanted = self.true_pos + self.false_neg;
        if wanted == 0 {
            1.0
        } else {
            self.true_pos as f64 / wanted as f64
        }
    }
}

#[test]
fn recognition_on_the_corpus_meets_its_precision_and_recall() {
    let letters = corpus();
    assert!(
        letters.len() >= 300,
        "a corpus of {} letters is too small",
        letters.len()
    );
    let mut all = Tally::default();
    let mut halves = [Tally::default(), Tally::default()];
    let mut by_lang: BTreeMap<String, Tally> = BTreeMap::new();
    let mut by_file: BTreeMap<String, Tally> = BTreeMap::new();
    // Per right and half: (tuned, right) -> tally, for seeing where a half falls short
    // without reading its letters.
    let mut by_right: BTreeMap<(bool, String), Tally> = BTreeMap::new();
    let mut wrong = Vec::new();
    for l in &letters {
        // The first line is the subject when the letter has one ("Subject: ...").
        let (subject, body) = match l.text.split_once('\n') {
            Some((first, rest)) if first.to_lowercase().starts_with("subject:") => (
                first["subject:".len()..].trim().to_string(),
                rest.to_string(),
            ),
            _ => (String::new(), l.text.clone()),
        };
        let found: BTreeSet<Right> = dsr_desk::intake::recognise(&subject, &body)
            .into_iter()
            .map(|r| r.right)
            .collect();
        let lang = by_lang.entry(l.lang.clone()).or_default();
        let half = &mut halves[usize::from(!l.tuned)];
        let file = by_file.entry(l.file.clone()).or_default();
        for t in [&mut all, lang, half, file] {
            t.letters += 1;
            t.true_pos += found.intersection(&l.expected).count() as u64;
            t.false_pos += found.difference(&l.expected).count() as u64;
            t.false_neg += l.expected.difference(&found).count() as u64;
        }
        for right in Right::ALL {
            let t = by_right.entry((l.tuned, right.to_string())).or_default();
            let (want, got) = (l.expected.contains(right), found.contains(right));
            t.letters += 1;
            t.true_pos += u64::from(want && got);
            t.false_pos += u64::from(got && !want);
            t.false_neg += u64::from(want && !got);
        }
        if found != l.expected {
            wrong.push(format!(
                "{} {}: expected {:?}, found {:?}: {}",
                if l.tuned { "tuning" } else { "held-out" },
                l.id,
                l.expected,
                found,
                l.text
                    .replace('\n', " / ")
                    .chars()
                    .take(140)
                    .collect::<String>()
            ));
        }
    }
    println!("\nrecognition on {} letters", all.letters);
    println!("| language | letters | precision | recall |");
    println!("|---|---|---|---|");
    for (lang, t) in &by_lang {
        println!(
            "| {lang} | {} | {:.1} % | {:.1} % |",
            t.letters,
            t.precision() * 100.0,
            t.recall() * 100.0
        );
    }
    for (name, t) in &by_file {
        println!(
            "| {name} | {} | {:.1} % | {:.1} % |",
            t.letters,
            t.precision() * 100.0,
            t.recall() * 100.0
        );
    }
    for (name, t) in [
        ("tuned on", &halves[0]),
        ("held out", &halves[1]),
        ("all", &all),
    ] {
        println!(
            "| {name} | {} | {:.1} % | {:.1} % |",
            t.letters,
            t.precision() * 100.0,
            t.recall() * 100.0
        );
    }
    println!("\n| half | right | found right | false | missed | precision | recall |");
    println!("|---|---|---|---|---|---|---|");
    for ((tuned, right), t) in &by_right {
        println!(
            "| {} | {right} | {} | {} | {} | {:.1} % | {:.1} % |",
            if *tuned { "tuned on" } else { "held out" },
            t.true_pos,
            t.false_pos,
            t.false_neg,
            t.precision() * 100.0,
            t.recall() * 100.0
        );
    }
    let show_held_out = std::env::var_os("SHOW_HELD_OUT").is_some();
    println!("\n{} letters read otherwise than labelled:", wrong.len());
    for w in wrong
        .iter()
        .filter(|w| show_held_out || w.starts_with("tuning"))
    {
        println!("  {w}");
    }
    println!(
        "\ntargets: precision 98 %, recall 90 %; held out: precision {:.1} %, recall {:.1} %",
        halves[1].precision() * 100.0,
        halves[1].recall() * 100.0
    );
    // What has been reached, held: raise these as the rules improve, never lower them.
    // (precision, recall) on the letters tuned on, and on those held out.
    const FLOORS: [(f64, f64); 2] = [(0.985, 0.93), (0.935, 0.78)];
    for ((name, half), (precision, recall)) in [("tuned on", &halves[0]), ("held out", &halves[1])]
        .into_iter()
        .zip(FLOORS)
    {
        if half.letters == 0 {
            continue;
        }
        assert!(
            half.precision() >= precision && half.recall() >= recall,
            "{name}: precision {:.1} % (floor {:.0}), recall {:.1} % (floor {:.0})",
            half.precision() * 100.0,
            precision * 100.0,
            half.recall() * 100.0,
            recall * 100.0
        );
    }
}
