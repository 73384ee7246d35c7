//! Reading session and template files: bounded size, UTF-8 checked with a position, JSON errors
//! with line and column, then the model's own validation.

use std::path::Path;

use serde::Deserialize;

use super::StoreError;
use super::file::{open_read, read_capped};
use crate::model::{Session, SessionError, Template};

/// Larger files are refused before they are read: a 10,000-check session with long notes is a
/// few megabytes.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// Reads at most `MAX_FILE_BYTES` of a file named by the user (a symlink is followed); a FIFO,
/// device or folder is refused without blocking.
pub(crate) fn read_bounded(path: &Path) -> Result<Vec<u8>, StoreError> {
    let Some((file, meta)) = open_read(path, true)? else {
        return Err(StoreError::io(path, std::io::ErrorKind::NotFound.into()));
    };
    read_capped(path, file, &meta, MAX_FILE_BYTES)
}

/// The bytes without a UTF-8 byte-order mark (Windows Notepad writes one; it is not part of
/// the JSON). Every reader of session and template files applies this one rule.
pub(crate) fn without_bom(bytes: &[u8]) -> &[u8] {
    bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes)
}

/// Line and column (1-based, in characters) of byte offset `at`.
fn position(text: &[u8], at: usize) -> (usize, usize) {
    let before = &text[..at.min(text.len())];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |p| p + 1);
    let column = String::from_utf8_lossy(&before[start..]).chars().count() + 1;
    (line, column)
}

/// UTF-8 text of the file, or an error at the first bad byte.
pub(crate) fn utf8<'a>(path: &Path, bytes: &'a [u8]) -> Result<&'a str, StoreError> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(StoreError::Empty {
            path: path.to_owned(),
        });
    }
    let bytes = without_bom(bytes);
    std::str::from_utf8(bytes).map_err(|e| {
        let (line, column) = position(bytes, e.valid_up_to());
        StoreError::NotUtf8 {
            path: path.to_owned(),
            line,
            column,
        }
    })
}

/// `serde_json` counts columns in bytes; editors count characters, as [`position`] does.
fn char_column(text: &str, line: usize, byte_column: usize) -> usize {
    let Some(line_text) = text.split('\n').nth(line.saturating_sub(1)) else {
        return byte_column;
    };
    let bytes = line_text.as_bytes();
    String::from_utf8_lossy(&bytes[..byte_column.min(bytes.len())])
        .chars()
        .count()
}

fn json_error(path: &Path, text: &str, e: &serde_json::Error) -> StoreError {
    let message = e.to_string();
    // serde_json appends " at line L column C"; the position is given in front instead.
    let message = match message.rfind(" at line ") {
        Some(i) => message[..i].to_owned(),
        None => message,
    };
    let message = match e.classify() {
        serde_json::error::Category::Eof => format!("the file ends too early ({message})"),
        _ => message,
    };
    StoreError::Json {
        path: path.to_owned(),
        line: e.line(),
        // serde_json says column 0 for "before the first character"; editors count from 1.
        column: char_column(text, e.line(), e.column()).max(1),
        message,
    }
}

#[derive(Deserialize)]
#[serde(expecting = "a session: a JSON object with schema_version, template, unit and meeting")]
struct VersionProbe {
    schema_version: Option<serde_json::Value>,
}

/// Parses a session file's text. A newer file is refused for what it is rather than for a field
/// this program does not understand: where the session does not parse, its version is looked at
/// before the error is reported. (A good file is parsed once; the version probe used to read
/// every file twice.)
pub fn parse_session(path: &Path, text: &str) -> Result<Session, StoreError> {
    match serde_json::from_str::<Session>(text) {
        Ok(session) => validated(path, session),
        Err(e) => Err(session_error(path, text, &e)),
    }
}

/// Parses a session file's bytes. A good file is parsed straight from the bytes, in one pass:
/// the parser checks the UTF-8 of every string it reads, and every part of a session is either
/// typed or kept in `extra`, so nothing is skipped unchecked (outside strings only ASCII is
/// valid JSON). Only a file that fails is looked at the slow way, for an error that names the
/// first bad byte, a newer version, or the line and column.
pub(crate) fn parse_session_bytes(path: &Path, bytes: &[u8]) -> Result<Session, StoreError> {
    if let Ok(session) = serde_json::from_slice::<Session>(without_bom(bytes)) {
        return validated(path, session);
    }
    parse_session(path, utf8(path, bytes)?)
}

fn validated(path: &Path, session: Session) -> Result<Session, StoreError> {
    session.validate().map_err(|source| StoreError::Invalid {
        path: path.to_owned(),
        source,
    })?;
    Ok(session)
}

/// Why `text` is not a session: a newer version if it says so, else where the JSON went wrong.
fn session_error(path: &Path, text: &str, parse: &serde_json::Error) -> StoreError {
    let probe: VersionProbe = match serde_json::from_str(text) {
        Ok(p) => p,
        Err(e) => return json_error(path, text, &e),
    };
    if let Some(found) = probe
        .schema_version
        .as_ref()
        .and_then(serde_json::Value::as_u64)
        && found > u64::from(crate::model::SCHEMA_VERSION)
    {
        return StoreError::Invalid {
            path: path.to_owned(),
            source: SessionError::NewerSchema {
                found: u32::try_from(found).unwrap_or(u32::MAX),
            },
        };
    }
    json_error(path, text, parse)
}

pub fn parse_template(path: &Path, text: &str) -> Result<Template, StoreError> {
    let template: Template = serde_json::from_str(text).map_err(|e| json_error(path, text, &e))?;
    template
        .validate()
        .map_err(|source| StoreError::InvalidTemplate {
            path: path.to_owned(),
            source,
        })?;
    Ok(template)
}

/// Reads and validates a template file. The file is only read.
pub fn load_template(path: &Path) -> Result<Template, StoreError> {
    let bytes = read_bounded(path)?;
    parse_template(path, utf8(path, &bytes)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_byte_order_mark_is_skipped() {
        let text = utf8(Path::new("t.json"), b"\xEF\xBB\xBF{}").unwrap();
        assert_eq!(text, "{}");
    }

    #[test]
    fn position_counts_characters_not_bytes() {
        let text = "{\n  \"中文\": x".as_bytes();
        let at = text.len() - 1;
        assert_eq!(position(text, at), (2, 9));
    }
}
