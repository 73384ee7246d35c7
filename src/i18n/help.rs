//! `--help` in the interface language: the texts. The command line is defined once (clap's
//! derive, in `cli/args.rs`); this table gives every command, argument and choice its help in
//! Chinese and English, keyed by the command's path and the argument's id, and
//! `cli/localise.rs` puts them into the built command.
//!
//! A command or argument added to the command line without a line here is caught by the test
//! `every_command_and_argument_has_help_in_both_languages`.

use clap::ValueEnum;

use super::Lang;

/// The help of one command or argument. `path` is the command's path below the program
/// (`""`, `"new"`, `"template show"`); `id` is the argument's id, `""` for the command itself,
/// or `id=value` for one choice of an argument.
#[derive(Debug, Clone, Copy)]
pub struct Entry {
    pub path: &'static str,
    pub id: &'static str,
    pub zh: &'static str,
    pub en: &'static str,
}

const fn e(path: &'static str, id: &'static str, zh: &'static str, en: &'static str) -> Entry {
    Entry { path, id, zh, en }
}

/// Arguments every command has (clap's own and the global options), whatever the path.
pub(crate) const ANY: &str = "*";

/// The table. Global options are listed once under [`ANY`].
pub static TABLE: &[Entry] = &[
    // The program.
    e(
        "",
        "",
        "对照检查会记录工具：按临港安发〔2023〕13号的对照检查表，逐项记录落实情况、做法成效、存在问题、原因剖析和整改措施。不带命令时打开会议记录列表。",
        "Run a unit's workplace-safety self-check meeting against the checklists of 临港安发〔2023〕13号. With no command, opens the session picker.",
    ),
    e(
        ANY,
        "help",
        "显示帮助（-h 简要，--help 详细）",
        "Print help (-h for a summary, --help for more)",
    ),
    e(ANY, "version", "显示版本号", "Print the version"),
    e(
        ANY,
        "data_dir",
        "存放会议记录的文件夹（也可用环境变量 SELFCHECK_DATA_DIR；默认为用户数据文件夹）",
        "Folder of session files (or the SELFCHECK_DATA_DIR environment variable; default: the user's data folder)",
    ),
    e(ANY, "lang", "界面语言", "Interface language"),
    e(ANY, "lang=zh", "中文", "Chinese"),
    e(ANY, "lang=en", "英文", "English"),
    e(
        ANY,
        "theme",
        "配色（默认深色；设置了 NO_COLOR 时为单色）",
        "Colour theme (default: dark; monochrome when NO_COLOR is set)",
    ),
    e(ANY, "theme=dark", "深色", "Dark"),
    e(ANY, "theme=light", "浅色", "Light"),
    e(
        ANY,
        "theme=projector",
        "投影用高对比度",
        "High contrast for a projector",
    ),
    e(
        ANY,
        "theme=mono",
        "单色（只用粗体、下划线、反色）",
        "No colour (bold, underline and reverse only)",
    ),
    e(
        ANY,
        "colors",
        "终端能显示的颜色数（默认按 COLORTERM、TERM 和 terminfo 判断）",
        "How many colours the terminal shows (default: judged from COLORTERM, TERM and terminfo)",
    ),
    e(
        ANY,
        "colors=16",
        "16 色（Linux 控制台、老式终端）",
        "16 colours (the Linux console, older terminals)",
    ),
    e(ANY, "colors=256", "256 色", "256 colours"),
    e(
        ANY,
        "colors=truecolor",
        "真彩色",
        "Millions of colours (truecolor)",
    ),
    e(
        ANY,
        "ascii",
        "边框和标记只用 ASCII 字符（适用于把制表符显示成两格宽的终端）",
        "Draw borders and marks with ASCII only (for terminals that draw box characters wide)",
    ),
    // clap's `help` command.
    e(
        "help",
        "",
        "显示本帮助或某个命令的帮助",
        "Print this message or the help of the given command",
    ),
    // new
    e(
        "new",
        "",
        "新建会议记录（除非加 --no-open，随即打开）；输出文件路径",
        "Create a session (and open it unless --no-open); prints the file's path",
    ),
    e(
        "new",
        "template",
        "检查表：内置的 gov、dept、enterprise、full，或一个检查表 JSON 文件",
        "Built-in checklist id (gov, dept, enterprise, full) or a template JSON file",
    ),
    e(
        "new",
        "unit",
        "单位名称（必填）",
        "The unit's name (required)",
    ),
    e(
        "new",
        "kind",
        "单位类别（默认为检查表的类别）",
        "Kind of unit (default: the checklist's)",
    ),
    e(
        "new",
        "kind=gov",
        "党委政府",
        "Party committee or government",
    ),
    e("new", "kind=dept", "部门", "Department"),
    e("new", "kind=enterprise", "企业", "Enterprise"),
    e("new", "title", "会议名称", "Meeting title"),
    e(
        "new",
        "date",
        "会议日期，如 2024-03-31 或 2024年3月31日（默认为今天）",
        "Meeting date, e.g. 2024-03-31 or 2024年3月31日 (default: today)",
    ),
    e("new", "place", "会议地点", "Meeting place"),
    e("new", "host", "主持人", "Host"),
    e("new", "recorder", "记录人", "Recorder"),
    e(
        "new",
        "attendees",
        "参会人员，用逗号或顿号（、）分隔",
        "Attendees, separated by commas or 、",
    ),
    e(
        "new",
        "out",
        "新建的会议记录文件（默认在数据文件夹中新建）",
        "Session file to create (default: a new file in the data folder)",
    ),
    e(
        "new",
        "no_open",
        "只新建文件，不打开",
        "Create the file only",
    ),
    e(
        "new",
        "force",
        "数据文件夹中已有同一单位同一会议日期的记录时，仍然新建",
        "Create the session even if the data folder has one of the same unit and meeting date",
    ),
    // open
    e(
        "open",
        "",
        "打开会议记录",
        "Open a session file in the interface",
    ),
    e(
        "open",
        "file",
        "会议记录文件（.json）",
        "The session file (.json)",
    ),
    e(
        "open",
        "read_only",
        "只读打开，不加锁，不写入",
        "Never lock or write the file",
    ),
    e(
        "open",
        "follow",
        "跟随记录人的实时只读视图（用于投影）",
        "A live read-only view that follows the person editing the session (for the projector)",
    ),
    // list, templates, template show
    e(
        "list",
        "",
        "列出数据文件夹中的会议记录：单位、日期、检查表和进度",
        "Sessions in the data folder with unit, date, template and progress",
    ),
    e(
        "list",
        "json",
        "以 JSON 输出（供其他程序读取）",
        "Print JSON (for other programs)",
    ),
    e("templates", "", "列出内置检查表", "The built-in checklists"),
    e(
        "templates",
        "json",
        "以 JSON 输出（供其他程序读取）",
        "Print JSON (for other programs)",
    ),
    e("template", "", "查看一份检查表", "One checklist"),
    e(
        "template show",
        "",
        "输出检查表的 JSON：可作为自定义检查表的起点",
        "Print a template's JSON: a starting point for a custom checklist",
    ),
    e(
        "template show",
        "id",
        "内置检查表：gov、dept、enterprise 或 full",
        "A built-in checklist: gov, dept, enterprise or full",
    ),
    // validate
    e(
        "validate",
        "",
        "检查会议记录或检查表文件；文件完好时退出码为 0",
        "Check a session or template file; exit status 0 when valid",
    ),
    e(
        "validate",
        "file",
        "会议记录或检查表文件（.json）",
        "A session or template file (.json)",
    ),
    // export
    e(
        "export",
        "",
        "把会议记录导出为其他格式：对照检查报告（md、docx）、检查表和整改台账（xlsx）、整改台账（csv），或会议记录本身（json）",
        "Write a session in another format: the report (md, docx), the checklist and rectification ledger (xlsx), the ledger alone (csv), or the session itself (json)",
    ),
    e(
        "export",
        "file",
        "会议记录文件（.json）",
        "The session file (.json)",
    ),
    e("export", "format", "导出格式", "Output format"),
    e(
        "export",
        "format=json",
        "会议记录文件原样",
        "The session file as stored",
    ),
    e(
        "export",
        "format=md",
        "对照检查报告（Markdown）",
        "The report, Markdown",
    ),
    e(
        "export",
        "format=docx",
        "对照检查报告（Word）",
        "The report, Word",
    ),
    e(
        "export",
        "format=xlsx",
        "对照检查表和整改台账（Excel）",
        "The checklist and rectification ledger, Excel",
    ),
    e(
        "export",
        "format=csv",
        "整改台账（CSV，UTF-8 带 BOM）",
        "The rectification ledger, CSV (UTF-8 with BOM)",
    ),
    e(
        "export",
        "output",
        "输出文件（默认为标准输出；docx 和 xlsx 不会输出到终端）",
        "Output file (default: standard output; docx and xlsx are never written to a terminal)",
    ),
    e(
        "new",
        "from",
        "以上次会议的记录为基础：同一单位和检查表，落实情况清空，未完成的整改措施带入，并记下与上次记录的关联",
        "Start from the previous meeting's session: same unit and checklist, statuses empty, open measures carried over, the link to it kept",
    ),
    e(
        "new",
        "expected",
        "应到人数",
        "应到: how many should attend",
    ),
    e(
        "new",
        "present",
        "实到人数（默认为参会人员人数）",
        "实到: how many attended [default: the number of attendees named]",
    ),
    e(
        "new",
        "absent",
        "缺席人员及原因，如“王五（出差）、赵六（病假）”",
        "缺席: absentees with the reason, e.g. \"王五（出差）、赵六（病假）\"",
    ),
    e(
        "new",
        "observers",
        "列席人员，用逗号或顿号分隔",
        "列席: observers, separated by commas or 、",
    ),
    // sign, reopen
    e(
        "sign",
        "",
        "签字确认：以输入的姓名确认会议记录，确认后记录只读",
        "签字确认: confirm a session's record with your typed name; it is then read-only",
    ),
    e(
        "sign",
        "file",
        "会议记录文件（.json）",
        "The session file (.json)",
    ),
    e(
        "sign",
        "role",
        "签字人身份：主持人或主要负责人",
        "主持人 (host, chair) or 主要负责人 (principal)",
    ),
    e(
        "sign",
        "name",
        "签字人姓名，按记录上应写的样子输入",
        "The signer's name as it is to stand on the record",
    ),
    e(
        "reopen",
        "",
        "重新打开已签字的记录进行修改：记入修改历史，签字随之作废",
        "Reopen a signed session for amendment: recorded in its history; voids the signatures",
    ),
    e(
        "reopen",
        "file",
        "会议记录文件（.json）",
        "The session file (.json)",
    ),
    e("reopen", "name", "重新打开的人", "Who reopens it"),
    e("reopen", "reason", "重新打开的原因", "Why"),
    e(
        "help sign",
        "",
        "签字确认会议记录",
        "Sign a session's record",
    ),
    e(
        "help reopen",
        "",
        "重新打开已签字的记录进行修改",
        "Reopen a signed record for amendment",
    ),
    // export: the report's own options
    e(
        "export",
        "recipient",
        "报告的主送机关（默认：记录中填写的；否则为文件夹中 selfcheck-report.conf 所写；否则为区专项行动领导小组办公室）",
        "主送 of the report [default: the session's, else the folder's selfcheck-report.conf, else 区专项行动领导小组办公室]",
    ),
    e(
        "export",
        "date",
        "报告的成文日期，如 2024-03-31（默认为记录最后修改的日期）",
        "成文日期 of the report, YYYY-MM-DD [default: the day of the record's last change]",
    ),
    e(
        "export",
        "with_history",
        "在报告后附上修改记录（谁在何时改了什么），作为附件2",
        "Append the record's history (修改记录: who changed what, and when) to the report",
    ),
    // summary
    e(
        "summary",
        "",
        "汇总多个单位的会议记录：各单位进度、落实情况统计、问题、未完成和已逾期的整改措施、合计，以及未落实最多的检查内容",
        "Roll up many units' session files: progress, status counts, problems, open and overdue measures per unit, a total, and the checks most often not done",
    ),
    e(
        "summary",
        "paths",
        "会议记录文件，或文件夹（读取其中的 *.json，不含子文件夹）",
        "Session files, or folders whose *.json files are read (not sub-folders)",
    ),
    e("summary", "format", "输出格式", "Output format"),
    e(
        "summary",
        "format=table",
        "对齐的文字表格：各单位、合计、排行、提示、被取代和无法读取的文件",
        "Aligned text: units, total, ranking, flags, superseded and unreadable files",
    ),
    e(
        "summary",
        "format=json",
        "JSON：全部内容，各键的含义见 docs/rollup.md（结构：data/summary.schema.json）",
        "Everything, keys documented in docs/rollup.md (schema: data/summary.schema.json)",
    ),
    e(
        "summary",
        "format=csv",
        "各行、合计、被取代和无法读取的文件（CSV，UTF-8 带 BOM）",
        "Rows, total, superseded and unreadable files, UTF-8 with BOM",
    ),
    e(
        "summary",
        "format=xlsx",
        "工作表：汇总、未落实排行、整改台账、敷衍应付、未计入（Excel）",
        "Sheets 汇总, 未落实排行, 整改台账, 敷衍应付 and 未计入 (Excel)",
    ),
    e(
        "summary",
        "output",
        "输出文件（默认为标准输出；xlsx 不会输出到终端）",
        "Output file (default: standard output; xlsx is never written to a terminal)",
    ),
    e(
        "summary",
        "as_of",
        "计算逾期所用的日期，如 2024-03-31，各种格式中都会写明（默认为今天）",
        "The day overdue is measured against (YYYY-MM-DD), printed in every format [default: today]",
    ),
    e(
        "summary",
        "ledger",
        "改为输出各单位合并的整改台账（CSV，逾期的在前）",
        "Write the combined 整改台账 of all units as CSV instead (overdue first)",
    ),
    e(
        "summary",
        "answers",
        "改为输出每个单位每条检查内容的明细长表（可直接用表格和数据分析软件读取）",
        "Write every answer of every unit as a long table instead (for pandas, DuckDB, Power Query)",
    ),
    e(
        "summary",
        "answers=csv",
        "CSV（UTF-8 带 BOM），每条检查内容一行",
        "UTF-8 with BOM, one row per check",
    ),
    e(
        "summary",
        "answers=ndjson",
        "每行一个 JSON 对象",
        "One JSON object per line",
    ),
    e(
        "summary",
        "feedback",
        "另为每个有敷衍应付提示的单位写一份致主要负责人的反馈函（docx 和 md）到该文件夹",
        "Also write a feedback letter (docx and md) to the 主要负责人 of each unit with flags",
    ),
    // shared-folder, completions, man
    e(
        "shared-folder",
        "",
        "在服务器上创建或检查一个用户组共用的文件夹：属于该组、组可写、setgid 和粘滞位（同 /tmp），其他用户不可访问",
        "Create, or check, a folder that a group of officials shares on a server: group-owned, group-writable, set-group-id and sticky (like /tmp), closed to others",
    ),
    e("shared-folder", "dir", "共用的文件夹", "The shared folder"),
    e(
        "shared-folder",
        "group",
        "共用该文件夹的用户组（组名或组号）",
        "The group whose members share the folder (name or number)",
    ),
    e(
        "shared-folder",
        "check",
        "只报告问题，不做修改（有问题时退出码为 1）",
        "Only report what is wrong; change nothing (exit status 1 when something is)",
    ),
    e(
        "completions",
        "",
        "输出命令行补全脚本（bash、zsh、fish、elvish、powershell）",
        "Print a completion script for a shell (bash, zsh, fish, elvish, powershell)",
    ),
    e(
        "completions",
        "shell",
        "为哪种命令行外壳程序生成",
        "The shell",
    ),
    e("completions", "shell=bash", "Bash", "Bash"),
    e("completions", "shell=zsh", "Zsh", "Zsh"),
    e("completions", "shell=fish", "Fish", "Fish"),
    e("completions", "shell=elvish", "Elvish", "Elvish"),
    e(
        "completions",
        "shell=powershell",
        "PowerShell",
        "PowerShell",
    ),
    e(
        "man",
        "",
        "输出手册页（roff 格式），即安装到 man1/selfcheck.1 的内容",
        "Print the manual page (roff), as installed in man1/selfcheck.1",
    ),
    // schema
    e(
        "schema",
        "",
        "输出会议记录文件的 JSON Schema",
        "Print the JSON Schema of the session file",
    ),
];

/// The entry for `id` under the command at `path`; global options and clap's own arguments are
/// looked up under [`ANY`] too.
pub fn lookup(path: &str, id: &str) -> Option<&'static Entry> {
    let path = canonical(path);
    let path = path.as_str();
    TABLE
        .iter()
        .find(|e| e.path == path && e.id == id)
        .or_else(|| TABLE.iter().find(|e| e.path == ANY && e.id == id))
}

/// clap's `help` command holds a copy of the command tree (`help new`, `template help show`):
/// each copy says what the command it names says.
fn canonical(path: &str) -> String {
    let parts: Vec<&str> = path.split(' ').filter(|p| !p.is_empty()).collect();
    match parts.iter().position(|p| *p == "help") {
        None => parts.join(" "),
        Some(i) if i + 1 == parts.len() => "help".to_owned(),
        Some(i) => {
            let rest = &parts[i + 1..];
            if rest.contains(&"help") {
                return "help".to_owned();
            }
            let mut named: Vec<&str> = parts[..i].to_vec();
            named.extend_from_slice(rest);
            named.join(" ")
        }
    }
}

pub(crate) fn pick(entry: &Entry, lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => entry.zh,
        Lang::En => entry.en,
    }
}

/// The language asked for on a command line, read before the parser is built (so the parser's
/// own help and errors can be in it): `--lang X` or `--lang=X` anywhere before `--`.
pub fn lang_in_args<S: AsRef<std::ffi::OsStr>>(args: &[S]) -> Lang {
    let mut found = Lang::default();
    let mut it = args.iter().skip(1).map(|a| a.as_ref().to_string_lossy());
    while let Some(a) = it.next() {
        if a == "--" {
            break;
        }
        let value = if a == "--lang" {
            it.next().map(std::borrow::Cow::into_owned)
        } else {
            a.strip_prefix("--lang=").map(str::to_owned)
        };
        if let Some(v) = value
            && let Ok(l) = Lang::from_str(&v, true)
        {
            found = l;
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lang_is_read_from_the_arguments() {
        assert_eq!(lang_in_args(&["selfcheck", "list"]), Lang::Zh);
        assert_eq!(
            lang_in_args(&["selfcheck", "--lang", "en", "list"]),
            Lang::En
        );
        assert_eq!(lang_in_args(&["selfcheck", "list", "--lang=en"]), Lang::En);
        assert_eq!(lang_in_args(&["selfcheck", "--", "--lang=en"]), Lang::Zh);
        assert_eq!(lang_in_args(&["selfcheck", "--lang", "xx"]), Lang::Zh);
    }
}
