//! `--help` in the interface language, put into the command built by clap's derive: about texts,
//! argument and choice help, headings, the usage line and clap's parse errors. The texts are the
//! table in [`crate::i18n::help`]; completions and the man page are generated from the same
//! localised command, so they say what `--help` says.

use std::any::TypeId;
use std::fmt::Write as _;
use std::marker::PhantomData;

use clap::builder::{EnumValueParser, PossibleValue, TypedValueParser};
use clap::{Arg, Command, ValueEnum};

use crate::i18n::help::{lookup, pick};
use crate::i18n::help_zh::ZH;
pub use crate::i18n::help_zh::ZhErrors;
use crate::i18n::{Lang, fill};

/// Puts `lang`'s help into a command built by clap's derive: about texts, argument and choice
/// help, headings and the usage line. The command is built first (so clap's own `--help`,
/// `--version` and `help` command exist and global options are on every command) and stays
/// built: parse with `try_get_matches_from_mut` on the result.
pub fn localise(mut cmd: Command, lang: Lang) -> Command {
    cmd.build();
    if lang == Lang::Zh {
        cmd = cmd.help_template(ZH.template);
    }
    localise_at(cmd, "", lang)
}

fn localise_at(mut cmd: Command, path: &str, lang: Lang) -> Command {
    if let Some(entry) = lookup(path, "") {
        let text = pick(entry, lang);
        cmd = cmd.about(text).long_about(None::<&str>);
    }
    if lang == Lang::Zh {
        cmd = cmd
            .help_template(ZH.template)
            .subcommand_help_heading(ZH.commands)
            .subcommand_value_name(ZH.commands);
    }
    let path_owned = path.to_owned();
    cmd = cmd.mut_args(|arg| localise_arg(arg, &path_owned, lang));
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_owned())
        .collect();
    for name in names {
        let sub_path = if path.is_empty() {
            name.clone()
        } else {
            format!("{path} {name}")
        };
        cmd = cmd.mut_subcommand(&name, |sc| localise_at(sc, &sub_path, lang));
    }
    cmd
}

fn localise_arg(mut arg: Arg, path: &str, lang: Lang) -> Arg {
    let id = arg.get_id().as_str().to_owned();
    if let Some(entry) = lookup(path, &id) {
        arg = arg.help(pick(entry, lang)).long_help(None::<&str>);
    }
    // The options every command has come after the command's own.
    if arg.is_global_set() {
        arg = arg.display_order(1000);
    }
    arg = relabel_choices(arg, path, &id, lang);
    if lang == Lang::Zh {
        arg = zh_extras(arg);
    }
    arg
}

/// clap writes `[default: ..]`, `[possible values: ..]` and `Possible values:` in English; in
/// Chinese they are hidden and said in the help text instead, and the headings are Chinese.
fn zh_extras(mut arg: Arg) -> Arg {
    let heading = if arg.is_positional() {
        ZH.arguments
    } else {
        ZH.options
    };
    arg = arg.help_heading(heading);
    let help = arg.get_help().map(ToString::to_string).unwrap_or_default();
    let defaults: Vec<String> = arg
        .get_default_values()
        .iter()
        .map(|v| v.to_string_lossy().into_owned())
        .collect();
    let takes_value = arg.get_num_args().is_some_and(|n| n.takes_values());
    let values: Vec<PossibleValue> = if takes_value {
        arg.get_possible_values()
            .into_iter()
            .filter(|v| !v.is_hide_set())
            .collect()
    } else {
        Vec::new()
    };
    if defaults.is_empty() && values.is_empty() {
        return arg;
    }
    let default = if defaults.is_empty() || !takes_value {
        String::new()
    } else {
        fill(ZH.default, &[("values", &defaults.join(ZH.list_sep))])
    };
    let mut notes = Vec::new();
    if !values.is_empty() {
        let names: Vec<&str> = values.iter().map(PossibleValue::get_name).collect();
        notes.push(fill(ZH.choices, &[("values", &names.join(ZH.list_sep))]));
    }
    if !default.is_empty() {
        notes.push(default.clone());
    }
    let short = fill(
        ZH.noted,
        &[("help", &help), ("notes", &notes.join(ZH.note_sep))],
    );
    let mut long = if default.is_empty() {
        help.clone()
    } else {
        fill(ZH.noted, &[("help", &help), ("notes", &default)])
    };
    if !values.is_empty() {
        // One line, so it reads the same in `--help` and in the manual page (roff joins lines).
        let listed: Vec<String> = values
            .iter()
            .map(|v| match v.get_help() {
                Some(h) => format!("{} {h}", v.get_name()),
                None => v.get_name().to_owned(),
            })
            .collect();
        let values = fill(ZH.choices_long, &[("values", &listed.join(ZH.note_sep))]);
        let _ = write!(long, "{values}");
    }
    arg.help(short)
        .long_help(long)
        .hide_default_value(true)
        .hide_possible_values(true)
}

/// The help of each choice of an argument that takes one of a fixed set of values. The value
/// parser is replaced by one that parses the same type and lists the same values with this
/// language's help (clap keeps a choice's help in its parser).
fn relabel_choices(arg: Arg, path: &str, id: &str, lang: Lang) -> Arg {
    let arg = relabel::<Lang>(arg, path, id, lang);
    let arg = relabel::<crate::ui::theme::ThemeName>(arg, path, id, lang);
    let arg = relabel::<crate::ui::theme::ColorDepth>(arg, path, id, lang);
    let arg = relabel::<crate::cli::KindArg>(arg, path, id, lang);
    let arg = relabel::<crate::cli::ExportFormat>(arg, path, id, lang);
    let arg = relabel::<crate::cli::SummaryFormat>(arg, path, id, lang);
    let arg = relabel::<crate::cli::AnswersFormat>(arg, path, id, lang);
    relabel::<clap_complete::Shell>(arg, path, id, lang)
}

fn relabel<T: ValueEnum + Clone + Send + Sync + 'static>(
    arg: Arg,
    path: &str,
    id: &str,
    lang: Lang,
) -> Arg {
    if arg.get_value_parser().type_id() != TypeId::of::<T>() {
        return arg;
    }
    let values: Vec<PossibleValue> = T::value_variants()
        .iter()
        .filter_map(ValueEnum::to_possible_value)
        .map(|pv| {
            let key = format!("{id}={}", pv.get_name());
            match lookup(path, &key) {
                Some(entry) => pv.help(pick(entry, lang)),
                None => pv,
            }
        })
        .collect();
    arg.value_parser(Relabelled::<T> {
        values,
        kind: PhantomData,
    })
}

/// Parses a [`ValueEnum`] as clap's own parser does, listing the choices with localised help.
#[derive(Clone)]
struct Relabelled<T> {
    values: Vec<PossibleValue>,
    kind: PhantomData<fn() -> T>,
}

impl<T: ValueEnum + Clone + Send + Sync + 'static> TypedValueParser for Relabelled<T> {
    type Value = T;

    fn parse_ref(
        &self,
        cmd: &Command,
        arg: Option<&Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<T, clap::Error> {
        EnumValueParser::<T>::new().parse_ref(cmd, arg, value)
    }

    fn possible_values(&self) -> Option<Box<dyn Iterator<Item = PossibleValue> + '_>> {
        Some(Box::new(self.values.iter().cloned()))
    }
}

/// The table against the command line: every command, argument and choice has its line, and
/// every line belongs to something (so a removed option leaves no stale help behind).
#[cfg(test)]
mod drift {
    use super::*;
    use crate::i18n::help::{ANY, TABLE};

    fn has_cjk(s: &str) -> bool {
        s.chars().any(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c))
    }

    /// Every (path, key) of the built command line: `""` for a command, an argument's id, or
    /// `id=value` for a choice.
    fn keys() -> Vec<(String, String)> {
        use clap::CommandFactory;
        let mut cmd = crate::cli::Cli::command();
        cmd.build();
        let mut out = Vec::new();
        walk(&cmd, "", &mut out);
        out
    }

    fn walk(cmd: &Command, path: &str, out: &mut Vec<(String, String)>) {
        out.push((path.to_owned(), String::new()));
        for arg in cmd.get_arguments() {
            let id = arg.get_id().as_str();
            out.push((path.to_owned(), id.to_owned()));
            if arg.get_num_args().is_some_and(|n| n.takes_values()) {
                for v in arg.get_possible_values() {
                    out.push((path.to_owned(), format!("{id}={}", v.get_name())));
                }
            }
        }
        for sub in cmd.get_subcommands() {
            let p = if path.is_empty() {
                sub.get_name().to_owned()
            } else {
                format!("{path} {}", sub.get_name())
            };
            walk(sub, &p, out);
        }
    }

    #[test]
    fn every_command_and_argument_has_help_in_both_languages() {
        let mut missing = Vec::new();
        for (path, key) in keys() {
            match lookup(&path, &key) {
                None => missing.push(format!("({path:?}, {key:?})")),
                // A choice may be a proper name, the same in both languages (a shell's).
                Some(e) if key.contains('=') && e.zh == e.en => {}
                Some(e) => {
                    assert!(
                        has_cjk(e.zh),
                        "({path:?}, {key:?}): no Chinese in {:?}",
                        e.zh
                    );
                    assert!(!e.en.trim().is_empty(), "({path:?}, {key:?}): no English");
                    assert_ne!(e.zh, e.en, "({path:?}, {key:?})");
                }
            }
        }
        assert!(
            missing.is_empty(),
            "add these to TABLE in src/i18n/help.rs: {}",
            missing.join(", ")
        );
    }

    #[test]
    fn every_line_of_the_table_belongs_to_the_command_line() {
        let keys = keys();
        for e in TABLE {
            let used = keys
                .iter()
                .any(|(p, k)| k == e.id && (p == e.path || e.path == ANY));
            assert!(used, "stale help line ({:?}, {:?})", e.path, e.id);
        }
    }

    #[test]
    fn the_localised_command_carries_each_language_s_help() {
        for lang in [Lang::Zh, Lang::En] {
            let cmd = crate::cli::command(lang);
            let new = cmd.find_subcommand("new").expect("new");
            let unit = new
                .get_arguments()
                .find(|a| a.get_id() == "unit")
                .expect("--unit");
            let help = unit.get_help().map(ToString::to_string).unwrap_or_default();
            assert_eq!(has_cjk(&help), lang == Lang::Zh, "{lang:?}: {help}");
            let export = cmd.find_subcommand("export").expect("export");
            let format = export
                .get_arguments()
                .find(|a| a.get_id() == "format")
                .expect("--format");
            for v in format.get_possible_values() {
                let h = v.get_help().map(ToString::to_string).unwrap_or_default();
                assert!(!h.is_empty(), "{lang:?}: {} has no help", v.get_name());
                assert_eq!(has_cjk(&h), lang == Lang::Zh, "{lang:?}: {h}");
            }
            // The built command parses as the derive's would.
            let cli = crate::cli::parse(&[
                "selfcheck",
                "--lang",
                "en",
                "export",
                "f.json",
                "--format",
                "md",
            ]);
            assert!(cli.is_ok(), "{:?}", cli.err());
        }
    }
}
