//! Which rights a letter asks for, with the words that showed each: for trying the
//! recogniser on a letter. The letter comes on standard input; a first line "Subject: ..."
//! is its subject. `cargo run --example recognise < letter.txt`
use std::io::Read;

fn main() {
    let mut text = String::new();
    if let Err(e) = std::io::stdin().read_to_string(&mut text) {
        eprintln!("recognise: cannot read standard input: {e}");
        std::process::exit(1);
    }
    let (subject, body) = match text.split_once('\n') {
        Some((first, rest)) if first.to_lowercase().starts_with("subject:") => (
            first["subject:".len()..].trim().to_string(),
            rest.to_string(),
        ),
        _ => (String::new(), text.clone()),
    };
    for r in dsr_desk::intake::recognise(&subject, &body) {
        println!("{}\t{}", r.right, r.phrase);
    }
}
