# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_selfcheck_global_optspecs
    string join \n data-dir= lang= theme= ascii h/help V/version
end

function __fish_selfcheck_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_selfcheck_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_selfcheck_using_subcommand
    set -l cmd (__fish_selfcheck_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c selfcheck -n "__fish_selfcheck_needs_command" -l data-dir -d 'Folder of session files [env: `SELFCHECK_DATA_DIR`; default: the user\'s data folder]' -r -F
complete -c selfcheck -n "__fish_selfcheck_needs_command" -l lang -d 'Interface language' -r -f -a "zh\t'中文'
en\t'English'"
complete -c selfcheck -n "__fish_selfcheck_needs_command" -l theme -d 'Colour theme [default: dark; monochrome when `NO_COLOR` is set]' -r -f -a "dark\t''
light\t''
projector\t''
mono\t''"
complete -c selfcheck -n "__fish_selfcheck_needs_command" -l ascii -d 'Draw borders and marks with ASCII only (for terminals that draw box characters wide)'
complete -c selfcheck -n "__fish_selfcheck_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c selfcheck -n "__fish_selfcheck_needs_command" -s V -l version -d 'Print version'
complete -c selfcheck -n "__fish_selfcheck_needs_command" -f -a "new" -d 'Create a session (and open it unless --no-open); prints the file\'s path'
complete -c selfcheck -n "__fish_selfcheck_needs_command" -f -a "open" -d 'Open a session file in the interface'
complete -c selfcheck -n "__fish_selfcheck_needs_command" -f -a "list" -d 'Sessions in the data folder with unit, date, template and progress'
complete -c selfcheck -n "__fish_selfcheck_needs_command" -f -a "templates" -d 'The built-in checklists'
complete -c selfcheck -n "__fish_selfcheck_needs_command" -f -a "template" -d 'One checklist'
complete -c selfcheck -n "__fish_selfcheck_needs_command" -f -a "validate" -d 'Check a session or template file; exit status 0 when valid'
complete -c selfcheck -n "__fish_selfcheck_needs_command" -f -a "export" -d 'Write a session in another format: the 对照检查报告 (md, docx), the checklist and 整改台账 (xlsx), the 整改台账 alone (csv), or the session itself (json)'
complete -c selfcheck -n "__fish_selfcheck_needs_command" -f -a "summary" -d 'Roll up many units\' session files: progress, status counts, problems, open and overdue measures per unit, a total, and the checks most often 未落实'
complete -c selfcheck -n "__fish_selfcheck_needs_command" -f -a "schema" -d 'Print the JSON Schema of the session file (data/session.schema.json)'
complete -c selfcheck -n "__fish_selfcheck_needs_command" -f -a "shared-folder" -d 'Create, or check, a folder that a group of officials shares on a server: group-owned, group-writable, set-group-id and sticky (like /tmp), closed to others'
complete -c selfcheck -n "__fish_selfcheck_needs_command" -f -a "completions" -d 'Print a completion script for a shell (bash, zsh, fish, elvish, powershell)'
complete -c selfcheck -n "__fish_selfcheck_needs_command" -f -a "man" -d 'Print the manual page (roff), as installed in man1/selfcheck.1'
complete -c selfcheck -n "__fish_selfcheck_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c selfcheck -n "__fish_selfcheck_using_subcommand new" -l template -d 'Built-in checklist id (gov, dept, enterprise, full) or a template JSON file' -r
complete -c selfcheck -n "__fish_selfcheck_using_subcommand new" -l unit -d '单位名称' -r
complete -c selfcheck -n "__fish_selfcheck_using_subcommand new" -l kind -d 'Kind of unit [default: the checklist\'s]' -r -f -a "gov\t''
dept\t''
enterprise\t''"
complete -c selfcheck -n "__fish_selfcheck_using_subcommand new" -l title -d '会议名称' -r
complete -c selfcheck -n "__fish_selfcheck_using_subcommand new" -l date -d '会议日期 (YYYY-MM-DD) [default: today]' -r
complete -c selfcheck -n "__fish_selfcheck_using_subcommand new" -l place -d '会议地点' -r
complete -c selfcheck -n "__fish_selfcheck_using_subcommand new" -l host -d '主持人' -r
complete -c selfcheck -n "__fish_selfcheck_using_subcommand new" -l recorder -d '记录人' -r
complete -c selfcheck -n "__fish_selfcheck_using_subcommand new" -l attendees -d '参会人员, separated by commas or 、' -r
complete -c selfcheck -n "__fish_selfcheck_using_subcommand new" -l out -d 'Session file to create [default: a new file in the data folder]' -r -F
complete -c selfcheck -n "__fish_selfcheck_using_subcommand new" -l data-dir -d 'Folder of session files [env: `SELFCHECK_DATA_DIR`; default: the user\'s data folder]' -r -F
complete -c selfcheck -n "__fish_selfcheck_using_subcommand new" -l lang -d 'Interface language' -r -f -a "zh\t'中文'
en\t'English'"
complete -c selfcheck -n "__fish_selfcheck_using_subcommand new" -l theme -d 'Colour theme [default: dark; monochrome when `NO_COLOR` is set]' -r -f -a "dark\t''
light\t''
projector\t''
mono\t''"
complete -c selfcheck -n "__fish_selfcheck_using_subcommand new" -l no-open -d 'Create the file only'
complete -c selfcheck -n "__fish_selfcheck_using_subcommand new" -l ascii -d 'Draw borders and marks with ASCII only (for terminals that draw box characters wide)'
complete -c selfcheck -n "__fish_selfcheck_using_subcommand new" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c selfcheck -n "__fish_selfcheck_using_subcommand open" -l data-dir -d 'Folder of session files [env: `SELFCHECK_DATA_DIR`; default: the user\'s data folder]' -r -F
complete -c selfcheck -n "__fish_selfcheck_using_subcommand open" -l lang -d 'Interface language' -r -f -a "zh\t'中文'
en\t'English'"
complete -c selfcheck -n "__fish_selfcheck_using_subcommand open" -l theme -d 'Colour theme [default: dark; monochrome when `NO_COLOR` is set]' -r -f -a "dark\t''
light\t''
projector\t''
mono\t''"
complete -c selfcheck -n "__fish_selfcheck_using_subcommand open" -l read-only -d 'Never lock or write the file'
complete -c selfcheck -n "__fish_selfcheck_using_subcommand open" -l follow -d 'A live read-only view that follows the person editing the session (for the projector)'
complete -c selfcheck -n "__fish_selfcheck_using_subcommand open" -l ascii -d 'Draw borders and marks with ASCII only (for terminals that draw box characters wide)'
complete -c selfcheck -n "__fish_selfcheck_using_subcommand open" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c selfcheck -n "__fish_selfcheck_using_subcommand list" -l data-dir -d 'Folder of session files [env: `SELFCHECK_DATA_DIR`; default: the user\'s data folder]' -r -F
complete -c selfcheck -n "__fish_selfcheck_using_subcommand list" -l lang -d 'Interface language' -r -f -a "zh\t'中文'
en\t'English'"
complete -c selfcheck -n "__fish_selfcheck_using_subcommand list" -l theme -d 'Colour theme [default: dark; monochrome when `NO_COLOR` is set]' -r -f -a "dark\t''
light\t''
projector\t''
mono\t''"
complete -c selfcheck -n "__fish_selfcheck_using_subcommand list" -l json
complete -c selfcheck -n "__fish_selfcheck_using_subcommand list" -l ascii -d 'Draw borders and marks with ASCII only (for terminals that draw box characters wide)'
complete -c selfcheck -n "__fish_selfcheck_using_subcommand list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c selfcheck -n "__fish_selfcheck_using_subcommand templates" -l data-dir -d 'Folder of session files [env: `SELFCHECK_DATA_DIR`; default: the user\'s data folder]' -r -F
complete -c selfcheck -n "__fish_selfcheck_using_subcommand templates" -l lang -d 'Interface language' -r -f -a "zh\t'中文'
en\t'English'"
complete -c selfcheck -n "__fish_selfcheck_using_subcommand templates" -l theme -d 'Colour theme [default: dark; monochrome when `NO_COLOR` is set]' -r -f -a "dark\t''
light\t''
projector\t''
mono\t''"
complete -c selfcheck -n "__fish_selfcheck_using_subcommand templates" -l json
complete -c selfcheck -n "__fish_selfcheck_using_subcommand templates" -l ascii -d 'Draw borders and marks with ASCII only (for terminals that draw box characters wide)'
complete -c selfcheck -n "__fish_selfcheck_using_subcommand templates" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c selfcheck -n "__fish_selfcheck_using_subcommand template; and not __fish_seen_subcommand_from show help" -l data-dir -d 'Folder of session files [env: `SELFCHECK_DATA_DIR`; default: the user\'s data folder]' -r -F
complete -c selfcheck -n "__fish_selfcheck_using_subcommand template; and not __fish_seen_subcommand_from show help" -l lang -d 'Interface language' -r -f -a "zh\t'中文'
en\t'English'"
complete -c selfcheck -n "__fish_selfcheck_using_subcommand template; and not __fish_seen_subcommand_from show help" -l theme -d 'Colour theme [default: dark; monochrome when `NO_COLOR` is set]' -r -f -a "dark\t''
light\t''
projector\t''
mono\t''"
complete -c selfcheck -n "__fish_selfcheck_using_subcommand template; and not __fish_seen_subcommand_from show help" -l ascii -d 'Draw borders and marks with ASCII only (for terminals that draw box characters wide)'
complete -c selfcheck -n "__fish_selfcheck_using_subcommand template; and not __fish_seen_subcommand_from show help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c selfcheck -n "__fish_selfcheck_using_subcommand template; and not __fish_seen_subcommand_from show help" -f -a "show" -d 'Print a template\'s JSON: a starting point for a custom checklist'
complete -c selfcheck -n "__fish_selfcheck_using_subcommand template; and not __fish_seen_subcommand_from show help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c selfcheck -n "__fish_selfcheck_using_subcommand template; and __fish_seen_subcommand_from show" -l data-dir -d 'Folder of session files [env: `SELFCHECK_DATA_DIR`; default: the user\'s data folder]' -r -F
complete -c selfcheck -n "__fish_selfcheck_using_subcommand template; and __fish_seen_subcommand_from show" -l lang -d 'Interface language' -r -f -a "zh\t'中文'
en\t'English'"
complete -c selfcheck -n "__fish_selfcheck_using_subcommand template; and __fish_seen_subcommand_from show" -l theme -d 'Colour theme [default: dark; monochrome when `NO_COLOR` is set]' -r -f -a "dark\t''
light\t''
projector\t''
mono\t''"
complete -c selfcheck -n "__fish_selfcheck_using_subcommand template; and __fish_seen_subcommand_from show" -l ascii -d 'Draw borders and marks with ASCII only (for terminals that draw box characters wide)'
complete -c selfcheck -n "__fish_selfcheck_using_subcommand template; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c selfcheck -n "__fish_selfcheck_using_subcommand template; and __fish_seen_subcommand_from help" -f -a "show" -d 'Print a template\'s JSON: a starting point for a custom checklist'
complete -c selfcheck -n "__fish_selfcheck_using_subcommand template; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c selfcheck -n "__fish_selfcheck_using_subcommand validate" -l data-dir -d 'Folder of session files [env: `SELFCHECK_DATA_DIR`; default: the user\'s data folder]' -r -F
complete -c selfcheck -n "__fish_selfcheck_using_subcommand validate" -l lang -d 'Interface language' -r -f -a "zh\t'中文'
en\t'English'"
complete -c selfcheck -n "__fish_selfcheck_using_subcommand validate" -l theme -d 'Colour theme [default: dark; monochrome when `NO_COLOR` is set]' -r -f -a "dark\t''
light\t''
projector\t''
mono\t''"
complete -c selfcheck -n "__fish_selfcheck_using_subcommand validate" -l ascii -d 'Draw borders and marks with ASCII only (for terminals that draw box characters wide)'
complete -c selfcheck -n "__fish_selfcheck_using_subcommand validate" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c selfcheck -n "__fish_selfcheck_using_subcommand export" -l format -r -f -a "json\t'The session file as stored'
md\t'对照检查报告, Markdown'
docx\t'对照检查报告, Word'
xlsx\t'对照检查表 and 整改台账, Excel'
csv\t'整改台账, CSV (UTF-8 with BOM)'"
complete -c selfcheck -n "__fish_selfcheck_using_subcommand export" -s o -l output -d 'Output file [default: standard output; docx and xlsx are never written to a terminal]' -r -F
complete -c selfcheck -n "__fish_selfcheck_using_subcommand export" -l data-dir -d 'Folder of session files [env: `SELFCHECK_DATA_DIR`; default: the user\'s data folder]' -r -F
complete -c selfcheck -n "__fish_selfcheck_using_subcommand export" -l lang -d 'Interface language' -r -f -a "zh\t'中文'
en\t'English'"
complete -c selfcheck -n "__fish_selfcheck_using_subcommand export" -l theme -d 'Colour theme [default: dark; monochrome when `NO_COLOR` is set]' -r -f -a "dark\t''
light\t''
projector\t''
mono\t''"
complete -c selfcheck -n "__fish_selfcheck_using_subcommand export" -l ascii -d 'Draw borders and marks with ASCII only (for terminals that draw box characters wide)'
complete -c selfcheck -n "__fish_selfcheck_using_subcommand export" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c selfcheck -n "__fish_selfcheck_using_subcommand summary" -l format -r -f -a "table\t'Aligned text: units, total, ranking, flags, superseded and unreadable files'
json\t'Everything, keys documented in docs/rollup.md (schema: data/summary.schema.json)'
csv\t'Rows, total, superseded and unreadable files, UTF-8 with BOM'
xlsx\t'Sheets 汇总, 未落实排行, 整改台账, 敷衍应付 and 未计入'"
complete -c selfcheck -n "__fish_selfcheck_using_subcommand summary" -s o -l output -d 'Output file [default: standard output; xlsx is never written to a terminal]' -r -F
complete -c selfcheck -n "__fish_selfcheck_using_subcommand summary" -l as-of -d 'The day overdue is measured against (YYYY-MM-DD), printed in every format [default: today]' -r
complete -c selfcheck -n "__fish_selfcheck_using_subcommand summary" -l answers -d 'Write every answer of every unit as a long table instead (for pandas, `DuckDB`, Power Query)' -r -f -a "csv\t'UTF-8 with BOM, one row per check'
ndjson\t'One JSON object per line'"
complete -c selfcheck -n "__fish_selfcheck_using_subcommand summary" -l feedback -d 'Also write a feedback letter (docx and md) to the 主要负责人 of each unit with flags' -r -F
complete -c selfcheck -n "__fish_selfcheck_using_subcommand summary" -l data-dir -d 'Folder of session files [env: `SELFCHECK_DATA_DIR`; default: the user\'s data folder]' -r -F
complete -c selfcheck -n "__fish_selfcheck_using_subcommand summary" -l lang -d 'Interface language' -r -f -a "zh\t'中文'
en\t'English'"
complete -c selfcheck -n "__fish_selfcheck_using_subcommand summary" -l theme -d 'Colour theme [default: dark; monochrome when `NO_COLOR` is set]' -r -f -a "dark\t''
light\t''
projector\t''
mono\t''"
complete -c selfcheck -n "__fish_selfcheck_using_subcommand summary" -l ledger -d 'Write the combined 整改台账 of all units as CSV instead (overdue first)'
complete -c selfcheck -n "__fish_selfcheck_using_subcommand summary" -l ascii -d 'Draw borders and marks with ASCII only (for terminals that draw box characters wide)'
complete -c selfcheck -n "__fish_selfcheck_using_subcommand summary" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c selfcheck -n "__fish_selfcheck_using_subcommand schema" -l data-dir -d 'Folder of session files [env: `SELFCHECK_DATA_DIR`; default: the user\'s data folder]' -r -F
complete -c selfcheck -n "__fish_selfcheck_using_subcommand schema" -l lang -d 'Interface language' -r -f -a "zh\t'中文'
en\t'English'"
complete -c selfcheck -n "__fish_selfcheck_using_subcommand schema" -l theme -d 'Colour theme [default: dark; monochrome when `NO_COLOR` is set]' -r -f -a "dark\t''
light\t''
projector\t''
mono\t''"
complete -c selfcheck -n "__fish_selfcheck_using_subcommand schema" -l ascii -d 'Draw borders and marks with ASCII only (for terminals that draw box characters wide)'
complete -c selfcheck -n "__fish_selfcheck_using_subcommand schema" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c selfcheck -n "__fish_selfcheck_using_subcommand shared-folder" -l group -d 'The group whose members share the folder (name or number)' -r
complete -c selfcheck -n "__fish_selfcheck_using_subcommand shared-folder" -l data-dir -d 'Folder of session files [env: `SELFCHECK_DATA_DIR`; default: the user\'s data folder]' -r -F
complete -c selfcheck -n "__fish_selfcheck_using_subcommand shared-folder" -l lang -d 'Interface language' -r -f -a "zh\t'中文'
en\t'English'"
complete -c selfcheck -n "__fish_selfcheck_using_subcommand shared-folder" -l theme -d 'Colour theme [default: dark; monochrome when `NO_COLOR` is set]' -r -f -a "dark\t''
light\t''
projector\t''
mono\t''"
complete -c selfcheck -n "__fish_selfcheck_using_subcommand shared-folder" -l check -d 'Only report what is wrong; change nothing (exit status 1 when something is)'
complete -c selfcheck -n "__fish_selfcheck_using_subcommand shared-folder" -l ascii -d 'Draw borders and marks with ASCII only (for terminals that draw box characters wide)'
complete -c selfcheck -n "__fish_selfcheck_using_subcommand shared-folder" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c selfcheck -n "__fish_selfcheck_using_subcommand completions" -l data-dir -d 'Folder of session files [env: `SELFCHECK_DATA_DIR`; default: the user\'s data folder]' -r -F
complete -c selfcheck -n "__fish_selfcheck_using_subcommand completions" -l lang -d 'Interface language' -r -f -a "zh\t'中文'
en\t'English'"
complete -c selfcheck -n "__fish_selfcheck_using_subcommand completions" -l theme -d 'Colour theme [default: dark; monochrome when `NO_COLOR` is set]' -r -f -a "dark\t''
light\t''
projector\t''
mono\t''"
complete -c selfcheck -n "__fish_selfcheck_using_subcommand completions" -l ascii -d 'Draw borders and marks with ASCII only (for terminals that draw box characters wide)'
complete -c selfcheck -n "__fish_selfcheck_using_subcommand completions" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c selfcheck -n "__fish_selfcheck_using_subcommand man" -l data-dir -d 'Folder of session files [env: `SELFCHECK_DATA_DIR`; default: the user\'s data folder]' -r -F
complete -c selfcheck -n "__fish_selfcheck_using_subcommand man" -l lang -d 'Interface language' -r -f -a "zh\t'中文'
en\t'English'"
complete -c selfcheck -n "__fish_selfcheck_using_subcommand man" -l theme -d 'Colour theme [default: dark; monochrome when `NO_COLOR` is set]' -r -f -a "dark\t''
light\t''
projector\t''
mono\t''"
complete -c selfcheck -n "__fish_selfcheck_using_subcommand man" -l ascii -d 'Draw borders and marks with ASCII only (for terminals that draw box characters wide)'
complete -c selfcheck -n "__fish_selfcheck_using_subcommand man" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c selfcheck -n "__fish_selfcheck_using_subcommand help; and not __fish_seen_subcommand_from new open list templates template validate export summary schema shared-folder completions man help" -f -a "new" -d 'Create a session (and open it unless --no-open); prints the file\'s path'
complete -c selfcheck -n "__fish_selfcheck_using_subcommand help; and not __fish_seen_subcommand_from new open list templates template validate export summary schema shared-folder completions man help" -f -a "open" -d 'Open a session file in the interface'
complete -c selfcheck -n "__fish_selfcheck_using_subcommand help; and not __fish_seen_subcommand_from new open list templates template validate export summary schema shared-folder completions man help" -f -a "list" -d 'Sessions in the data folder with unit, date, template and progress'
complete -c selfcheck -n "__fish_selfcheck_using_subcommand help; and not __fish_seen_subcommand_from new open list templates template validate export summary schema shared-folder completions man help" -f -a "templates" -d 'The built-in checklists'
complete -c selfcheck -n "__fish_selfcheck_using_subcommand help; and not __fish_seen_subcommand_from new open list templates template validate export summary schema shared-folder completions man help" -f -a "template" -d 'One checklist'
complete -c selfcheck -n "__fish_selfcheck_using_subcommand help; and not __fish_seen_subcommand_from new open list templates template validate export summary schema shared-folder completions man help" -f -a "validate" -d 'Check a session or template file; exit status 0 when valid'
complete -c selfcheck -n "__fish_selfcheck_using_subcommand help; and not __fish_seen_subcommand_from new open list templates template validate export summary schema shared-folder completions man help" -f -a "export" -d 'Write a session in another format: the 对照检查报告 (md, docx), the checklist and 整改台账 (xlsx), the 整改台账 alone (csv), or the session itself (json)'
complete -c selfcheck -n "__fish_selfcheck_using_subcommand help; and not __fish_seen_subcommand_from new open list templates template validate export summary schema shared-folder completions man help" -f -a "summary" -d 'Roll up many units\' session files: progress, status counts, problems, open and overdue measures per unit, a total, and the checks most often 未落实'
complete -c selfcheck -n "__fish_selfcheck_using_subcommand help; and not __fish_seen_subcommand_from new open list templates template validate export summary schema shared-folder completions man help" -f -a "schema" -d 'Print the JSON Schema of the session file (data/session.schema.json)'
complete -c selfcheck -n "__fish_selfcheck_using_subcommand help; and not __fish_seen_subcommand_from new open list templates template validate export summary schema shared-folder completions man help" -f -a "shared-folder" -d 'Create, or check, a folder that a group of officials shares on a server: group-owned, group-writable, set-group-id and sticky (like /tmp), closed to others'
complete -c selfcheck -n "__fish_selfcheck_using_subcommand help; and not __fish_seen_subcommand_from new open list templates template validate export summary schema shared-folder completions man help" -f -a "completions" -d 'Print a completion script for a shell (bash, zsh, fish, elvish, powershell)'
complete -c selfcheck -n "__fish_selfcheck_using_subcommand help; and not __fish_seen_subcommand_from new open list templates template validate export summary schema shared-folder completions man help" -f -a "man" -d 'Print the manual page (roff), as installed in man1/selfcheck.1'
complete -c selfcheck -n "__fish_selfcheck_using_subcommand help; and not __fish_seen_subcommand_from new open list templates template validate export summary schema shared-folder completions man help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c selfcheck -n "__fish_selfcheck_using_subcommand help; and __fish_seen_subcommand_from template" -f -a "show" -d 'Print a template\'s JSON: a starting point for a custom checklist'
