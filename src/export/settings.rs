//! Report settings kept in a data folder: a plain `selfcheck-report.conf` beside the session
//! files, so that every report made from that folder is addressed alike without typing it into
//! each session. One `key = value` a line; `#` starts a comment. Keys:
//!
//! ```text
//! # 主送 of every report made from this folder (a session's own 主送 wins)
//! 主送 = 区专项行动领导小组办公室
//! ```
//!
//! (`recipient` is the same key in English.) The file is not `.json`, so the folder listing
//! never mistakes it for a session.

use std::path::{Path, PathBuf};

use super::report::Options;

/// The settings file's name in a data folder.
pub const FILE_NAME: &str = "selfcheck-report.conf";

/// The key of the 主送, as the office writes it and in English: keys of the file, like JSON
/// keys, are the same in every language.
const RECIPIENT_KEYS: [&str; 2] = ["主送", "recipient"];

/// What is wrong with a settings file; names the file and the line.
#[derive(Debug, thiserror::Error)]
pub enum SettingsError {
    /// Not readable: a link, a FIFO or a device where the file should be, too large, or an
    /// operating-system error (the store's error names the file).
    #[error("{0}")]
    Read(#[from] crate::store::StoreError),
    #[error("{}:{line}: {what}", path.display())]
    Line {
        path: PathBuf,
        line: usize,
        what: String,
    },
}

/// The report options of the folder holding `session_file`: its settings file if there is one,
/// else none. A missing file is no error; an unreadable or malformed one is.
pub fn folder_options(session_file: &Path) -> Result<Options, SettingsError> {
    let folder = session_file
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let path = folder.join(FILE_NAME);
    // The folder may be shared: the file is read as every file beside a session is (no link
    // followed, never a FIFO or a device, size capped).
    let Some(bytes) = crate::store::read_folder_file(&path, 64 * 1024)? else {
        return Ok(Options::default());
    };
    let text = String::from_utf8(bytes).map_err(|_| SettingsError::Line {
        path: path.clone(),
        line: 1,
        what: "not UTF-8 text; save it as UTF-8".to_owned(),
    })?;
    parse(&text, &path)
}

/// Reads the settings text of the file at `path` (named in errors).
pub fn parse(text: &str, path: &Path) -> Result<Options, SettingsError> {
    let mut options = Options::default();
    for (i, line) in text.trim_start_matches('\u{FEFF}').lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let bad = |what: String| SettingsError::Line {
            path: path.to_owned(),
            line: i + 1,
            what,
        };
        let Some((key, value)) = line.split_once(['=', '＝']) else {
            return Err(bad(format!("{line:?} is not `key = value`")));
        };
        let value = crate::text::sanitize::clean_input(value.trim());
        match key.trim() {
            k if RECIPIENT_KEYS.contains(&k) => options.folder_recipient = Some(value),
            other => {
                let [zh, en] = RECIPIENT_KEYS;
                return Err(bad(format!(
                    "unknown setting {other:?}; known: {zh} ({en})"
                )));
            }
        }
    }
    Ok(options)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_recipient_and_names_a_bad_line() {
        let p = Path::new("d/selfcheck-report.conf");
        let o = parse("# 注释\n\n主送 = 区安委会办公室\n", p).unwrap();
        assert_eq!(o.folder_recipient.as_deref(), Some("区安委会办公室"));
        let e = parse("主送 = x\n抄送 = y\n", p).unwrap_err().to_string();
        assert!(e.starts_with("d/selfcheck-report.conf:2:"), "{e}");
        assert!(parse("just text", p).is_err());
    }
}
