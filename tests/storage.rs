//! The session file and the store: its format, unknown fields kept, atomic durable saves with a
//! backup, file modes, the lock, conflicts with other writers, and bad files refused with a
//! message naming the file and place while the file is left as it was.

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use common::{add_unknown_fields, full_session, pretty, read_json, session, ts};
use selfcheck::model::{SCHEMA_VERSION, Session, SessionError, builtin};
use selfcheck::store::{
    DataDir, Document, LockHolder, MAX_FILE_BYTES, OpenMode, SessionLock, StoreError, load_session,
    to_json,
};
use serde_json::{Value, json};

fn temp() -> tempfile::TempDir {
    tempfile::tempdir().expect("temp dir")
}

/// Writes `session` as a new file `NAME.json` in `dir` and closes it.
fn create(dir: &Path, name: &str, session: &Session) -> PathBuf {
    let path = dir.join(name);
    drop(Document::create(&path, session).expect("create"));
    path
}

fn names(dir: &Path) -> BTreeSet<String> {
    std::fs::read_dir(dir)
        .expect("read dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect()
}

fn set(items: &[&str]) -> BTreeSet<String> {
    items.iter().map(|s| (*s).to_owned()).collect()
}

fn renamed(s: &Session, unit: &str) -> Session {
    let mut s = s.clone();
    unit.clone_into(&mut s.unit.name);
    s
}

// --- the file format ---

#[test]
fn the_session_file_holds_the_documented_fields() {
    let dir = temp();
    let s = full_session();
    let path = create(dir.path(), "s.json", &s);
    let v = read_json(&path);

    assert_eq!(v["schema_version"], json!(SCHEMA_VERSION));
    assert_eq!(v["template"]["id"], "dept");
    assert_eq!(v["template"]["version"], "1");
    let dept = serde_json::to_value(builtin::get("dept").expect("dept")).expect("value");
    assert_eq!(v["template"], dept, "a full copy of the template");

    assert_eq!(v["unit"], json!({"name": "区应急管理局", "kind": "dept"}));
    assert_eq!(
        v["meeting"],
        json!({
            "title": "深化安全生产责任落实专项行动对照检查会",
            "date": "2023-12-05",
            "place": "三楼会议室",
            "host": "张三",
            "recorder": "李四",
            "attendees": ["王五", "赵六"],
        })
    );
    assert_eq!(v["created_at"], "2023-12-05T09:00:00+08:00");
    assert_eq!(v["updated_at"], "2023-12-05T10:15:30+08:00");
    for key in ["created_at", "updated_at"] {
        let text = v[key].as_str().expect("string");
        chrono::DateTime::parse_from_rfc3339(text).expect("RFC 3339");
    }

    let full = &v["answers"]["dept-1-1"];
    assert_eq!(full["status"], "partial");
    assert_eq!(
        full["evidence"],
        "制定了行业安全生产工作要点。\n每季度督导一次。"
    );
    assert_eq!(full["problems"], "督导覆盖面不足");
    assert_eq!(full["causes"], "人员力量不足");
    assert_eq!(full["measures"], "充实执法力量");
    assert_eq!(full["owner"], "执法大队");
    assert_eq!(full["due"], "2024-03-31");
    assert_eq!(full["updated_at"], "2023-12-05T10:15:30+08:00");
    // Fields left empty are not written.
    let keys: Vec<&str> = v["answers"]["dept-2-1"]
        .as_object()
        .expect("object")
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(keys, ["status", "updated_at", "history"]);
    let answered: Vec<&str> = v["answers"]
        .as_object()
        .expect("answers")
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(answered, ["dept-1-1", "dept-2-1", "dept-6-2"]);

    assert_eq!(load_session(&path).expect("loads"), s);
}

#[test]
fn empty_fields_are_omitted() {
    let dir = temp();
    let mut s = session("gov", "");
    s.meeting.date = None;
    let now = ts("2023-12-06T08:00:00Z");
    s.set_status("gov-1-1", Some("done"), now).expect("status");
    s.set_field("gov-1-1", selfcheck::model::Field::Evidence, "x", now)
        .expect("evidence");
    s.set_field("gov-1-1", selfcheck::model::Field::Evidence, "", now)
        .expect("cleared");
    let path = create(dir.path(), "s.json", &s);
    let v = read_json(&path);
    let top: Vec<&str> = v
        .as_object()
        .expect("top")
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        top,
        [
            "schema_version",
            "template",
            "unit",
            "meeting",
            "created_at",
            "updated_at",
            "answers",
            "id"
        ]
    );
    assert_eq!(v["meeting"], json!({"title": "对照检查会"}));
    // The evidence typed and cleared in one edit left nothing, in the answer or its history.
    assert_eq!(
        v["answers"],
        json!({"gov-1-1": {
            "status": "done",
            "updated_at": "2023-12-06T08:00:00Z",
            "history": [{"at": "2023-12-06T08:00:00Z", "field": "status", "new": "done"}]
        }})
    );
}

#[test]
fn unknown_fields_at_every_level_survive_load_and_save_byte_for_byte() {
    let dir = temp();
    let path = dir.path().join("s.json");
    let mut v = serde_json::to_value(full_session()).expect("value");
    add_unknown_fields(&mut v, "dept-1-1");
    let original = pretty(&v);
    std::fs::write(&path, &original).expect("write");

    let (mut doc, s) = Document::open(&path, OpenMode::Edit).expect("opens");
    assert_eq!(s.extra["x_top"], common::odd_values());
    assert_eq!(s.unit.extra["x_unit"], common::odd_values());
    doc.save(&s).expect("saves");
    let saved = std::fs::read_to_string(&path).expect("read");
    assert_eq!(
        saved, original,
        "an unchanged session is written back as it was"
    );

    // After a change elsewhere, each unknown value is still there, in its object, with the
    // same text.
    let mut changed = s.clone();
    changed
        .set_status("dept-3-1", Some("done"), ts("2023-12-07T09:00:00+08:00"))
        .expect("status");
    doc.save(&changed).expect("saves");
    let after = read_json(&path);
    let text = std::fs::read_to_string(&path).expect("read");
    for pointer in common::unknown_field_pointers("dept-1-1") {
        let value = after
            .pointer(&pointer)
            .unwrap_or_else(|| panic!("{pointer} kept"));
        assert_eq!(value, v.pointer(&pointer).expect("original"), "{pointer}");
        // The field's text, indented for its depth, appears in the file as it did before.
        let depth = pointer.matches('/').count();
        let indent = "  ".repeat(depth);
        let key = pointer.rsplit('/').next().expect("key");
        let value_text = serde_json::to_string_pretty(value)
            .expect("text")
            .replace('\n', &format!("\n{indent}"));
        let entry = format!("\n{indent}\"{key}\": {value_text}");
        assert!(
            original.contains(&entry),
            "{pointer} as first written:\n{entry}"
        );
        assert!(text.contains(&entry), "{pointer} as saved:\n{entry}");
    }
    assert_eq!(after["answers"]["dept-3-1"]["status"], "done");
}

#[test]
fn unknown_fields_keep_their_place_in_their_object() {
    let dir = temp();
    let path = dir.path().join("s.json");
    let s = full_session();
    let v = serde_json::to_value(&s).expect("value");
    // Another tool put its fields first.
    let mut reordered = serde_json::Map::new();
    reordered.insert("x_first".into(), json!({"k": [1, 2]}));
    reordered.extend(v.as_object().expect("top").clone());
    let mut unit = serde_json::Map::new();
    unit.insert("name".into(), json!("区应急管理局"));
    unit.insert("x_code".into(), json!("913700"));
    unit.insert("kind".into(), json!("dept"));
    reordered.insert("unit".into(), Value::Object(unit));
    let original = pretty(&Value::Object(reordered));
    std::fs::write(&path, &original).expect("write");

    let (mut doc, loaded) = Document::open(&path, OpenMode::Edit).expect("opens");
    doc.save(&loaded).expect("saves");
    let saved = read_json(&path);
    assert_eq!(saved["x_first"], json!({"k": [1, 2]}));
    assert_eq!(saved["unit"]["x_code"], "913700");
    assert!(saved.get("x_code").is_none(), "not moved to the top");
    assert_eq!(
        saved,
        serde_json::from_str::<Value>(&original).expect("json")
    );
}

// --- saving ---

#[test]
fn save_keeps_the_previous_version_as_bak_and_leaves_no_temp_files() {
    let dir = temp();
    let v1 = session("dept", "一");
    let path = dir.path().join("s.json");
    let mut doc = Document::create(&path, &v1).expect("create");
    assert!(!doc.backup_path().exists(), "nothing to back up yet");
    assert_eq!(doc.backup_path(), dir.path().join("s.json.bak"));
    let v2 = renamed(&v1, "二");
    doc.save(&v2).expect("save 2");
    assert_eq!(std::fs::read(doc.backup_path()).expect("bak"), to_json(&v1));
    assert_eq!(std::fs::read(&path).expect("file"), to_json(&v2));
    let v3 = renamed(&v1, "三");
    doc.save(&v3).expect("save 3");
    assert_eq!(std::fs::read(doc.backup_path()).expect("bak"), to_json(&v2));
    assert_eq!(load_session(&path).expect("loads"), v3);
    assert_eq!(
        names(dir.path()),
        set(&["s.json", "s.json.bak", "s.json.lock"])
    );
}

#[test]
fn create_refuses_an_existing_file() {
    let dir = temp();
    let path = dir.path().join("s.json");
    std::fs::write(&path, b"not mine").expect("write");
    let err = Document::create(&path, &session("gov", "x")).expect_err("refused");
    assert!(matches!(err, StoreError::Exists { .. }), "{err:?}");
    assert_eq!(std::fs::read(&path).expect("read"), b"not mine");
}

#[test]
fn every_read_during_200_saves_sees_a_whole_session() {
    let dir = temp();
    let a = session("full", "甲单位");
    let mut b = renamed(&a, "乙单位");
    b.conclusions.overview = "很长的总结。".repeat(2000);
    let path = dir.path().join("s.json");
    let mut doc = Document::create(&path, &a).expect("create");
    let done = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let writer = {
        let (a, b, done) = (a.clone(), b.clone(), done.clone());
        std::thread::spawn(move || {
            for n in 0..200 {
                doc.save(if n % 2 == 0 { &b } else { &a }).expect("save");
            }
            done.store(true, std::sync::atomic::Ordering::SeqCst);
        })
    };
    let mut reads = 0;
    loop {
        let finished = done.load(std::sync::atomic::Ordering::SeqCst);
        let bytes = std::fs::read(&path).expect("the file is always there");
        let text = std::str::from_utf8(&bytes).expect("UTF-8");
        let s = selfcheck::store::parse_session(&path, text).expect("a whole session");
        assert!(s == a || s == b, "one of the two versions");
        reads += 1;
        if finished {
            break;
        }
    }
    writer.join().expect("writer");
    assert!(reads > 0);
    assert_eq!(
        load_session(&path).expect("loads"),
        a,
        "200 saves end with a"
    );
}

// --- modes ---

#[cfg(unix)]
#[test]
fn new_files_are_owner_only() {
    use std::os::unix::fs::PermissionsExt;
    let dir = temp();
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).expect("chmod");
    let s = session("gov", "x");
    let path = dir.path().join("s.json");
    let mut doc = Document::create(&path, &s).expect("create");
    assert_eq!(common::mode(&path), 0o600);
    doc.save(&renamed(&s, "y")).expect("save");
    assert_eq!(common::mode(&path), 0o600);
    assert_eq!(common::mode(&doc.backup_path()), 0o600);
    let lock = dir.path().join("s.json.lock");
    assert_eq!(
        common::mode(&lock) & 0o077,
        0,
        "lock file not readable by others"
    );
}

#[cfg(unix)]
#[test]
fn sessions_are_group_writable_and_closed_to_others_in_a_group_folder() {
    // Group-writable so another member of the group can save a session they did not create
    // (in place, where a sticky folder keeps them from replacing it).
    use std::os::unix::fs::PermissionsExt;
    for folder_mode in [0o2770, 0o770] {
        let dir = temp();
        std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(folder_mode))
            .expect("chmod");
        let s = session("gov", "x");
        let path = dir.path().join("s.json");
        let mut doc = Document::create(&path, &s).expect("create");
        assert_eq!(common::mode(&path), 0o660, "folder {folder_mode:o}");
        doc.save(&renamed(&s, "y")).expect("save");
        assert_eq!(common::mode(&path), 0o660, "folder {folder_mode:o}");
        assert_eq!(common::mode(&doc.backup_path()), 0o660);
    }
}

#[cfg(unix)]
#[test]
fn the_data_folder_is_created_owner_only() {
    let dir = temp();
    let data = dir.path().join("a").join("b").join("sessions");
    let d = DataDir::at(&data);
    d.ensure().expect("created");
    assert!(data.is_dir());
    assert_eq!(common::mode(&data), 0o700);
    d.ensure().expect("an existing folder is fine");
    let path = create(&data, "s.json", &session("gov", "x"));
    assert_eq!(common::mode(&path), 0o600);
}

// --- the lock ---

#[test]
fn a_second_editor_is_told_who_holds_the_lock() {
    let dir = temp();
    let path = create(dir.path(), "s.json", &session("gov", "x"));
    let (first, _) = Document::open(&path, OpenMode::Edit).expect("first");
    assert!(!first.is_read_only());
    let me = LockHolder::current();

    let recorded: LockHolder = serde_json::from_str(
        &std::fs::read_to_string(dir.path().join("s.json.lock")).expect("lock file"),
    )
    .expect("the lock file names the holder");
    assert_eq!(
        (&recorded.user, &recorded.host, recorded.pid),
        (&me.user, &me.host, std::process::id())
    );
    assert_eq!(SessionLock::holder(&path), Some(recorded.clone()));

    let err = Document::open(&path, OpenMode::Edit).expect_err("locked");
    match &err {
        StoreError::Locked { path: p, holder } => {
            assert_eq!(p, &path);
            assert_eq!(holder, &recorded);
        }
        other => panic!("{other:?}"),
    }
    let msg = err.to_string();
    for part in [
        path.display().to_string(),
        me.user.clone(),
        me.host.clone(),
        std::process::id().to_string(),
    ] {
        assert!(msg.contains(&part), "{part:?} in {msg}");
    }

    drop(first);
    assert_eq!(SessionLock::holder(&path), None);
    let (second, _) = Document::open(&path, OpenMode::Edit).expect("free again");
    drop(second);
}

#[test]
fn read_only_opens_a_locked_file_and_never_writes() {
    let dir = temp();
    let s = session("gov", "x");
    let path = create(dir.path(), "s.json", &s);
    let before = std::fs::read(&path).expect("read");
    let mtime = std::fs::metadata(&path)
        .expect("meta")
        .modified()
        .expect("mtime");
    let (_editor, _) = Document::open(&path, OpenMode::Edit).expect("editor");

    let (mut reader, loaded) = Document::open(&path, OpenMode::ReadOnly).expect("read-only");
    assert!(reader.is_read_only());
    assert_eq!(loaded, s);
    let err = reader.save(&renamed(&s, "y")).expect_err("read-only");
    assert!(matches!(err, StoreError::ReadOnly { .. }), "{err:?}");
    assert!(err.to_string().contains(&path.display().to_string()));
    assert_eq!(std::fs::read(&path).expect("read"), before);
    assert_eq!(
        std::fs::metadata(&path)
            .expect("meta")
            .modified()
            .expect("mtime"),
        mtime
    );
    assert!(!dir.path().join("s.json.bak").exists());
}

#[test]
fn stray_temp_files_are_removed_when_opened_for_editing() {
    let dir = temp();
    let path = create(dir.path(), "s.json", &session("gov", "x"));
    let strays = [".s.json.Ab12Cd", ".s.json.tmp123"];
    let keep = [".other.json.Ab12Cd", "s.json.bak", "other.json"];
    for n in strays.iter().chain(&keep) {
        std::fs::write(dir.path().join(n), b"{").expect("write");
    }
    drop(Document::open(&path, OpenMode::ReadOnly).expect("read-only"));
    for n in strays {
        assert!(dir.path().join(n).exists(), "read-only leaves {n}");
    }
    drop(Document::open(&path, OpenMode::Edit).expect("edit"));
    for n in strays {
        assert!(!dir.path().join(n).exists(), "{n} removed");
    }
    for n in keep {
        assert!(dir.path().join(n).exists(), "{n} kept");
    }
    assert!(path.exists());
}

// --- conflicts ---

#[cfg(unix)]
fn inode(path: &Path) -> u64 {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata(path).expect("meta").ino()
}

/// Replaces the file as another program would: new content of the same size and the same
/// mtime, by a rename (new inode) or in place.
fn other_writer(path: &Path, by_rename: bool) -> Vec<u8> {
    let old = std::fs::read(path).expect("read");
    let mtime = std::fs::metadata(path)
        .expect("meta")
        .modified()
        .expect("mtime");
    let text = String::from_utf8(old.clone()).expect("UTF-8");
    let other = text.replacen("\"name\": \"甲\"", "\"name\": \"乙\"", 1);
    assert_ne!(other, text);
    assert_eq!(other.len(), old.len());
    if by_rename {
        let tmp = path.with_file_name("other-writer.tmp");
        std::fs::write(&tmp, &other).expect("write");
        std::fs::File::options()
            .write(true)
            .open(&tmp)
            .expect("open")
            .set_modified(mtime)
            .expect("set mtime");
        std::fs::rename(&tmp, path).expect("rename");
    } else {
        let mut f = std::fs::File::options()
            .write(true)
            .open(path)
            .expect("open");
        std::io::Write::write_all(&mut f, other.as_bytes()).expect("write");
        f.set_modified(mtime).expect("set mtime");
    }
    assert_eq!(
        std::fs::metadata(path)
            .expect("meta")
            .modified()
            .expect("mtime"),
        mtime
    );
    other.into_bytes()
}

#[test]
fn a_change_by_someone_else_is_never_overwritten() {
    for by_rename in [true, false] {
        let dir = temp();
        let s = session("gov", "甲");
        let path = create(dir.path(), "s.json", &s);
        let (mut doc, loaded) = Document::open(&path, OpenMode::Edit).expect("open");
        #[cfg(unix)]
        let ino = inode(&path);
        let theirs = other_writer(&path, by_rename);
        #[cfg(unix)]
        assert_eq!(inode(&path) != ino, by_rename);

        let mut ours = loaded.clone();
        ours.set_status("gov-1-1", Some("done"), ts("2023-12-05T11:00:00+08:00"))
            .expect("status");
        let err = doc.save(&ours).expect_err("conflict");
        let StoreError::Conflict { path: p, kept } = &err else {
            panic!("{err:?}");
        };
        assert_eq!(p, &path);
        assert_ne!(kept, &path);
        assert_eq!(kept.parent(), path.parent());
        assert_eq!(
            std::fs::read(&path).expect("read"),
            theirs,
            "by_rename {by_rename}"
        );
        assert_eq!(load_session(kept).expect("our version"), ours);
        assert!(err.to_string().contains(&kept.display().to_string()));
        assert!(!doc.backup_path().exists(), "no backup of their version");
        #[cfg(unix)]
        assert_eq!(common::mode(kept), 0o600);

        // Later saves keep going to our copy.
        ours.set_status("gov-1-2", Some("na"), ts("2023-12-05T11:01:00+08:00"))
            .expect("status");
        let again = doc.save(&ours).expect_err("still a conflict");
        assert!(
            matches!(&again, StoreError::Conflict { kept: k, .. } if k == kept),
            "{again:?}"
        );
        assert_eq!(std::fs::read(&path).expect("read"), theirs);
        assert_eq!(load_session(kept).expect("our version"), ours);
    }
}

#[test]
fn a_file_removed_by_someone_else_is_written_again() {
    let dir = temp();
    let s = session("gov", "甲");
    let path = create(dir.path(), "s.json", &s);
    let (mut doc, loaded) = Document::open(&path, OpenMode::Edit).expect("open");
    std::fs::remove_file(&path).expect("remove");
    doc.save(&loaded).expect("saved");
    assert_eq!(load_session(&path).expect("loads"), s);
}

// --- bad files ---

/// Writes `bytes` as `NAME.json`, checks that loading and opening it for editing fail without
/// changing it, and returns the message.
fn refused(name: &str, bytes: &[u8]) -> (String, PathBuf, tempfile::TempDir) {
    let dir = temp();
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).expect("write");
    let msg = refused_at(&path);
    (msg, path, dir)
}

fn refused_at(path: &Path) -> String {
    let before = std::fs::read(path).expect("read");
    let err = load_session(path).expect_err("refused");
    let msg = err.to_string();
    assert_eq!(err.path(), path);
    assert!(msg.starts_with(&path.display().to_string()), "{msg}");
    let err2 = Document::open(path, OpenMode::Edit).expect_err("refused for editing too");
    assert_eq!(err2.to_string(), msg);
    let err3 = selfcheck::store::load_template(path).expect_err("not a template either");
    assert!(err3.to_string().starts_with(&path.display().to_string()));
    assert_eq!(std::fs::read(path).expect("read"), before, "unchanged");
    let bak = path.with_file_name(format!(
        "{}.bak",
        path.file_name().expect("name").to_string_lossy()
    ));
    assert!(!bak.exists());
    msg
}

/// `(line, column)` of a message `PATH:LINE:COL: …`.
fn position(msg: &str, path: &Path) -> (usize, usize) {
    let prefix = format!("{}:", path.display());
    let rest = msg
        .strip_prefix(&prefix)
        .unwrap_or_else(|| panic!("{msg} starts with the path"));
    let mut parts = rest.splitn(3, ':');
    let line = parts.next().and_then(|p| p.parse().ok());
    let column = parts.next().and_then(|p| p.parse().ok());
    match (line, column) {
        (Some(l), Some(c)) => (l, c),
        _ => panic!("{msg} has line:column"),
    }
}

fn valid_text() -> String {
    String::from_utf8(to_json(&full_session())).expect("UTF-8")
}

#[test]
fn an_empty_file_is_refused() {
    let (msg, ..) = refused("empty.json", b"");
    assert!(msg.contains("empty"), "{msg}");
    let (msg, ..) = refused("blank.json", b" \n\t\r\n  ");
    assert!(msg.contains("empty"), "{msg}");
}

#[test]
fn truncated_json_is_refused_with_a_position() {
    let text = valid_text();
    let half = (0..=text.len() / 2)
        .rev()
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(0);
    let cut = &text[..half];
    let (msg, path, _dir) = refused("cut.json", cut.as_bytes());
    let (line, _) = position(&msg, &path);
    assert_eq!(line, cut.lines().count(), "{msg}");
    assert!(msg.contains("ends too early"), "{msg}");
}

#[test]
fn a_file_that_is_not_utf8_is_refused_at_the_bad_byte() {
    let prefix = "  \"unit\": {\"name\": \"应急";
    let mut bytes = b"{\n  \"schema_version\": 1,\n".to_vec();
    bytes.extend_from_slice(prefix.as_bytes());
    bytes.push(0xff);
    bytes.extend_from_slice("局\"},\n  \"x\": 1\n}\n".as_bytes());
    let (msg, path, _dir) = refused("latin.json", &bytes);
    assert_eq!(
        position(&msg, &path),
        (3, prefix.chars().count() + 1),
        "{msg}"
    );
    assert!(msg.contains("UTF-8"), "{msg}");
}

#[test]
fn a_wrong_type_is_refused_with_its_line_and_column() {
    let text = valid_text().replacen("\"status\": \"partial\"", "\"status\": 5", 1);
    let line = text
        .lines()
        .position(|l| l.contains("\"status\": 5"))
        .expect("edited")
        + 1;
    let (msg, path, _dir) = refused("types.json", text.as_bytes());
    let (l, c) = position(&msg, &path);
    assert_eq!(l, line, "{msg}");
    assert!(c > 10, "{msg}");
    assert!(msg.contains("invalid type"), "{msg}");
}

#[test]
fn deep_nesting_is_refused_without_overflowing_the_stack() {
    let deep = "[".repeat(10_000);
    let (msg, path, _dir) = refused("deep.json", deep.as_bytes());
    assert_eq!(position(&msg, &path).0, 1, "{msg}");

    let inner = format!(
        "{{\"schema_version\": 1, \"x\": {deep}{}}}",
        "]".repeat(10_000)
    );
    let (msg, path, _dir) = refused("deep-field.json", inner.as_bytes());
    assert_eq!(position(&msg, &path).0, 1, "{msg}");

    let objects = "{\"a\":".repeat(10_000);
    let (msg, path, _dir) = refused("deep-objects.json", objects.as_bytes());
    assert_eq!(position(&msg, &path).0, 1, "{msg}");
}

#[test]
fn a_file_over_the_size_limit_is_refused_before_reading() {
    let dir = temp();
    let path = dir.path().join("huge.json");
    let f = std::fs::File::create(&path).expect("create");
    f.set_len(MAX_FILE_BYTES + 1).expect("sparse");
    drop(f);
    let msg = refused_at(&path);
    assert!(msg.contains(&(MAX_FILE_BYTES + 1).to_string()), "{msg}");
    assert_eq!(
        std::fs::metadata(&path).expect("meta").len(),
        MAX_FILE_BYTES + 1
    );
}

#[test]
fn a_newer_schema_version_is_refused_as_such() {
    let mut v: Value = serde_json::from_str(&valid_text()).expect("json");
    v["schema_version"] = json!(SCHEMA_VERSION + 1);
    // A newer version may change anything; it is refused for its version.
    v["answers"] = json!([1, 2, 3]);
    let (msg, ..) = refused("newer.json", pretty(&v).as_bytes());
    assert!(msg.contains("newer"), "{msg}");
    assert!(
        msg.contains(&format!("schema_version is {}", SCHEMA_VERSION + 1)),
        "{msg}"
    );

    v["schema_version"] = json!(0);
    v["answers"] = json!({});
    let (msg, ..) = refused("zero.json", pretty(&v).as_bytes());
    assert!(msg.contains("schema_version 0"), "{msg}");
}

#[test]
fn answers_to_unknown_checks_or_with_unknown_statuses_are_refused_by_name() {
    let mut v: Value = serde_json::from_str(&valid_text()).expect("json");
    v["answers"]["dept-9-9"] = json!({"status": "done"});
    let (msg, path, _dir) = refused("unknown-check.json", pretty(&v).as_bytes());
    assert!(msg.contains("\"dept-9-9\""), "{msg}");
    let err = load_session(&path).expect_err("refused");
    assert!(matches!(
        err,
        StoreError::Invalid { source: SessionError::UnknownCheck(ref id), .. } if id == "dept-9-9"
    ));

    let mut v: Value = serde_json::from_str(&valid_text()).expect("json");
    v["answers"]["dept-2-1"]["status"] = json!("maybe");
    let (msg, ..) = refused("unknown-status.json", pretty(&v).as_bytes());
    assert!(msg.contains("\"maybe\""), "{msg}");
    assert!(msg.contains("\"dept-2-1\""), "{msg}");
}

#[test]
fn a_session_with_a_broken_template_is_refused() {
    let mut v: Value = serde_json::from_str(&valid_text()).expect("json");
    v["template"]["sections"][0]["items"][1]["checks"][0]["id"] = json!("dept-1-1");
    let (msg, ..) = refused("dup.json", pretty(&v).as_bytes());
    assert!(msg.contains("\"dept-1-1\""), "{msg}");
    assert!(msg.contains("more than once"), "{msg}");
}

#[test]
fn a_bad_date_is_refused_with_a_position() {
    let text = valid_text().replacen("\"due\": \"2024-03-31\"", "\"due\": \"2024-02-30\"", 1);
    let (msg, path, _dir) = refused("date.json", text.as_bytes());
    let line = text
        .lines()
        .position(|l| l.contains("2024-02-30"))
        .expect("edited")
        + 1;
    assert_eq!(position(&msg, &path).0, line, "{msg}");
}

// --- the data folder ---

#[test]
fn the_data_folder_lists_sessions_and_reports_bad_files() {
    let dir = temp();
    let data = DataDir::at(dir.path());
    assert!(data.list().expect("list").is_empty());
    let mut old = session("gov", "甲");
    old.meeting.date = Some(common::date("2023-01-01"));
    let new = session("dept", "乙");
    let p_old = data.new_session_path(&old);
    assert_eq!(p_old, dir.path().join("2023-01-01-甲.json"));
    drop(Document::create(&p_old, &old).expect("create"));
    let p_new = data.new_session_path(&new);
    drop(Document::create(&p_new, &new).expect("create"));
    let again = data.new_session_path(&new);
    assert_eq!(again, dir.path().join("2023-12-05-乙-2.json"));
    std::fs::write(dir.path().join("broken.json"), b"{").expect("write");
    std::fs::write(dir.path().join(".hidden.json"), b"{").expect("write");

    let entries = data.list().expect("list");
    assert_eq!(
        entries.len(),
        3,
        "sessions and the broken file, no hidden one"
    );
    let ok: Vec<&Path> = entries
        .iter()
        .filter_map(|e| e.as_ref().ok())
        .map(|e| e.path.as_path())
        .collect();
    assert_eq!(
        ok,
        [p_new.as_path(), p_old.as_path()],
        "newest meeting first"
    );
    let e = entries[0].as_ref().expect("ok");
    assert_eq!((e.progress.answered, e.progress.total), (0, 15));
    let bad = entries[2].as_ref().expect_err("broken");
    assert!(bad.to_string().contains("broken.json"));
}

#[test]
fn columns_count_characters_not_bytes() {
    // The same error after three Chinese characters and after three ASCII ones.
    let text = valid_text();
    let at = |before: &str| {
        let bad = text.replacen(
            "\"evidence\": \"制定了",
            &format!("\"evidence\": \"{before}\u{1}"),
            1,
        );
        assert_ne!(bad, text);
        let (msg, path, _dir) = refused("control.json", bad.as_bytes());
        position(&msg, &path)
    };
    let (line, column) = at("制定了");
    assert_eq!((line, column), at("abc"));
    let evidence_line = text
        .lines()
        .find(|l| l.contains("\"evidence\""))
        .expect("evidence");
    let prefix = &evidence_line[..evidence_line.find("制定了").expect("text")];
    // serde_json points at the last character it read before the control character.
    assert_eq!(column, prefix.chars().count() + 3);
}

#[test]
fn json_that_is_not_a_session_object_is_refused_in_plain_words() {
    for text in ["[]", "[1]", "\"text\"", "null", "42"] {
        let (msg, path, _dir) = refused("not-an-object.json", text.as_bytes());
        let (line, column) = position(&msg, &path);
        assert_eq!(line, 1, "{msg}");
        assert!(column >= 1, "{msg}");
        assert!(msg.contains("expected a session"), "{msg}");
        assert!(!msg.contains("Probe"), "{msg}");
    }
}

#[cfg(unix)]
#[test]
fn a_change_of_mode_alone_is_not_a_conflict() {
    use std::os::unix::fs::PermissionsExt;
    let dir = temp();
    let s = session("gov", "甲");
    let path = dir.path().join("s.json");
    let mut doc = Document::create(&path, &s).expect("create");
    // chmod to the same mode: only the ctime changes.
    let mode = std::fs::metadata(&path).expect("stat").permissions().mode();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(mode)).expect("chmod");
    doc.save(&renamed(&s, "乙")).expect("not a conflict");
    assert!(!doc.in_conflict());
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).expect("chmod");
    doc.save(&renamed(&s, "丙")).expect("not a conflict either");
    assert_eq!(load_session(&path).expect("load").unit.name, "丙");
    assert!(
        !names(dir.path()).iter().any(|n| n.contains("conflict")),
        "{:?}",
        names(dir.path())
    );
}

#[test]
fn a_backup_that_cannot_be_replaced_leaves_no_temporary_link_and_does_not_stop_the_save() {
    let dir = temp();
    let s = session("gov", "甲");
    let path = dir.path().join("s.json");
    let mut doc = Document::create(&path, &s).expect("create");
    // Something that is not a file where the backup goes: renaming the link over it fails.
    std::fs::create_dir(doc.backup_path()).expect("mkdir");
    std::fs::write(doc.backup_path().join("x"), b"x").expect("write");
    doc.save(&renamed(&s, "乙"))
        .expect("the save itself succeeds");
    assert_eq!(load_session(&path).expect("load").unit.name, "乙");
    let stray: Vec<String> = names(dir.path())
        .into_iter()
        .filter(|n| n.contains(".tmp"))
        .collect();
    assert!(stray.is_empty(), "left behind: {stray:?}");
}

#[test]
fn a_planted_file_at_the_journal_name_is_set_aside_not_written_through() {
    let dir = temp();
    let s = session("gov", "甲");
    let path = dir.path().join("s.json");
    let (mut doc, mut session) = {
        drop(Document::create(&path, &s).expect("create"));
        Document::open(&path, OpenMode::Edit).expect("open")
    };
    let journal = selfcheck::store::journal_path(&path);
    let target = dir.path().join("elsewhere.txt");
    std::fs::write(&target, b"not to be touched").expect("write");
    #[cfg(unix)]
    std::os::unix::fs::symlink(&target, &journal).expect("symlink");
    session.unit.name = "乙".into();
    doc.append_journal(&selfcheck::store::record_of(&session, []))
        .expect("a journal of our own is started");
    assert_eq!(std::fs::read(&target).expect("read"), b"not to be touched");
    assert!(
        !std::fs::symlink_metadata(&journal)
            .expect("journal")
            .file_type()
            .is_symlink()
    );
    // A record that is not one JSON line is refused, never written.
    assert!(doc.append_journal(b"").is_err());
    assert!(doc.append_journal(b"{\"a\":1}\n{\"b\":2}").is_err());
}

#[cfg(unix)]
#[test]
fn files_that_are_not_regular_are_refused_without_blocking() {
    let dir = temp();
    let fifo = dir.path().join("f.json");
    let status = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo");
    assert!(status.success());
    let e = load_session(&fifo).expect_err("a FIFO is not a session");
    assert!(matches!(e, StoreError::NotRegular { .. }), "{e}");
    assert!(e.to_string().contains("FIFO"), "{e}");
    let e = Document::open(&fifo, OpenMode::ReadOnly).expect_err("nor opened");
    assert!(matches!(e, StoreError::NotRegular { .. }), "{e}");
    let e = load_session(Path::new("/dev/zero")).expect_err("nor a device");
    assert!(matches!(e, StoreError::NotRegular { .. }), "{e}");
}

#[cfg(unix)]
#[test]
fn a_recovery_copy_goes_to_the_first_private_place_that_takes_it_and_is_found_again() {
    use selfcheck::store::recovery;
    use std::os::unix::fs::PermissionsExt;
    let dir = temp();
    let session_path = dir.path().join("full/s.json");
    let s = session("gov", "甲");
    let bytes = to_json(&s);
    // The first place cannot be a folder (a file is there), the second is a link someone
    // planted, the third is usable.
    let blocked = dir.path().join("blocked");
    std::fs::write(&blocked, b"x").expect("write");
    let elsewhere = dir.path().join("elsewhere");
    std::fs::create_dir(&elsewhere).expect("mkdir");
    let planted = dir.path().join("planted");
    std::os::unix::fs::symlink(&elsewhere, &planted).expect("symlink");
    let good = dir.path().join("data/recovery");
    let places = vec![blocked.clone(), planted.clone(), good.clone()];
    let p = recovery::write_away(&session_path, &bytes, &places).expect("written");
    assert!(p.copy.starts_with(&good), "{}", p.copy.display());
    assert_eq!(std::fs::read(&p.copy).expect("copy"), bytes);
    assert_eq!(common::mode(&p.copy), 0o600);
    assert_eq!(common::mode(&good), 0o700);
    assert!(
        std::fs::read_dir(&elsewhere).expect("ls").next().is_none(),
        "nothing written through the link"
    );
    assert_eq!(recovery::pending(&places), vec![p.clone()]);
    assert_eq!(
        load_session(&p.copy).expect("a session file").unit.name,
        "甲"
    );

    // A folder others can read is not used, nor searched.
    std::fs::set_permissions(&good, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    assert!(recovery::pending(&places).is_empty());
    assert!(recovery::write_away(&session_path, &bytes, &places).is_err());
    std::fs::set_permissions(&good, std::fs::Permissions::from_mode(0o700)).expect("chmod");
    recovery::remove(&p);
    assert!(recovery::pending(&places).is_empty());
}

#[test]
fn a_file_at_the_journal_name_is_moved_aside_before_the_journal_is_used() {
    let dir = temp();
    let path = create(dir.path(), "s.json", &session("gov", "甲"));
    let (mut doc, _) = Document::open(&path, OpenMode::Edit).expect("open");
    assert!(doc.journal_usable(), "nothing there");
    let journal = selfcheck::store::journal_path(&path);
    std::fs::write(&journal, b"planted").expect("write");
    assert!(doc.journal_usable(), "moved aside");
    assert!(!doc.journal_blocked());
    assert!(std::fs::symlink_metadata(&journal).is_err());
    assert!(
        names(dir.path())
            .iter()
            .any(|n| n.starts_with("s.json.journal-")),
        "{:?}",
        names(dir.path())
    );
}
