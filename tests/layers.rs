//! The modules' direction of dependency, read from the source as docs/architecture.md describes
//! it: no cycle between top-level modules (outside test code), none between the modules inside
//! the store or inside the model, and the model and the text helpers use no other module of the
//! program.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("read src") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The top-level module a file under `src/` belongs to (`src/app/walk.rs` -> `app`).
fn top_module(src: &Path, file: &Path) -> Option<String> {
    let rel = file.strip_prefix(src).ok()?;
    let first = rel.components().next()?.as_os_str().to_str()?;
    let name = first.strip_suffix(".rs").unwrap_or(first);
    (name != "lib" && name != "main").then(|| name.to_owned())
}

/// The code of a file without its comments and the items marked `#[cfg(test)]`: a test module
/// declared in the middle of a file (`#[cfg(test)] mod tests;`) hides nothing after it.
fn code_of(text: &str) -> String {
    let lines: Vec<&str> = text
        .lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if lines[i].trim() != "#[cfg(test)]" {
            out.push(lines[i]);
            i += 1;
            continue;
        }
        // Skip the item the attribute marks: up to its `;`, or through its braces.
        i += 1;
        let (mut opened, mut closed) = (0, 0);
        while i < lines.len() {
            let line = lines[i];
            i += 1;
            opened += line.matches('{').count();
            closed += line.matches('}').count();
            let end = line.trim_end();
            if closed >= opened && (end.ends_with(';') || end.ends_with('}')) {
                break;
            }
        }
    }
    out.join("\n")
}

/// The files declared as test modules (`#[cfg(test)] mod name;`), which are test code as a
/// whole.
fn test_module_files(files: &[PathBuf]) -> BTreeSet<PathBuf> {
    let mut out = BTreeSet::new();
    for file in files {
        let text = std::fs::read_to_string(file).expect("read file");
        let lines: Vec<&str> = text.lines().map(str::trim).collect();
        for pair in lines.windows(2) {
            let Some(name) = (pair[0] == "#[cfg(test)]")
                .then(|| pair[1].strip_prefix("mod "))
                .flatten()
                .and_then(|rest| rest.strip_suffix(';'))
            else {
                continue;
            };
            // `a/mod.rs` and `lib.rs` declare `a/name.rs`; `a/b.rs` declares `a/b/name.rs`.
            let stem = file.file_stem().and_then(|s| s.to_str()).unwrap_or("");
            let dir = file.parent().expect("parent");
            let dir = if matches!(stem, "mod" | "lib" | "main") {
                dir.to_owned()
            } else {
                dir.join(stem)
            };
            out.insert(dir.join(format!("{name}.rs")));
            out.insert(dir.join(name).join("mod.rs"));
        }
    }
    out
}

/// The top-level modules named after `crate::` in `code`, also inside `use crate::{a, b::c}`.
fn uses(code: &str, modules: &BTreeSet<String>) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    let mut rest = code;
    while let Some(i) = rest.find("crate::") {
        rest = &rest[i + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let end = group.find('}').unwrap_or(group.len());
            for part in group[..end].split(',') {
                let name: String = part
                    .trim()
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                    .collect();
                found.insert(name);
            }
        } else {
            let name: String = rest
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            found.insert(name);
        }
    }
    found.retain(|m| modules.contains(m));
    found
}

fn graph() -> BTreeMap<String, BTreeSet<String>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let tests = test_module_files(&files);
    files.retain(|f| !tests.contains(f));
    let modules: BTreeSet<String> = files.iter().filter_map(|f| top_module(&src, f)).collect();
    let mut g: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for file in &files {
        let Some(m) = top_module(&src, file) else {
            continue;
        };
        let text = std::fs::read_to_string(file).expect("read file");
        let mut deps = uses(&code_of(&text), &modules);
        deps.remove(&m);
        g.entry(m).or_default().extend(deps);
    }
    g
}

/// A cycle through `start`, if there is one: the path of modules back to it.
fn cycle_through(g: &BTreeMap<String, BTreeSet<String>>, start: &str) -> Option<Vec<String>> {
    let mut stack = vec![(start.to_owned(), vec![start.to_owned()])];
    let mut seen = BTreeSet::new();
    while let Some((at, path)) = stack.pop() {
        for next in g.get(&at).into_iter().flatten() {
            if next == start {
                let mut p = path.clone();
                p.push(start.to_owned());
                return Some(p);
            }
            if seen.insert(next.clone()) {
                let mut p = path.clone();
                p.push(next.clone());
                stack.push((next.clone(), p));
            }
        }
    }
    None
}

#[test]
fn no_cycle_between_top_level_modules() {
    let g = graph();
    assert!(g.len() > 10, "modules found: {:?}", g.keys());
    let cycles: Vec<String> = g
        .keys()
        .filter_map(|m| cycle_through(&g, m))
        .map(|p| p.join(" -> "))
        .collect();
    assert!(cycles.is_empty(), "import cycles:\n{}", cycles.join("\n"));
}

#[test]
fn the_base_layers_use_nothing_above_them() {
    let g = graph();
    assert_eq!(g.get("text").cloned().unwrap_or_default(), BTreeSet::new());
    assert_eq!(g.get("model").cloned().unwrap_or_default(), BTreeSet::new());
    let store: BTreeSet<String> = ["model", "text"].map(str::to_owned).into();
    assert!(g["store"].is_subset(&store), "store uses {:?}", g["store"]);
    for lower in ["model", "store", "export", "i18n", "rollup", "text"] {
        for upper in ["app", "ui", "runtime", "keymap", "cli"] {
            assert!(
                !g.get(lower).is_some_and(|d| d.contains(upper)),
                "{lower} uses {upper}"
            );
        }
    }
}

#[test]
fn the_reader_skips_only_test_code() {
    let modules: BTreeSet<String> = ["a", "b", "c", "d"].map(str::to_owned).into();
    let code = code_of(
        "use crate::a;\n#[cfg(test)]\nmod tests;\nuse crate::b;\n#[cfg(test)]\nmod t {\n    \
         use crate::c;\n    fn f() {}\n}\nfn g() {\n    crate::d::h();\n}\n",
    );
    let found = uses(&code, &modules);
    let want: BTreeSet<String> = ["a", "b", "d"].map(str::to_owned).into();
    assert_eq!(found, want, "{code}");
}

#[test]
fn test_modules_in_files_of_their_own_are_known() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let tests = test_module_files(&files);
    assert!(
        tests.contains(&src.join("ui/backend/tests.rs")),
        "{tests:?}"
    );
    assert!(!tests.contains(&src.join("ui/backend/sgr.rs")));
}

#[test]
fn the_reader_sees_grouped_uses() {
    let modules: BTreeSet<String> = ["a", "b", "c"].map(str::to_owned).into();
    let found = uses("use crate::{a::X, b};\nlet y = crate::c::f();", &modules);
    assert_eq!(found, modules);
}

/// The names `mod.rs` of `dir` re-exports (`pub use file::{A, b}`), each with its module.
fn re_exports(mod_rs: &str) -> BTreeMap<String, String> {
    let mut names = BTreeMap::new();
    for stmt in code_of(mod_rs).split(';') {
        let stmt = stmt.trim();
        let Some(rest) = stmt
            .strip_prefix("pub use ")
            .or_else(|| stmt.strip_prefix("pub(crate) use "))
        else {
            continue;
        };
        let Some((module, items)) = rest.split_once("::") else {
            continue;
        };
        for item in items.trim_matches(|c| c == '{' || c == '}').split(',') {
            let name = item.trim();
            if !name.is_empty() {
                names.insert(name.to_owned(), module.trim().to_owned());
            }
        }
    }
    names
}

/// The modules inside `src/<top>/` that each of its files uses, through `super::` or
/// `crate::<top>::`, a name the folder's `mod.rs` re-exports counted as its module.
fn inner_graph(top: &str) -> BTreeMap<String, BTreeSet<String>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src").join(top);
    let mut files = Vec::new();
    rust_files(&dir, &mut files);
    let module_of = |f: &Path| f.file_stem().and_then(|s| s.to_str()).map(str::to_owned);
    let modules: BTreeSet<String> = files
        .iter()
        .filter_map(|f| module_of(f))
        .filter(|m| m != "mod")
        .collect();
    let mod_rs = std::fs::read_to_string(dir.join("mod.rs")).expect("read mod.rs");
    let exported = re_exports(&mod_rs);
    let mut g: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for file in &files {
        let Some(m) = module_of(file).filter(|m| m != "mod") else {
            continue;
        };
        let code = code_of(&std::fs::read_to_string(file).expect("read file"));
        let crate_path = format!("crate::{top}::");
        let code = code.replace(&crate_path, "super::");
        // Read `super::` as `crate::` so that `uses` finds the names after it.
        let code = code.replace("super::", "crate::");
        let mut names: BTreeSet<String> = exported.keys().cloned().collect();
        names.extend(modules.iter().cloned());
        let deps = uses(&code, &names)
            .into_iter()
            .map(|n| exported.get(&n).cloned().unwrap_or(n))
            .filter(|d| *d != m && modules.contains(d))
            .collect::<BTreeSet<_>>();
        g.entry(m).or_default().extend(deps);
    }
    g
}

#[test]
fn no_cycle_between_the_modules_of_the_store() {
    let g = inner_graph("store");
    assert!(g.len() > 10, "modules found: {:?}", g.keys());
    // The bottom knows nothing of sessions, the open document is on top.
    assert!(g["hash"].is_empty() && g["file"].is_empty(), "{g:?}");
    assert!(g["document"].contains("load"), "{g:?}");
    let cycles: Vec<String> = g
        .keys()
        .filter_map(|m| cycle_through(&g, m))
        .map(|p| p.join(" -> "))
        .collect();
    assert!(
        cycles.is_empty(),
        "import cycles in store:\n{}",
        cycles.join("\n")
    );
}

#[test]
fn re_exported_names_count_as_their_module() {
    let names = re_exports("pub use a::{X, y};\npub(crate) use b::Z;\nmod c;");
    assert_eq!(names["X"], "a");
    assert_eq!(names["y"], "a");
    assert_eq!(names["Z"], "b");
}

/// The methods each file of `src/<top>/` defines in its `impl <ty> {` blocks: a method of a type
/// may be defined in any file, and calling it needs no `use` line.
fn methods_of(top: &str, ty: &str) -> BTreeMap<String, BTreeSet<String>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src").join(top);
    let mut files = Vec::new();
    rust_files(&dir, &mut files);
    let mut out: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let opening = format!("impl {ty} {{");
    for file in &files {
        let Some(m) = file.file_stem().and_then(|s| s.to_str()) else {
            continue;
        };
        let code = code_of(&std::fs::read_to_string(file).expect("read file"));
        let mut rest = code.as_str();
        while let Some(i) = rest.find(&opening) {
            let block = &rest[i..];
            let end = block.find("\n}").unwrap_or(block.len());
            for part in block[..end].split("fn ").skip(1) {
                let name: String = part
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                    .collect();
                out.entry(m.to_owned()).or_default().insert(name);
            }
            rest = &block[end..];
        }
    }
    out
}

/// `inner_graph` with a use of a file wherever a file calls a method of `ty` that file defines
/// (`.name(`), unless the caller defines a function of that name itself.
fn inner_graph_with_methods(top: &str, ty: &str) -> BTreeMap<String, BTreeSet<String>> {
    let mut g = inner_graph(top);
    let methods = methods_of(top, ty);
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src").join(top);
    let mut files = Vec::new();
    rust_files(&dir, &mut files);
    for file in &files {
        let Some(m) = file.file_stem().and_then(|s| s.to_str()) else {
            continue;
        };
        if m == "mod" {
            continue;
        }
        let code = code_of(&std::fs::read_to_string(file).expect("read file"));
        for (owner, names) in &methods {
            if owner == m {
                continue;
            }
            let called = names
                .iter()
                .any(|n| code.contains(&format!(".{n}(")) && !code.contains(&format!("fn {n}(")));
            if called {
                g.entry(m.to_owned()).or_default().insert(owner.clone());
            }
        }
    }
    g
}

/// The modules a module reaches through its uses (itself only through a cycle).
fn reaches(g: &BTreeMap<String, BTreeSet<String>>, from: &str) -> BTreeSet<String> {
    let mut seen = BTreeSet::new();
    let mut todo = vec![from.to_owned()];
    while let Some(at) = todo.pop() {
        for next in g.get(&at).into_iter().flatten() {
            if seen.insert(next.clone()) {
                todo.push(next.clone());
            }
        }
    }
    seen
}

#[test]
fn no_cycle_between_the_modules_of_the_model() {
    let g = inner_graph_with_methods("model", "Session");
    assert!(g.len() > 15, "modules found: {:?}", g.keys());
    let cycles: Vec<String> = g
        .keys()
        .filter_map(|m| cycle_through(&g, m))
        .map(|p| p.join(" -> "))
        .collect();
    assert!(
        cycles.is_empty(),
        "import cycles in model:\n{}",
        cycles.join("\n")
    );
    // The plain data a session holds knows nothing of the session.
    for data in [
        "field",
        "rectification",
        "signature",
        "change",
        "history_text",
        "previous",
        "answer",
        "error",
        "dates",
        "template",
    ] {
        let r = reaches(&g, data);
        assert!(!r.contains("session"), "{data} reaches session: {r:?}");
    }
    // The session knows none of what is done to it, and each of those uses it.
    let operations = ["history", "edit", "signoff", "carryover", "progress"];
    let below_session = reaches(&g, "session");
    for op in operations {
        assert!(!below_session.contains(op), "session reaches {op}");
        assert!(g[op].contains("session"), "{op}: {:?}", g[op]);
    }
}
