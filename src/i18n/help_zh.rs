//! The frame of `--help` in Chinese, around the texts of [`super::help`]: the headings, the
//! usage line, how defaults and choices are said, and clap's parse errors. In English clap's own
//! frame is used, so these have no English twin.

/// The Chinese words `--help` is framed with.
#[derive(Debug)]
pub struct HelpFrame {
    /// clap's help template: the usage line's word is Chinese.
    pub template: &'static str,
    /// The heading of the commands, and what stands for one in the usage line.
    pub commands: &'static str,
    pub arguments: &'static str,
    pub options: &'static str,
    /// `{values}`: the default values.
    pub default: &'static str,
    /// `{values}`: the possible values, by name.
    pub choices: &'static str,
    /// `{values}`: each possible value with its help, after the long help.
    pub choices_long: &'static str,
    /// `{help}` and `{notes}` (the default, the choices).
    pub noted: &'static str,
    /// Between values.
    pub list_sep: &'static str,
    /// Between notes, and between values with their help.
    pub note_sep: &'static str,
}

pub const ZH: HelpFrame = HelpFrame {
    template: "{before-help}{about-with-newline}\n用法：{usage}\n\n{all-args}{after-help}",
    commands: "命令",
    arguments: "参数",
    options: "选项",
    default: "默认：{values}",
    choices: "可选：{values}",
    choices_long: "\n\n可选值：{values}",
    noted: "{help}（{notes}）",
    list_sep: "、",
    note_sep: "；",
};

/// clap's parse errors in Chinese: what is wrong, the usage line, and where to find help.
pub struct ZhErrors;

impl clap::error::ErrorFormatter for ZhErrors {
    fn format_error(error: &clap::error::Error<Self>) -> clap::builder::StyledStr {
        use clap::error::{ContextKind as C, ContextValue as V, ErrorKind as K};
        let get = |k: C| match error.get(k) {
            Some(V::String(s)) => s.clone(),
            Some(V::Strings(v)) => v.join("、"),
            Some(V::StyledStr(s)) => s.to_string(),
            Some(V::Number(n)) => n.to_string(),
            Some(V::Bool(b)) => b.to_string(),
            _ => String::new(),
        };
        let arg = get(C::InvalidArg);
        let value = get(C::InvalidValue);
        let what = match error.kind() {
            K::InvalidValue => {
                let valid = get(C::ValidValue);
                if value.is_empty() {
                    format!("{arg} 需要一个值")
                } else if valid.is_empty() {
                    format!("{arg} 的值“{value}”无效")
                } else {
                    format!("{arg} 的值“{value}”无效；可用的值：{valid}")
                }
            }
            K::UnknownArgument => {
                let hint = get(C::SuggestedArg);
                if hint.is_empty() {
                    format!("不认识的参数“{arg}”")
                } else {
                    format!("不认识的参数“{arg}”；是不是要用 {hint}？")
                }
            }
            K::InvalidSubcommand => {
                let name = get(C::InvalidSubcommand);
                let hint = get(C::SuggestedSubcommand);
                if hint.is_empty() {
                    format!("没有“{name}”这个命令")
                } else {
                    format!("没有“{name}”这个命令；是不是要用 {hint}？")
                }
            }
            K::NoEquals => format!("{arg} 的值要用等号给出，如 {arg}=值"),
            K::ValueValidation => {
                let why = std::error::Error::source(error)
                    .map(|s| format!("：{s}"))
                    .unwrap_or_default();
                format!("{arg} 的值“{value}”无效{why}")
            }
            K::TooManyValues => format!("{arg} 的值太多：“{value}”是多余的"),
            K::TooFewValues | K::WrongNumberOfValues => format!(
                "{arg} 的值个数不对（需要 {} 个，给了 {} 个）",
                get(C::ExpectedNumValues).max(get(C::MinValues)),
                get(C::ActualNumValues)
            ),
            K::ArgumentConflict => {
                let prior = get(C::PriorArg);
                if prior.is_empty() {
                    format!("{arg} 只能给一次")
                } else {
                    format!("{arg} 不能和 {prior} 一起用")
                }
            }
            K::MissingRequiredArgument => format!("缺少必需的参数：{arg}"),
            K::MissingSubcommand => {
                format!("需要一个命令：{}", get(C::ValidSubcommand))
            }
            K::InvalidUtf8 => "参数中有无效的 UTF-8 字符".to_owned(),
            K::Io | K::Format => "输出帮助时出错".to_owned(),
            _ => "命令行参数有误".to_owned(),
        };
        let usage = get(C::Usage).replacen("Usage: ", "用法：", 1);
        let mut text = format!("错误：{what}\n");
        if !usage.trim().is_empty() {
            text.push('\n');
            text.push_str(usage.trim_end());
            text.push('\n');
        }
        text.push_str("\n详细说明请用 --help\n");
        text.into()
    }
}
