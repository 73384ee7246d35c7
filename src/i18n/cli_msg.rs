//! Messages of the command line, in the interface language.

use super::Lang;

/// A message of the command line (the subcommands' output and refusals), in one language.
#[derive(Debug, Clone)]
pub enum CliMsg<'a> {
    /// `--template` names no built-in checklist and no file.
    NoChecklist { id: &'a str, ids: &'a [&'a str] },
    /// An option's value could not be read; `what` is already in the interface language.
    BadOption { option: &'a str, what: String },
    /// `new` without `--unit` (or with an empty one).
    NeedUnit,
    /// No data folder could be found.
    NoHomeFolder,
    /// Writing to standard output failed.
    Stdout(String),
    /// Another session of the same unit and meeting date exists.
    SameMeeting { path: &'a str },
    /// ... and `new` refuses to make a second one without `--force`.
    SameMeetingRefused { path: &'a str },
    /// `validate`: a good session file.
    SessionOk {
        file: &'a str,
        answered: usize,
        total: usize,
    },
    /// `validate`: a session file that reads, but whose change history has entries that do not
    /// (`bad` of them), or whose content changed after signing (`altered`).
    SessionFlawed {
        file: &'a str,
        answered: usize,
        total: usize,
        bad: usize,
        altered: bool,
    },
    /// `validate`: a good template file.
    TemplateOk {
        file: &'a str,
        id: &'a str,
        checks: usize,
    },
    /// `summary`: not one input could be read.
    NothingToRollUp,
    /// `summary --feedback`: the letters written.
    FeedbackWritten { files: usize, dir: &'a str },
}

impl CliMsg<'_> {
    /// The message in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        let en = lang.is_en();
        match self {
            CliMsg::NoChecklist { id, ids } => {
                if en {
                    format!(
                        "no checklist {id:?}: give one of {} or a template JSON file",
                        ids.join(", ")
                    )
                } else {
                    format!(
                        "没有名为“{id}”的检查表：请用 {} 之一，或一个检查表 JSON 文件",
                        ids.join("、")
                    )
                }
            }
            CliMsg::BadOption { option, what } => {
                if en {
                    format!("{option}: {what}")
                } else {
                    format!("{option}：{what}")
                }
            }
            CliMsg::NeedUnit => {
                if en {
                    "give the unit's name with --unit (for example --unit \"City Emergency Bureau\"); a session needs it for its report and file name".to_owned()
                } else {
                    "请用 --unit 给出单位名称（例如 --unit 某某区应急管理局）：报告和文件名都要用到它".to_owned()
                }
            }
            CliMsg::NoHomeFolder => {
                if en {
                    "no home folder found; give a data folder with --data-dir or SELFCHECK_DATA_DIR"
                        .to_owned()
                } else {
                    "找不到用户主文件夹：请用 --data-dir 或环境变量 SELFCHECK_DATA_DIR 指定数据文件夹".to_owned()
                }
            }
            CliMsg::Stdout(what) => {
                if en {
                    format!("standard output: {what}")
                } else {
                    format!("标准输出：{what}")
                }
            }
            CliMsg::SameMeeting { path } => {
                if en {
                    format!("note: a session of this unit on this date already exists: {path}")
                } else {
                    format!("注意：同一单位同一会议日期已有会议记录：{path}")
                }
            }
            CliMsg::SameMeetingRefused { path } => {
                if en {
                    format!(
                        "a session of this unit on this date already exists: {path}; open it with `selfcheck open`, or give --force to make a second one"
                    )
                } else {
                    format!(
                        "同一单位同一会议日期已有会议记录：{path}。请用 selfcheck open 打开它；确需另建一份，请加 --force"
                    )
                }
            }
            CliMsg::SessionOk {
                file,
                answered,
                total,
            } => {
                if en {
                    format!("{file}: session ok ({answered} / {total} checks answered)")
                } else {
                    format!("{file}：会议记录完好（已填写落实情况 {answered} / {total} 条）")
                }
            }
            CliMsg::SessionFlawed {
                file,
                answered,
                total,
                bad,
                altered,
            } => flawed(file, *answered, *total, *bad, *altered, en),
            CliMsg::TemplateOk { file, id, checks } => {
                if en {
                    format!("{file}: template ok ({id}, {checks} checks)")
                } else {
                    format!("{file}：检查表完好（{id}，{checks} 条检查内容）")
                }
            }
            CliMsg::NothingToRollUp | CliMsg::FeedbackWritten { .. } => summary_text(self, en),
        }
    }
}

/// `validate`'s first line for a session that reads but is not whole.
fn flawed(
    file: &str,
    answered: usize,
    total: usize,
    bad: usize,
    altered: bool,
    en: bool,
) -> String {
    let mut why = Vec::new();
    if altered {
        why.push(if en {
            "changed after signing".to_owned()
        } else {
            "签字确认后被改动过".to_owned()
        });
    }
    if bad > 0 {
        why.push(if en {
            format!("{bad} entries of its change history unreadable")
        } else {
            format!("修改记录中有 {bad} 条无法读取")
        });
    }
    if en {
        format!(
            "{file}: session readable ({answered} / {total} checks answered), but {}",
            why.join(", ")
        )
    } else {
        format!(
            "{file}：会议记录可以读取（已填写落实情况 {answered} / {total} 条），但{}",
            why.join("，")
        )
    }
}

/// The messages of `summary`.
fn summary_text(msg: &CliMsg<'_>, en: bool) -> String {
    match (msg, en) {
        (CliMsg::FeedbackWritten { files, dir }, true) => {
            format!("{files} feedback files written to {dir}")
        }
        (CliMsg::FeedbackWritten { files, dir }, false) => {
            format!("已写入 {files} 份反馈文件：{dir}")
        }
        (_, true) => "no session file could be read".to_owned(),
        (_, false) => "没有能读取的对照检查记录文件".to_owned(),
    }
}
