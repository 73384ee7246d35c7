//! The command line's words about records: `new --from` (what was carried over), `sign`,
//! `reopen`, what `validate` says of signatures and of the link to the previous meeting, and
//! `shared-folder`. One struct literal per language; placeholders in braces (`{name}`) are
//! filled in by the caller with [`super::fill`].

use super::Lang;
use crate::model::signoff::Role;

/// The command line's words about records in one language.
#[derive(Debug)]
pub struct RecordTexts {
    // new --from
    /// `{unit}`, `{date}`, `{version}` (empty, or [`Self::version_changed`]) and `{carried}`.
    pub made_from: &'static str,
    pub no_date: &'static str,
    /// `{change}`: the checklist's id and version, old → new.
    pub version_changed: &'static str,
    /// `{checks}`: the checks, by number and id.
    pub checks_added: &'static str,
    pub checks_removed: &'static str,
    pub open_measures_lost: &'static str,
    /// Between the lines above when they are said on one line.
    pub line_sep: &'static str,
    // sign and reopen
    /// `{file}`, `{name}`, `{role}` (in Chinese), `{role_en}` and `{code}`.
    pub signed: &'static str,
    pub reopen_no_name: &'static str,
    /// `{file}`.
    pub reopen_not_signed: &'static str,
    /// `{file}` and `{by}`.
    pub reopened: &'static str,
    pub sign_empty_name: &'static str,
    /// `{role}` (in Chinese) and `{name}`.
    pub sign_already: &'static str,
    pub sign_altered: &'static str,
    // validate
    pub signature_matches: &'static str,
    pub signature_altered: &'static str,
    /// `{role}` (in Chinese), `{who}` and `{state}`.
    pub signature_line: &'static str,
    /// `{code}`.
    pub code_line: &'static str,
    pub not_signed: &'static str,
    pub previous_same: &'static str,
    pub previous_changed: &'static str,
    pub previous_other: &'static str,
    pub previous_missing: &'static str,
    /// `{why}`.
    pub previous_unreadable: &'static str,
    /// `{file}` and `{state}`.
    pub previous_line: &'static str,
    /// `{number}`, `{id}` and `{why}`.
    pub history_unreadable: &'static str,
    pub altered_after_signing: &'static str,
    // shared-folder
    /// `{group}`.
    pub no_group: &'static str,
    pub folder_created: &'static str,
    pub folder_fixed: &'static str,
    pub folder_right: &'static str,
    /// `{folder}` and `{what}`.
    pub set_up_failed: &'static str,
    pub folder_ok: &'static str,
    pub folder_missing: &'static str,
    pub folder_not_a_folder: &'static str,
    pub folder_link: &'static str,
    /// `{found}` and `{want}`: groups.
    pub folder_wrong_group: &'static str,
    pub folder_not_group_writable: &'static str,
    pub folder_no_setgid: &'static str,
    pub folder_no_sticky: &'static str,
    pub folder_others_write: &'static str,
    pub folder_others_read: &'static str,
    // the terminal
    /// `{locale}`.
    pub locale_not_utf8: &'static str,
}

pub const ZH: RecordTexts = RecordTexts {
    made_from: "以 {unit}（{date}）的记录为基础{version}：带入未完成的整改措施 {carried} 条，落实情况留空待重新检查",
    no_date: "未填日期",
    version_changed: "；检查表 {change}",
    checks_added: "新增的检查内容：{checks}",
    checks_removed: "删去的检查内容：{checks}",
    open_measures_lost: "以下删去的检查内容有未完成的整改措施，未带入（请另行跟踪）：{checks}",
    line_sep: "；",
    signed: "{file}：{name} 已以{role}身份签字确认；校验码 {code}",
    reopen_no_name: "--name：请输入重新打开记录的人的姓名",
    reopen_not_signed: "{file}：记录尚未签字，无需重新打开",
    reopened: "{file}：{by} 已重新打开记录进行修改；签字作废，修改后需重新签字",
    sign_empty_name: "签字人姓名为空：请输入签字人的姓名",
    sign_already: "已由 {name} 以{role}身份签字；如需再签，请先重新打开记录进行修改",
    sign_altered: "记录在签字后被改动过（与签字不再一致）；请先重新打开记录进行修改，再重新签字",
    signature_matches: "与内容一致",
    signature_altered: "已被改动：签字后内容有变化",
    signature_line: "  {role}签字 {who}：{state}",
    code_line: "  当前校验码 {code}",
    not_signed: "  尚未签字",
    previous_same: "已找到，未改动",
    previous_changed: "已找到，但在本记录据其生成之后被改动过",
    previous_other: "已找到，但它是另一份记录（编号不同）",
    previous_missing: "找不到（阅读本记录不需要它）",
    previous_unreadable: "无法读取（{why}）",
    previous_line: "  上次会议记录 {file}：{state}",
    history_unreadable: "第{number}项（{id}）的修改记录无法读取：{why}",
    altered_after_signing: "签字确认后被改动过：内容与签字时不一致",
    no_group: "没有名为 {group} 的用户组（见 /etc/group）",
    folder_created: "已创建",
    folder_fixed: "已修正",
    folder_right: "无需修改",
    set_up_failed: "{folder}：{what}（修改文件夹的组和权限需要文件夹所有者或 root）",
    folder_ok: "共享文件夹设置正确（组可写、setgid、粘滞位，其他用户不可访问）",
    folder_missing: "不存在",
    folder_not_a_folder: "不是文件夹",
    folder_link: "是符号链接，请给出文件夹本身",
    folder_wrong_group: "属于用户组 {found}，而不是 {want}",
    folder_not_group_writable: "用户组不能写入（缺 g+w）",
    folder_no_setgid: "缺少 setgid 位（g+s）：新文件不会属于该用户组",
    folder_no_sticky: "缺少粘滞位（+t）：组内任何人都能删除锁文件或替换会议记录",
    folder_others_write: "组外用户可以写入（应 o-w）",
    folder_others_read: "组外用户可以读取（应 o-rx）",
    locale_not_utf8: "selfcheck: locale {locale} is not UTF-8 (Chinese may be garbled). Set the terminal to UTF-8, then: export LANG=zh_CN.UTF-8",
};

pub const EN: RecordTexts = RecordTexts {
    made_from: "made from {unit} ({date}{version}): {carried} open measure(s) carried over, statuses left empty",
    no_date: "no date",
    version_changed: "; checklist {change}",
    checks_added: "checks added: {checks}",
    checks_removed: "checks removed: {checks}",
    open_measures_lost: "open measures of removed checks, not carried over (follow them up by hand): {checks}",
    line_sep: "; ",
    signed: "{file}: signed as {role} ({role_en}) by {name}; 校验码 {code}",
    reopen_no_name: "--name: type the name of the person reopening the record",
    reopen_not_signed: "{file}: not signed; nothing to reopen",
    reopened: "{file}: reopened for amendment by {by}; the signatures are void until it is signed again",
    sign_empty_name: "the signer's name is empty; type the name of the person signing",
    sign_already: "already signed as {role} by {name}; reopen the record for amendment to sign again",
    sign_altered: "the record was changed after it was signed (the signatures no longer match); reopen it for amendment, then sign again",
    signature_matches: "matches the content",
    signature_altered: "ALTERED: the content changed after signing",
    signature_line: "  signature {role} {who}: {state}",
    code_line: "  校验码 now {code}",
    not_signed: "  not signed",
    previous_same: "found, unchanged",
    previous_changed: "found, but changed since this record was made from it",
    previous_other: "found, but it is another record (its id differs)",
    previous_missing: "missing (not needed to read this record)",
    previous_unreadable: "unreadable ({why})",
    previous_line: "  previous meeting {file}: {state}",
    history_unreadable: "the history of check {number} ({id}) cannot be read: {why}",
    altered_after_signing: "altered after signing: the content no longer matches the signatures",
    no_group: "no group {group} (see /etc/group)",
    folder_created: "created",
    folder_fixed: "fixed",
    folder_right: "already right",
    set_up_failed: "{folder}: {what} (changing the folder's group and mode needs its owner or root)",
    folder_ok: "a correct shared folder (group-writable, set-group-id, sticky, closed to others)",
    folder_missing: "does not exist",
    folder_not_a_folder: "is not a folder",
    folder_link: "is a symbolic link; give the folder itself",
    folder_wrong_group: "belongs to group {found} rather than {want}",
    folder_not_group_writable: "the group cannot write in it (g+w)",
    folder_no_setgid: "no set-group-id bit (g+s): new files would not belong to the group",
    folder_no_sticky: "no sticky bit (+t): anyone in the group can delete a lock or replace a session",
    folder_others_write: "users outside the group can write in it (o-w)",
    folder_others_read: "users outside the group can read it (o-rx)",
    locale_not_utf8: "selfcheck: the locale is {locale}, not UTF-8; Chinese text may show wrongly. Set the terminal to UTF-8 and run: export LANG=C.UTF-8",
};

/// The command line's words about records in `lang`.
pub fn records(lang: Lang) -> &'static RecordTexts {
    match lang {
        Lang::Zh => &ZH,
        Lang::En => &EN,
    }
}

/// The name of a signer's role in `lang`.
pub fn role_label(role: Role, lang: Lang) -> &'static str {
    match (role, lang) {
        (Role::Host, Lang::Zh) => "主持人",
        (Role::Principal, Lang::Zh) => "主要负责人",
        (Role::Host, Lang::En) => "Chair",
        (Role::Principal, Lang::En) => "Principal",
    }
}

/// What `--role` accepts, said when it is given something else: `{text}` is what was given.
pub const ROLE_EXPECTED: &str = "{text}: give 主持人 (host) or 主要负责人 (principal)";

/// What is wrong with a shared folder, in `lang`. `group` names a group by its number (its
/// name from `/etc/group` where there is one).
pub fn folder_problem(
    p: &crate::store::shared::Problem,
    lang: Lang,
    group: impl Fn(u32) -> String,
) -> String {
    use crate::store::shared::Problem as P;
    let t = records(lang);
    match p {
        P::Missing => t.folder_missing.to_owned(),
        P::NotAFolder => t.folder_not_a_folder.to_owned(),
        P::Link => t.folder_link.to_owned(),
        P::WrongGroup { found, want } => super::fill(
            t.folder_wrong_group,
            &[("found", &group(*found)), ("want", &group(*want))],
        ),
        P::NotGroupWritable => t.folder_not_group_writable.to_owned(),
        P::NoSetgid => t.folder_no_setgid.to_owned(),
        P::NoSticky => t.folder_no_sticky.to_owned(),
        P::OthersWrite => t.folder_others_write.to_owned(),
        P::OthersRead => t.folder_others_read.to_owned(),
    }
}

/// Why a record could not be signed, in `lang`.
pub fn sign_error(e: &crate::model::signoff::SignError, lang: Lang) -> String {
    use crate::model::signoff::SignError as E;
    let t = records(lang);
    match e {
        E::EmptyName => t.sign_empty_name.to_owned(),
        E::AlreadySigned { role, name } => super::fill(
            t.sign_already,
            &[("role", &role_label(*role, Lang::Zh)), ("name", name)],
        ),
        E::Altered => t.sign_altered.to_owned(),
    }
}
