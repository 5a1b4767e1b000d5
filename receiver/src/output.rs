//! Where the staff commands write (`export --out`, `backup --to`): always a
//! new plain file, never anything that exists (issue 19 items 9 and 10).
//!
//! The target must be a plain filesystem path (no SQLite `file:` URI, nothing
//! shaped like a URI), must not exist in any form (file, directory, device
//! such as `/dev/null`, symbolic link), and must not be the database or its
//! `-wal`, `-shm` or `-journal` file even before those exist. The content is
//! written to a `0600` temporary file in the target's folder, synced, and
//! put in place with a no-replace rename (`renameat2(RENAME_NOREPLACE)`, or
//! `link` + `unlink` where that is missing, via `tempfile`'s
//! `persist_noclobber`): if the name appeared meanwhile, nothing is replaced
//! and the command fails.

use std::fs;
use std::io;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use tempfile::NamedTempFile;

/// A checked target: its folder exists, and its name is free (for now; the
/// final rename checks again).
#[derive(Debug)]
pub struct Target {
    /// The name as the user gave it (for messages).
    given: PathBuf,
    /// The folder, made absolute, so a temporary name in it never starts
    /// with `file:` (which SQLite would read as a URI).
    folder: PathBuf,
    /// The final absolute path.
    path: PathBuf,
}

/// Checks `given` as the target of `flag` for a command working on the
/// database `database`.
pub fn check_target(flag: &str, given: &Path, database: &Path) -> Result<Target, String> {
    let shown = given.display();
    let text = given
        .to_str()
        .ok_or_else(|| format!("{flag} {shown}: give a file name in UTF-8"))?;
    if text.is_empty() {
        return Err(format!("{flag} needs a file name"));
    }
    if looks_like_uri(text) {
        return Err(format!(
            "{flag} {text} looks like a URI (SQLite reads names starting with `file:` as one); \
             nothing was written. Give a plain file path"
        ));
    }
    if text.ends_with('/') {
        return Err(format!(
            "{flag} {text} is a folder name; give the name of a new file in it"
        ));
    }
    let Some(name) = given.file_name() else {
        return Err(format!("{flag} {text} is not a file name"));
    };
    let parent = match given.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let folder = fs::canonicalize(&parent).map_err(|e| {
        format!(
            "{flag} {text}: its folder {} cannot be used: {e}",
            parent.display()
        )
    })?;
    if !folder.is_dir() {
        return Err(format!(
            "{flag} {text}: {} is not a folder",
            parent.display()
        ));
    }
    let path = folder.join(name);
    if let Some(which) = database_file(&path, database) {
        return Err(format!(
            "{flag} {text} is {which}; nothing was written. Give a new file name"
        ));
    }
    match fs::symlink_metadata(given) {
        Ok(meta) => {
            let what = if meta.is_dir() {
                "a folder"
            } else if meta.file_type().is_symlink() {
                "a symbolic link"
            } else if meta.is_file() {
                "a file"
            } else {
                "a device or special file"
            };
            return Err(format!(
                "{flag} {text} exists already ({what}); it was left as it is. \
                 Give the name of a new file"
            ));
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => {}
        Err(e) => return Err(format!("{flag} {text} cannot be checked: {e}")),
    }
    Ok(Target {
        given: given.to_path_buf(),
        folder,
        path,
    })
}

/// `scheme:` at the start, as in `file:x.db`, `http://…`, `FILE:x`.
fn looks_like_uri(text: &str) -> bool {
    let Some((scheme, _)) = text.split_once(':') else {
        return false;
    };
    let mut chars = scheme.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
}

/// Which of the database's files `path` names, if any.
fn database_file(path: &Path, database: &Path) -> Option<String> {
    let db_name = database.file_name()?;
    let db_parent = match database.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let db_folder = fs::canonicalize(db_parent).ok()?;
    if path.parent()? != db_folder {
        return None;
    }
    let name = path.file_name()?;
    for (suffix, which) in [
        ("", "the database itself"),
        ("-wal", "the database's -wal file"),
        ("-shm", "the database's -shm file"),
        ("-journal", "the database's -journal file"),
    ] {
        let mut candidate = db_name.to_os_string();
        candidate.push(suffix);
        if name == candidate {
            return Some(format!("{which} ({})", database.display()));
        }
    }
    None
}

impl Target {
    /// The final path, absolute.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// A new, empty, `0600` temporary file in the target's folder (its path
    /// is absolute).
    pub fn temp_file(&self) -> Result<NamedTempFile, String> {
        tempfile::Builder::new()
            .prefix(".receiver-")
            .suffix(".partial")
            .permissions(fs::Permissions::from_mode(0o600))
            .tempfile_in(&self.folder)
            .map_err(|e| {
                format!(
                    "cannot create a temporary file in {}: {e}",
                    self.folder.display()
                )
            })
    }

    /// Syncs `temp`, checks it is `0600`, and gives it the final name unless
    /// that name exists by now. On any failure the temporary file is removed
    /// and nothing else is touched.
    pub fn persist(&self, temp: NamedTempFile) -> Result<(), String> {
        let shown = self.given.display();
        let file = temp.as_file();
        file.sync_all()
            .map_err(|e| format!("cannot write {shown}: {e}"))?;
        let mode = file
            .metadata()
            .map_err(|e| format!("cannot check {shown}: {e}"))?
            .permissions()
            .mode()
            & 0o777;
        if mode != 0o600 {
            return Err(format!(
                "{shown} would be readable by others (mode {mode:o}); nothing was written"
            ));
        }
        temp.persist_noclobber(&self.path).map_err(|e| {
            if e.error.kind() == io::ErrorKind::AlreadyExists {
                format!("{shown} appeared while the command ran; it was left as it is, and nothing was written")
            } else {
                format!("cannot create {shown}: {}", e.error)
            }
        })?;
        // The new name is durable once its folder is synced.
        if let Ok(dir) = fs::File::open(&self.folder) {
            let _ = dir.sync_all();
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use std::io::Write;

    #[test]
    fn a_name_that_appears_meanwhile_is_not_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("submissions.db");
        let given = dir.path().join("export.csv");
        let target = check_target("--out", &given, &db).unwrap();
        let mut temp = target.temp_file().unwrap();
        temp.write_all(b"the export").unwrap();
        // Someone (or a second export) creates the name while this one runs.
        std::fs::write(&given, b"theirs").unwrap();
        let err = target.persist(temp).unwrap_err();
        assert!(err.contains("appeared while the command ran"), "{err}");
        assert_eq!(std::fs::read(&given).unwrap(), b"theirs");
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["export.csv"], "the temporary file is removed");
    }

    #[test]
    fn the_written_file_is_0600_and_complete() {
        let dir = tempfile::tempdir().unwrap();
        let given = dir.path().join("b.db");
        let target = check_target("--to", &given, &dir.path().join("a.db")).unwrap();
        let mut temp = target.temp_file().unwrap();
        assert_eq!(
            temp.as_file().metadata().unwrap().permissions().mode() & 0o777,
            0o600
        );
        temp.write_all(b"copy").unwrap();
        target.persist(temp).unwrap();
        assert_eq!(std::fs::read(&given).unwrap(), b"copy");
        assert_eq!(
            std::fs::metadata(&given).unwrap().permissions().mode() & 0o777,
            0o600
        );
        assert_eq!(target.path(), given.canonicalize().unwrap());
    }

    #[test]
    fn uris_are_recognised() {
        for uri in ["file:x.db", "FILE:x", "file:///tmp/x", "http://x", "a+b:c"] {
            assert!(looks_like_uri(uri), "{uri}");
        }
        for plain in [
            "x.db",
            "./file:x",
            "/tmp/a:b",
            "1x:y",
            "backups/2026-01-01.db",
        ] {
            assert!(!looks_like_uri(plain), "{plain}");
        }
    }
}
