//! The modules' direction of dependency, read from the source as docs/architecture.md describes
//! it: no cycle between top-level modules (outside test code), and the model and the text
//! helpers use no other module of the program.

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

/// The code of a file without its tests and comments.
fn code_of(text: &str) -> String {
    let text = text.split("#[cfg(test)]").next().unwrap_or("");
    text.lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
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
fn the_reader_sees_grouped_uses() {
    let modules: BTreeSet<String> = ["a", "b", "c"].map(str::to_owned).into();
    let found = uses("use crate::{a::X, b};\nlet y = crate::c::f();", &modules);
    assert_eq!(found, modules);
}
