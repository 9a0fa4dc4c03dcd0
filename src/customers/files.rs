//! Writing files that hold personal data: owner-only from the first byte, and atomically (a
//! reader sees the old file or the whole new one, never half of it).

use std::path::Path;

use crate::export::ExportError;
use crate::export::files::write_atomic;

/// Writes `bytes` to `path` via a private temporary file in the same folder and a rename:
/// the exports' one atomic writer, replacing what is there.
pub fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    match write_atomic(path, true, |w| w.write_all(bytes)) {
        Ok(_) => Ok(()),
        Err(ExportError::Io { detail, .. }) => Err(std::io::Error::other(detail)),
        Err(e) => Err(std::io::Error::other(e.to_string())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;
    use std::os::unix::fs::PermissionsExt;

    #[test]
    fn files_are_owner_only_and_replaced_whole() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("package.json");
        write_private(&path, b"first").expect("write");
        write_private(&path, b"second").expect("rewrite");
        assert_eq!(fs::read(&path).expect("read"), b"second");
        let mode = fs::metadata(&path).expect("meta").permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
        assert_eq!(
            fs::read_dir(dir.path()).expect("list").count(),
            1,
            "no temporary file is left behind"
        );
    }
}
