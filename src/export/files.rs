//! The one way exports reach the disk: atomically (a temporary file in the same folder,
//! synced, then renamed into place), owner-only from the first byte, and never over an
//! existing file unless the caller asks. File names made from request data are reduced to
//! one plain name that cannot leave the folder it is written to.

use std::fs::{self, OpenOptions};
use std::io::{self, BufWriter, Write};
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use super::ExportError;

/// The longest file name made from request data, in bytes (most file systems allow 255).
pub const MAX_NAME_BYTES: usize = 120;

/// The default output folder: `exports/` in the data folder.
pub fn default_exports_dir(data_dir: &Path) -> PathBuf {
    data_dir.join("exports")
}

/// Creates `dir` (and its parents) owner-only when it does not exist yet.
pub fn ensure_private_dir(dir: &Path) -> Result<(), ExportError> {
    if dir.is_dir() {
        return Ok(());
    }
    fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)
        .map_err(|e| ExportError::io(dir, e))
}

/// A file name built from request data (a reference, a kind, a language) that is safe to
/// join to any folder: no path separators, no `..`, no control or invisible characters, no
/// leading dot (hidden files), not empty, at most [`MAX_NAME_BYTES`] bytes with the
/// extension kept.
pub fn safe_file_name(wanted: &str) -> String {
    let mut name: String = wanted
        .chars()
        .map(|c| match c {
            '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|' => '_',
            c if c.is_control() => '_',
            // Bidirectional overrides and zero-width characters can disguise a name.
            '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => '_',
            '\u{feff}' => '_',
            c if c.is_whitespace() => '_',
            c => c,
        })
        .collect();
    while name.contains("..") {
        name = name.replace("..", ".");
    }
    let name = name.trim_start_matches(['.', '_', '-']).to_string();
    let name = if name.is_empty() || name == "." {
        "export".to_string()
    } else {
        name
    };
    bound_length(&name)
}

/// Cuts a name to [`MAX_NAME_BYTES`] on a character boundary, keeping a short extension.
fn bound_length(name: &str) -> String {
    if name.len() <= MAX_NAME_BYTES {
        return name.to_string();
    }
    let (stem, ext) = match name.rfind('.') {
        Some(i) if i > 0 && name.len() - i <= 10 => (&name[..i], &name[i..]),
        _ => (name, ""),
    };
    let room = MAX_NAME_BYTES - ext.len();
    let mut cut = room.min(stem.len());
    while !stem.is_char_boundary(cut) {
        cut -= 1;
    }
    format!("{}{ext}", &stem[..cut])
}

/// `dir` joined with `name`, refusing anything but one plain file name: the guard behind
/// [`safe_file_name`], so a name that slipped past it fails loudly instead of escaping.
pub fn path_inside(dir: &Path, name: &str) -> Result<PathBuf, ExportError> {
    let mut parts = Path::new(name).components();
    match (parts.next(), parts.next()) {
        (Some(Component::Normal(part)), None)
            if part == name && !name.starts_with('.') && !name.chars().any(char::is_control) =>
        {
            Ok(dir.join(part))
        }
        _ => Err(ExportError::UnsafeName(crate::domain::text::one_line(name))),
    }
}

/// Where `-o PATH` sends a file named `default_name`: into PATH when it is a folder (or
/// ends with `/`), else PATH itself; without `-o`, into `exports_dir` (created 0700).
pub fn target_path(
    output: Option<&Path>,
    exports_dir: &Path,
    default_name: &str,
) -> Result<PathBuf, ExportError> {
    let name = safe_file_name(default_name);
    match output {
        Some(p) if p.is_dir() || p.as_os_str().to_string_lossy().ends_with('/') => {
            ensure_private_dir(p)?;
            path_inside(p, &name)
        }
        Some(p) => Ok(p.to_path_buf()),
        None => {
            ensure_private_dir(exports_dir)?;
            path_inside(exports_dir, &name)
        }
    }
}

/// Distinguishes the temporary files of several writes in one process.
static COUNTER: AtomicU64 = AtomicU64::new(0);

/// Writes a file atomically: `fill` streams the content into a private temporary file in
/// the target's folder, which is synced and then moved into place. On any failure the
/// temporary file is removed and nothing appears at `path`. Without `overwrite` an existing
/// file is left alone and the write is refused ([`ExportError::Exists`]), also when another
/// process creates the file while this one writes.
pub fn write_atomic<F>(path: &Path, overwrite: bool, fill: F) -> Result<PathBuf, ExportError>
where
    F: FnOnce(&mut dyn Write) -> io::Result<()>,
{
    stage(path, overwrite, fill)?.place()
}

/// A file written whole and synced under a temporary name beside its target, not yet in
/// place: what lets a caller record a file before it replaces an earlier one. Dropped
/// without [`Staged::place`], the temporary file is removed.
#[derive(Debug)]
pub struct Staged {
    tmp: PathBuf,
    path: PathBuf,
    dir: PathBuf,
    overwrite: bool,
}

/// The first half of [`write_atomic`]: the content written and synced under a temporary
/// name; nothing at `path` changes yet.
pub fn stage<F>(path: &Path, overwrite: bool, fill: F) -> Result<Staged, ExportError>
where
    F: FnOnce(&mut dyn Write) -> io::Result<()>,
{
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let file_name = path
        .file_name()
        .ok_or_else(|| ExportError::UnsafeName(path.display().to_string()))?
        .to_string_lossy()
        .into_owned();
    if !overwrite && fs::symlink_metadata(path).is_ok() {
        return Err(ExportError::Exists(path.to_path_buf()));
    }
    if !dir.is_dir() {
        return Err(ExportError::io(
            &dir,
            io::Error::new(io::ErrorKind::NotFound, "the folder does not exist"),
        ));
    }
    let tmp = dir.join(format!(
        ".{}.{}-{}.tmp",
        bound_length(&file_name),
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    ));
    let written = (|| -> io::Result<()> {
        let file = OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(&tmp)?;
        let mut out = BufWriter::with_capacity(64 * 1024, file);
        fill(&mut out)?;
        let file = out.into_inner().map_err(|e| e.into_error())?;
        file.sync_all()
    })();
    let staged = Staged {
        tmp,
        path: path.to_path_buf(),
        dir,
        overwrite,
    };
    match written {
        Ok(()) => Ok(staged),
        Err(e) => Err(ExportError::io(path, e)),
    }
}

impl Staged {
    /// Where the file goes.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Moves the file into place (replacing what is there only when staged to overwrite).
    pub fn place(self) -> Result<PathBuf, ExportError> {
        let (tmp, path) = (&self.tmp, &self.path);
        let placed = if self.overwrite {
            fs::rename(tmp, path)
        } else {
            // A hard link fails if the name exists, atomically: no window in which a file
            // created by someone else could be replaced.
            match fs::hard_link(tmp, path) {
                Ok(()) => Ok(()),
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
                    return Err(ExportError::Exists(path.to_path_buf()));
                }
                // A file system without hard links: check, then rename.
                Err(_) if fs::symlink_metadata(path).is_err() => fs::rename(tmp, path),
                Err(e) => Err(e),
            }
        };
        if let Err(e) = placed {
            return Err(ExportError::io(path, e));
        }
        // The rename is durable only once the folder itself is synced.
        if let Ok(d) = fs::File::open(&self.dir) {
            let _ = d.sync_all();
        }
        Ok(path.to_path_buf())
    }
}

impl Drop for Staged {
    fn drop(&mut self) {
        // Gone already once renamed; a hard-linked or abandoned one is removed here.
        let _ = fs::remove_file(&self.tmp);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    fn names_in(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> = fs::read_dir(dir)
            .expect("list")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }

    #[test]
    fn files_are_owner_only_and_never_replaced_unless_asked() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("a.md");
        write_atomic(&path, false, |w| w.write_all(b"first")).expect("write");
        let mode = fs::metadata(&path).expect("meta").permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
        let err = write_atomic(&path, false, |w| w.write_all(b"second")).expect_err("exists");
        assert!(matches!(err, ExportError::Exists(_)), "{err}");
        assert!(err.to_string().contains("already exists"), "{err}");
        assert_eq!(fs::read(&path).expect("read"), b"first");
        write_atomic(&path, true, |w| w.write_all(b"second")).expect("overwrite");
        assert_eq!(fs::read(&path).expect("read"), b"second");
        assert_eq!(names_in(dir.path()), ["a.md"], "no temporary file left");
    }

    #[test]
    fn a_failed_write_leaves_nothing_behind() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("half.csv");
        let err = write_atomic(&path, false, |w| {
            w.write_all(&[b'x'; 200_000])?;
            Err(io::Error::other("disk full (simulated)"))
        })
        .expect_err("fails");
        assert!(err.to_string().contains("disk full"), "{err}");
        assert!(
            names_in(dir.path()).is_empty(),
            "{:?}",
            names_in(dir.path())
        );
        // Replacing: the old file stays whole when the new one fails.
        fs::write(&path, b"old").expect("seed");
        let _ = write_atomic(&path, true, |_| Err(io::Error::other("boom")));
        assert_eq!(fs::read(&path).expect("read"), b"old");
        assert_eq!(names_in(dir.path()), ["half.csv"]);
    }

    #[test]
    fn an_unwritable_folder_fails_cleanly() {
        let dir = tempfile::tempdir().expect("dir");
        let locked = dir.path().join("locked");
        fs::create_dir(&locked).expect("mkdir");
        fs::set_permissions(&locked, fs::Permissions::from_mode(0o500)).expect("chmod");
        // Root writes into read-only folders anyway; a "folder" that is a file fails for all.
        let probe = locked.join("probe");
        let target = if fs::write(&probe, b"").is_ok() {
            let _ = fs::remove_file(&probe);
            let file = dir.path().join("not-a-folder");
            fs::write(&file, b"").expect("file");
            file.join("x.md")
        } else {
            locked.join("x.md")
        };
        let err = write_atomic(&target, false, |w| w.write_all(b"data")).expect_err("fails");
        assert!(
            err.to_string().contains("cannot write"),
            "a clear message: {err}"
        );
        assert!(!target.exists());
        fs::set_permissions(&locked, fs::Permissions::from_mode(0o700)).expect("chmod");
        assert!(names_in(&locked).is_empty());
    }

    #[test]
    fn names_from_request_data_cannot_escape() {
        for (wanted, safe) in [
            ("../x", "x"),
            ("/etc/passwd", "etc_passwd"),
            ("..", "export"),
            ("", "export"),
            (".hidden", "hidden"),
            ("a/../../b.md", "a_._._b.md"),
            ("evil\u{1b}[2Jname.md", "evil_[2Jname.md"),
            ("DSR-2026-0001-summary.md", "DSR-2026-0001-summary.md"),
            ("Åse Øverby.txt", "Åse_Øverby.txt"),
            ("a\u{202e}gpj.exe", "a_gpj.exe"),
            ("C:\\Windows\\x", "C__Windows_x"),
        ] {
            assert_eq!(safe_file_name(wanted), safe, "{wanted:?}");
        }
        let long = format!("{}.md", "ø".repeat(200));
        let cut = safe_file_name(&long);
        assert!(cut.len() <= MAX_NAME_BYTES && cut.ends_with(".md"), "{cut}");
        let dir = Path::new("/some/folder");
        for hostile in [
            "../x",
            "/etc/passwd",
            "a/b",
            ".",
            "..",
            "",
            "x\u{1b}y",
            ".x",
        ] {
            assert!(path_inside(dir, hostile).is_err(), "{hostile:?} accepted");
            let made = path_inside(dir, &safe_file_name(hostile)).expect("made safe");
            assert_eq!(made.parent(), Some(dir), "{hostile:?} -> {made:?}");
        }
    }

    #[test]
    fn default_folder_is_created_owner_only() {
        let dir = tempfile::tempdir().expect("dir");
        let exports = default_exports_dir(&dir.path().join("data"));
        let path = target_path(None, &exports, "../DSR-1.md").expect("path");
        assert_eq!(path, exports.join("DSR-1.md"));
        let mode = fs::metadata(&exports).expect("meta").permissions().mode();
        assert_eq!(mode & 0o777, 0o700);
        // -o naming a folder puts the file inside it; naming a file uses it as is.
        let chosen = target_path(Some(dir.path()), &exports, "b.csv").expect("folder");
        assert_eq!(chosen, dir.path().join("b.csv"));
        let file = dir.path().join("mine.csv");
        assert_eq!(
            target_path(Some(&file), &exports, "b.csv").expect("file"),
            file
        );
    }
}
