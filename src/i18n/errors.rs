//! Errors and notices of the store, the model and the exports, in the interface language.

use super::{Lang, json};

/// A storage error in the interface language: the file, the place in it, and what is wrong.
pub fn store_error(e: &crate::store::StoreError, lang: Lang) -> String {
    use crate::store::StoreError as E;
    if lang.is_en() {
        return match e {
            E::Locked { path, holder } => format!(
                "{}: in use by {}",
                crate::store::shown_path(path),
                lock_holder(holder, lang)
            ),
            _ => e.to_string(),
        };
    }
    let file = crate::store::shown_path(e.path());
    match e {
        E::Io { source, .. } => format!("{file}：{}", io_error(source, lang)),
        E::Empty { .. } => format!("{file}：文件是空的"),
        E::TooLarge { size, limit, .. } => {
            format!("{file}：文件有 {size} 字节，超过 {limit} 字节的文件不予读取")
        }
        E::NotUtf8 { line, column, .. } => {
            format!("{file}:{line}:{column}：不是 UTF-8 编码的文本（请另存为 UTF-8）")
        }
        E::Json {
            line,
            column,
            message,
            ..
        } => format!(
            "{file}:{line}:{column}：JSON 格式错误（{}）",
            json::zh(message)
        ),
        E::Invalid { source, .. } => format!("{file}：{}", session_error(source, lang)),
        E::InvalidTemplate { source, .. } => format!("{file}：{}", template_error(source)),
        E::Locked { holder, .. } => {
            format!("{file}：正在被他人编辑（{}）", lock_holder(holder, lang))
        }
        E::Conflict { path, kept } => format!(
            "{}：已被他人修改，未覆盖；本次记录另存为 {}",
            path.file_name().unwrap_or_default().to_string_lossy(),
            kept.display()
        ),
        E::ReadOnly { .. } => format!("{file}：只读打开，不写入"),
        E::Exists { .. } => format!("{file}：同名文件已存在"),
        E::NotRegular { kind, .. } => {
            use crate::store::FileKind as F;
            let what = match kind {
                F::Symlink => "是符号链接，不予跟随",
                F::Fifo => "是命名管道（FIFO），不是文件",
                F::Device => "是设备，不是文件",
                F::Socket => "是套接字，不是文件",
                F::Folder => "是文件夹，不是文件",
                F::Other => "不是普通文件",
            };
            format!("{file}：{what}，未打开")
        }
        E::NotTrusted {
            owner, expected, ..
        } => format!(
            "{file}：由 {} 写入，而非记录文件的所有者 {}，不予采用",
            crate::store::owner_name(*owner),
            crate::store::owner_name(*expected)
        ),
        E::NotJournal { .. } => format!("{file}：不是本程序能读的日志文件"),
        E::ForeignLink { owner, .. } => format!(
            "{file}：是 {} 建立的符号链接，指向不属于其本人的文件，不予跟随",
            crate::store::owner_name(*owner)
        ),
        E::Unwritable { message } => format!("记录无法写成 JSON（{message}），未写入任何内容"),
    }
}

/// Why a change to a session was refused (a date or deadline that cannot be read, a file made
/// by a newer program, ...), in the interface language.
pub fn session_error(e: &crate::model::SessionError, lang: Lang) -> String {
    use crate::model::SessionError;
    if lang.is_en() {
        return e.to_string();
    }
    match e {
        SessionError::NewerSchema { found } => format!(
            "文件格式版本为 {found}，本程序只能读取 {} 及以下版本，请升级 selfcheck",
            crate::model::SCHEMA_VERSION
        ),
        SessionError::BadSchema(v) => format!("文件格式版本 {v} 无效"),
        SessionError::UnknownCheck(id) => {
            format!("answers 中的 {id:?} 不是检查表中的检查内容")
        }
        SessionError::UnknownStatus { check, status } => {
            format!("{check:?} 的落实情况 {status:?} 不在检查表的选项中")
        }
        SessionError::BadDate(d) => format!("“{d}”不是日期：请写成 2024-03-31 或 2024年3月31日"),
        SessionError::BadDeadline(d) => format!(
            "“{d}”不是完成时限：可写日期（2024-03-31、2024年3月31日）、月份（2024年3月底、3月底前）、年底前，或立行立改、长期坚持"
        ),
        SessionError::Template(t) => template_error(t),
        SessionError::Signed => {
            "记录已签字确认，只读；如需修改，请先重新打开修改（签字随之作废）".to_owned()
        }
        SessionError::NoCarriedMeasure { check, index } => {
            format!("{check:?} 没有第 {} 条上次整改措施", index + 1)
        }
    }
}

/// An operating-system error in the interface language: what happened, not the C library's
/// English. An error without a known kind keeps its number so it can still be looked up.
pub fn io_error(e: &std::io::Error, lang: Lang) -> String {
    use std::io::ErrorKind as K;
    if lang.is_en() {
        return e.to_string();
    }
    let what = match e.kind() {
        K::NotFound => "文件或文件夹不存在",
        K::PermissionDenied => "没有权限",
        K::StorageFull => "磁盘已满",
        K::QuotaExceeded => "超出磁盘配额",
        K::ReadOnlyFilesystem => "文件系统只读",
        K::AlreadyExists => "文件已存在",
        K::IsADirectory => "这是一个文件夹",
        K::NotADirectory => "路径中有一项不是文件夹",
        K::DirectoryNotEmpty => "文件夹不是空的",
        K::FileTooLarge => "文件太大",
        K::InvalidFilename => "文件名无效或太长",
        K::BrokenPipe => "输出已被关闭",
        K::WouldBlock | K::ResourceBusy => "文件正忙",
        K::TimedOut => "操作超时",
        K::Interrupted => "操作被中断",
        K::InvalidData => "数据无效",
        K::UnexpectedEof => "文件意外结束",
        K::OutOfMemory => "内存不足",
        K::StaleNetworkFileHandle => "网络文件已失效，请重新打开",
        K::CrossesDevices => "不能跨磁盘移动文件",
        _ => {
            return match e.raw_os_error() {
                Some(code) => format!("读写失败（系统错误码 {code}）"),
                None => "读写失败".to_owned(),
            };
        }
    };
    what.to_owned()
}

/// Who holds a session's lock, as a phrase: the user (or a bare user number when the user has
/// no name on that machine), the machine, the process and since when.
pub fn lock_holder(h: &crate::store::LockHolder, lang: Lang) -> String {
    use crate::text::sanitize::one_line;
    let since = chrono::DateTime::parse_from_rfc3339(&h.since)
        .map(|t| t.format("%Y-%m-%d %H:%M").to_string())
        .ok();
    let user = one_line(&h.user);
    let host = one_line(&h.host);
    let uid = user
        .strip_prefix("uid ")
        .filter(|n| n.chars().all(|c| c.is_ascii_digit()));
    if user == "?" && h.pid == 0 {
        return match lang {
            Lang::Zh => "无法读出是谁".to_owned(),
            Lang::En => "someone (who cannot be read)".to_owned(),
        };
    }
    match lang {
        Lang::Zh => {
            let who = match uid {
                Some(n) => format!("用户号 {n}（无用户名）"),
                None => format!("用户 {user}"),
            };
            let when = since.map(|s| format!("，{s} 起")).unwrap_or_default();
            format!("计算机 {host} 上的{who}，进程号 {}{when}", h.pid)
        }
        Lang::En => {
            let who = match uid {
                Some(n) => format!("user number {n} (no user name)"),
                None => format!("user {user}"),
            };
            let when = since.map(|s| format!(", since {s}")).unwrap_or_default();
            format!("{who} on {host} (process {}{when})", h.pid)
        }
    }
}

/// The kind of file an export failed to build, for [`ExportFailure::Build`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Built {
    Docx,
    Xlsx,
    Csv,
}

/// An export's failure as `export::ExportError` describes it, with what its message needs.
#[derive(Debug)]
pub enum ExportFailure<'a> {
    Build {
        path: &'a std::path::Path,
        built: Built,
        detail: String,
    },
    Store(&'a crate::store::StoreError),
    BinaryToTerminal {
        format: &'a str,
    },
    OverwritesInput {
        path: &'a std::path::Path,
    },
    Stdout(&'a std::io::Error),
}

/// An export's failure in Chinese; the English is the export error's own message.
pub fn export_failure(f: &ExportFailure<'_>) -> String {
    let lang = Lang::Zh;
    match f {
        ExportFailure::Build {
            path,
            built,
            detail: d,
        } => {
            let what = match built {
                Built::Docx => format!("无法生成 Word 文档（原始信息：{d}）"),
                Built::Xlsx => format!("无法生成 Excel 工作簿（原始信息：{d}）"),
                Built::Csv => format!("无法生成 CSV 文件（原始信息：{d}）"),
            };
            format!("{}：{what}", path.display())
        }
        ExportFailure::Store(s) => store_error(s, lang),
        ExportFailure::BinaryToTerminal { format } => {
            format!("{format} 是二进制格式，不能直接显示在终端上；请用 -o 文件名 写入文件")
        }
        ExportFailure::OverwritesInput { path } => format!(
            "{}：输出文件就是会议记录文件本身，不予覆盖；请用 -o 换一个文件名",
            path.display()
        ),
        ExportFailure::Stdout(io) => format!("标准输出：{}", io_error(io, lang)),
    }
}

fn template_error(e: &crate::model::TemplateError) -> String {
    use crate::model::TemplateError as T;
    match e {
        T::EmptyId => "检查表缺少 id".to_owned(),
        T::NoChecks(id) => format!("检查表 {id:?} 没有任何检查内容"),
        T::DuplicateId(id) => format!("编号 {id:?} 重复"),
        T::EmptyChildId(place) => format!("{place} 中有空编号"),
        T::EmptyCheckText(id) => format!("检查内容 {id:?} 没有文字"),
        T::NoAnswers => "落实情况选项为空".to_owned(),
        T::TooManyAnswers(n) => format!("落实情况选项有 {n} 个，最多 9 个"),
        T::DuplicateAnswer(id) => format!("落实情况选项 {id:?} 重复"),
    }
}

/// Something the store found while opening a session, in the interface language.
pub fn store_notice(n: &crate::store::Notice, lang: Lang) -> String {
    use crate::store::{Notice, owner_name, shown_path};
    if lang.is_en() {
        return n.to_string();
    }
    match n {
        Notice::Foreign { path, owner, kept } => {
            let moved = kept
                .as_ref()
                .map(|k| format!("（已移到 {}）", shown_path(k)))
                .unwrap_or_default();
            format!(
                "{}：由 {} 写入，不是本记录所有者的文件，未采用{moved}",
                shown_path(path),
                owner_name(*owner)
            )
        }
        Notice::NotSticky { dir } => format!(
            "{}：共享文件夹缺少粘滞位，组内任何人都能删除锁文件或替换会议记录（请管理员运行 selfcheck shared-folder）",
            shown_path(dir)
        ),
        Notice::Link { link, target } => format!(
            "{} 是符号链接，会议记录在其指向的 {} 处编辑",
            shown_path(link),
            shown_path(target)
        ),
    }
}
