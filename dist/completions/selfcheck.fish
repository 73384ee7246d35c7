# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_selfcheck_global_optspecs
    string join \n data-dir= lang= theme= ascii colors= h/help V/version
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

complete -c selfcheck -n "__fish_selfcheck_needs_command" -l data-dir -d '存放会议记录的文件夹（也可用环境变量 SELFCHECK_DATA_DIR；默认为用户数据文件夹）' -r -F
complete -c selfcheck -n "__fish_selfcheck_needs_command" -l lang -d '界面语言（可选：zh、en；默认：zh）' -r -f -a "zh\t'中文'
en\t'英文'"
complete -c selfcheck -n "__fish_selfcheck_needs_command" -l theme -d '配色（默认深色；设置了 NO_COLOR 时为单色）（可选：dark、light、projector、mono）' -r -f -a "dark\t'深色'
light\t'浅色'
projector\t'投影用高对比度'
mono\t'单色（只用粗体、下划线、反色）'"
complete -c selfcheck -n "__fish_selfcheck_needs_command" -l colors -d '终端能显示的颜色数（默认按 COLORTERM、TERM 和 terminfo 判断）（可选：16、256、truecolor）' -r -f -a "16\t'16 色（Linux 控制台、老式终端）'
256\t'256 色'
truecolor\t'真彩色'"
complete -c selfcheck -n "__fish_selfcheck_needs_command" -l ascii -d '边框和标记只用 ASCII 字符（适用于把制表符显示成两格宽的终端）（）'
complete -c selfcheck -n "__fish_selfcheck_needs_command" -s h -l help -d '显示帮助（-h 简要，--help 详细）'
complete -c selfcheck -n "__fish_selfcheck_needs_command" -s V -l version -d '显示版本号'
complete -c selfcheck -n "__fish_selfcheck_needs_command" -f -a "new" -d '新建会议记录（除非加 --no-open，随即打开）；输出文件路径'
complete -c selfcheck -n "__fish_selfcheck_needs_command" -f -a "open" -d '打开会议记录'
complete -c selfcheck -n "__fish_selfcheck_needs_command" -f -a "list" -d '列出数据文件夹中的会议记录：单位、日期、检查表和进度'
complete -c selfcheck -n "__fish_selfcheck_needs_command" -f -a "templates" -d '列出内置检查表'
complete -c selfcheck -n "__fish_selfcheck_needs_command" -f -a "template" -d '查看一份检查表'
complete -c selfcheck -n "__fish_selfcheck_needs_command" -f -a "validate" -d '检查会议记录或检查表文件；文件完好时退出码为 0'
complete -c selfcheck -n "__fish_selfcheck_needs_command" -f -a "sign" -d '签字确认：以输入的姓名确认会议记录，确认后记录只读'
complete -c selfcheck -n "__fish_selfcheck_needs_command" -f -a "reopen" -d '重新打开已签字的记录进行修改：记入修改历史，签字随之作废'
complete -c selfcheck -n "__fish_selfcheck_needs_command" -f -a "export" -d '把会议记录导出为其他格式：对照检查报告（md、docx）、检查表和整改台账（xlsx）、整改台账（csv），或会议记录本身（json）'
complete -c selfcheck -n "__fish_selfcheck_needs_command" -f -a "summary" -d '汇总多个单位的会议记录：各单位进度、落实情况统计、问题、未完成和已逾期的整改措施、合计，以及未落实最多的检查内容'
complete -c selfcheck -n "__fish_selfcheck_needs_command" -f -a "schema" -d '输出会议记录文件的 JSON Schema'
complete -c selfcheck -n "__fish_selfcheck_needs_command" -f -a "shared-folder" -d '在服务器上创建或检查一个用户组共用的文件夹：属于该组、组可写、setgid 和粘滞位（同 /tmp），其他用户不可访问'
complete -c selfcheck -n "__fish_selfcheck_needs_command" -f -a "completions" -d '输出命令行补全脚本（bash、zsh、fish、elvish、powershell）'
complete -c selfcheck -n "__fish_selfcheck_needs_command" -f -a "man" -d '输出手册页（roff 格式），即安装到 man1/selfcheck.1 的内容'
complete -c selfcheck -n "__fish_selfcheck_needs_command" -f -a "help" -d '显示本帮助或某个命令的帮助'
complete -c selfcheck -n "__fish_selfcheck_using_subcommand new" -l template -d '检查表：内置的 gov、dept、enterprise、full，或一个检查表 JSON 文件' -r
complete -c selfcheck -n "__fish_selfcheck_using_subcommand new" -l from -d '以上次会议的记录为基础：同一单位和检查表，落实情况清空，未完成的整改措施带入，并记下与上次记录的关联' -r -F
complete -c selfcheck -n "__fish_selfcheck_using_subcommand new" -l expected -d '应到人数' -r
complete -c selfcheck -n "__fish_selfcheck_using_subcommand new" -l present -d '实到人数（默认为参会人员人数）' -r
complete -c selfcheck -n "__fish_selfcheck_using_subcommand new" -l absent -d '缺席人员及原因，如“王五（出差）、赵六（病假）”' -r
complete -c selfcheck -n "__fish_selfcheck_using_subcommand new" -l observers -d '列席人员，用逗号或顿号分隔' -r
complete -c selfcheck -n "__fish_selfcheck_using_subcommand new" -l unit -d '单位名称（必填）' -r
complete -c selfcheck -n "__fish_selfcheck_using_subcommand new" -l kind -d '单位类别（默认为检查表的类别）（可选：gov、dept、enterprise）' -r -f -a "gov\t'党委政府'
dept\t'部门'
enterprise\t'企业'"
complete -c selfcheck -n "__fish_selfcheck_using_subcommand new" -l title -d '会议名称' -r
complete -c selfcheck -n "__fish_selfcheck_using_subcommand new" -l date -d '会议日期，如 2024-03-31 或 2024年3月31日（默认为今天）' -r
complete -c selfcheck -n "__fish_selfcheck_using_subcommand new" -l place -d '会议地点' -r
complete -c selfcheck -n "__fish_selfcheck_using_subcommand new" -l host -d '主持人' -r
complete -c selfcheck -n "__fish_selfcheck_using_subcommand new" -l recorder -d '记录人' -r
complete -c selfcheck -n "__fish_selfcheck_using_subcommand new" -l attendees -d '参会人员，用逗号或顿号（、）分隔' -r
complete -c selfcheck -n "__fish_selfcheck_using_subcommand new" -l out -d '新建的会议记录文件（默认在数据文件夹中新建）' -r -F
complete -c selfcheck -n "__fish_selfcheck_using_subcommand new" -l data-dir -d '存放会议记录的文件夹（也可用环境变量 SELFCHECK_DATA_DIR；默认为用户数据文件夹）' -r -F
complete -c selfcheck -n "__fish_selfcheck_using_subcommand new" -l lang -d '界面语言（可选：zh、en；默认：zh）' -r -f -a "zh\t'中文'
en\t'英文'"
complete -c selfcheck -n "__fish_selfcheck_using_subcommand new" -l theme -d '配色（默认深色；设置了 NO_COLOR 时为单色）（可选：dark、light、projector、mono）' -r -f -a "dark\t'深色'
light\t'浅色'
projector\t'投影用高对比度'
mono\t'单色（只用粗体、下划线、反色）'"
complete -c selfcheck -n "__fish_selfcheck_using_subcommand new" -l colors -d '终端能显示的颜色数（默认按 COLORTERM、TERM 和 terminfo 判断）（可选：16、256、truecolor）' -r -f -a "16\t'16 色（Linux 控制台、老式终端）'
256\t'256 色'
truecolor\t'真彩色'"
complete -c selfcheck -n "__fish_selfcheck_using_subcommand new" -l no-open -d '只新建文件，不打开（）'
complete -c selfcheck -n "__fish_selfcheck_using_subcommand new" -l force -d '数据文件夹中已有同一单位同一会议日期的记录时，仍然新建（）'
complete -c selfcheck -n "__fish_selfcheck_using_subcommand new" -l ascii -d '边框和标记只用 ASCII 字符（适用于把制表符显示成两格宽的终端）（）'
complete -c selfcheck -n "__fish_selfcheck_using_subcommand new" -s h -l help -d '显示帮助（-h 简要，--help 详细）'
complete -c selfcheck -n "__fish_selfcheck_using_subcommand open" -l data-dir -d '存放会议记录的文件夹（也可用环境变量 SELFCHECK_DATA_DIR；默认为用户数据文件夹）' -r -F
complete -c selfcheck -n "__fish_selfcheck_using_subcommand open" -l lang -d '界面语言（可选：zh、en；默认：zh）' -r -f -a "zh\t'中文'
en\t'英文'"
complete -c selfcheck -n "__fish_selfcheck_using_subcommand open" -l theme -d '配色（默认深色；设置了 NO_COLOR 时为单色）（可选：dark、light、projector、mono）' -r -f -a "dark\t'深色'
light\t'浅色'
projector\t'投影用高对比度'
mono\t'单色（只用粗体、下划线、反色）'"
complete -c selfcheck -n "__fish_selfcheck_using_subcommand open" -l colors -d '终端能显示的颜色数（默认按 COLORTERM、TERM 和 terminfo 判断）（可选：16、256、truecolor）' -r -f -a "16\t'16 色（Linux 控制台、老式终端）'
256\t'256 色'
truecolor\t'真彩色'"
complete -c selfcheck -n "__fish_selfcheck_using_subcommand open" -l read-only -d '只读打开，不加锁，不写入（）'
complete -c selfcheck -n "__fish_selfcheck_using_subcommand open" -l follow -d '跟随记录人的实时只读视图（用于投影）（）'
complete -c selfcheck -n "__fish_selfcheck_using_subcommand open" -l ascii -d '边框和标记只用 ASCII 字符（适用于把制表符显示成两格宽的终端）（）'
complete -c selfcheck -n "__fish_selfcheck_using_subcommand open" -s h -l help -d '显示帮助（-h 简要，--help 详细）'
complete -c selfcheck -n "__fish_selfcheck_using_subcommand list" -l data-dir -d '存放会议记录的文件夹（也可用环境变量 SELFCHECK_DATA_DIR；默认为用户数据文件夹）' -r -F
complete -c selfcheck -n "__fish_selfcheck_using_subcommand list" -l lang -d '界面语言（可选：zh、en；默认：zh）' -r -f -a "zh\t'中文'
en\t'英文'"
complete -c selfcheck -n "__fish_selfcheck_using_subcommand list" -l theme -d '配色（默认深色；设置了 NO_COLOR 时为单色）（可选：dark、light、projector、mono）' -r -f -a "dark\t'深色'
light\t'浅色'
projector\t'投影用高对比度'
mono\t'单色（只用粗体、下划线、反色）'"
complete -c selfcheck -n "__fish_selfcheck_using_subcommand list" -l colors -d '终端能显示的颜色数（默认按 COLORTERM、TERM 和 terminfo 判断）（可选：16、256、truecolor）' -r -f -a "16\t'16 色（Linux 控制台、老式终端）'
256\t'256 色'
truecolor\t'真彩色'"
complete -c selfcheck -n "__fish_selfcheck_using_subcommand list" -l json -d '以 JSON 输出（供其他程序读取）（）'
complete -c selfcheck -n "__fish_selfcheck_using_subcommand list" -l ascii -d '边框和标记只用 ASCII 字符（适用于把制表符显示成两格宽的终端）（）'
complete -c selfcheck -n "__fish_selfcheck_using_subcommand list" -s h -l help -d '显示帮助（-h 简要，--help 详细）'
complete -c selfcheck -n "__fish_selfcheck_using_subcommand templates" -l data-dir -d '存放会议记录的文件夹（也可用环境变量 SELFCHECK_DATA_DIR；默认为用户数据文件夹）' -r -F
complete -c selfcheck -n "__fish_selfcheck_using_subcommand templates" -l lang -d '界面语言（可选：zh、en；默认：zh）' -r -f -a "zh\t'中文'
en\t'英文'"
complete -c selfcheck -n "__fish_selfcheck_using_subcommand templates" -l theme -d '配色（默认深色；设置了 NO_COLOR 时为单色）（可选：dark、light、projector、mono）' -r -f -a "dark\t'深色'
light\t'浅色'
projector\t'投影用高对比度'
mono\t'单色（只用粗体、下划线、反色）'"
complete -c selfcheck -n "__fish_selfcheck_using_subcommand templates" -l colors -d '终端能显示的颜色数（默认按 COLORTERM、TERM 和 terminfo 判断）（可选：16、256、truecolor）' -r -f -a "16\t'16 色（Linux 控制台、老式终端）'
256\t'256 色'
truecolor\t'真彩色'"
complete -c selfcheck -n "__fish_selfcheck_using_subcommand templates" -l json -d '以 JSON 输出（供其他程序读取）（）'
complete -c selfcheck -n "__fish_selfcheck_using_subcommand templates" -l ascii -d '边框和标记只用 ASCII 字符（适用于把制表符显示成两格宽的终端）（）'
complete -c selfcheck -n "__fish_selfcheck_using_subcommand templates" -s h -l help -d '显示帮助（-h 简要，--help 详细）'
complete -c selfcheck -n "__fish_selfcheck_using_subcommand template; and not __fish_seen_subcommand_from show help" -l data-dir -d '存放会议记录的文件夹（也可用环境变量 SELFCHECK_DATA_DIR；默认为用户数据文件夹）' -r -F
complete -c selfcheck -n "__fish_selfcheck_using_subcommand template; and not __fish_seen_subcommand_from show help" -l lang -d '界面语言（可选：zh、en；默认：zh）' -r -f -a "zh\t'中文'
en\t'英文'"
complete -c selfcheck -n "__fish_selfcheck_using_subcommand template; and not __fish_seen_subcommand_from show help" -l theme -d '配色（默认深色；设置了 NO_COLOR 时为单色）（可选：dark、light、projector、mono）' -r -f -a "dark\t'深色'
light\t'浅色'
projector\t'投影用高对比度'
mono\t'单色（只用粗体、下划线、反色）'"
complete -c selfcheck -n "__fish_selfcheck_using_subcommand template; and not __fish_seen_subcommand_from show help" -l colors -d '终端能显示的颜色数（默认按 COLORTERM、TERM 和 terminfo 判断）（可选：16、256、truecolor）' -r -f -a "16\t'16 色（Linux 控制台、老式终端）'
256\t'256 色'
truecolor\t'真彩色'"
complete -c selfcheck -n "__fish_selfcheck_using_subcommand template; and not __fish_seen_subcommand_from show help" -l ascii -d '边框和标记只用 ASCII 字符（适用于把制表符显示成两格宽的终端）（）'
complete -c selfcheck -n "__fish_selfcheck_using_subcommand template; and not __fish_seen_subcommand_from show help" -s h -l help -d '显示帮助（-h 简要，--help 详细）'
complete -c selfcheck -n "__fish_selfcheck_using_subcommand template; and not __fish_seen_subcommand_from show help" -f -a "show" -d '输出检查表的 JSON：可作为自定义检查表的起点'
complete -c selfcheck -n "__fish_selfcheck_using_subcommand template; and not __fish_seen_subcommand_from show help" -f -a "help" -d '显示本帮助或某个命令的帮助'
complete -c selfcheck -n "__fish_selfcheck_using_subcommand template; and __fish_seen_subcommand_from show" -l data-dir -d '存放会议记录的文件夹（也可用环境变量 SELFCHECK_DATA_DIR；默认为用户数据文件夹）' -r -F
complete -c selfcheck -n "__fish_selfcheck_using_subcommand template; and __fish_seen_subcommand_from show" -l lang -d '界面语言（可选：zh、en；默认：zh）' -r -f -a "zh\t'中文'
en\t'英文'"
complete -c selfcheck -n "__fish_selfcheck_using_subcommand template; and __fish_seen_subcommand_from show" -l theme -d '配色（默认深色；设置了 NO_COLOR 时为单色）（可选：dark、light、projector、mono）' -r -f -a "dark\t'深色'
light\t'浅色'
projector\t'投影用高对比度'
mono\t'单色（只用粗体、下划线、反色）'"
complete -c selfcheck -n "__fish_selfcheck_using_subcommand template; and __fish_seen_subcommand_from show" -l colors -d '终端能显示的颜色数（默认按 COLORTERM、TERM 和 terminfo 判断）（可选：16、256、truecolor）' -r -f -a "16\t'16 色（Linux 控制台、老式终端）'
256\t'256 色'
truecolor\t'真彩色'"
complete -c selfcheck -n "__fish_selfcheck_using_subcommand template; and __fish_seen_subcommand_from show" -l ascii -d '边框和标记只用 ASCII 字符（适用于把制表符显示成两格宽的终端）（）'
complete -c selfcheck -n "__fish_selfcheck_using_subcommand template; and __fish_seen_subcommand_from show" -s h -l help -d '显示帮助（-h 简要，--help 详细）'
complete -c selfcheck -n "__fish_selfcheck_using_subcommand template; and __fish_seen_subcommand_from help" -f -a "show" -d '输出检查表的 JSON：可作为自定义检查表的起点'
complete -c selfcheck -n "__fish_selfcheck_using_subcommand template; and __fish_seen_subcommand_from help" -f -a "help" -d '显示本帮助或某个命令的帮助'
complete -c selfcheck -n "__fish_selfcheck_using_subcommand validate" -l data-dir -d '存放会议记录的文件夹（也可用环境变量 SELFCHECK_DATA_DIR；默认为用户数据文件夹）' -r -F
complete -c selfcheck -n "__fish_selfcheck_using_subcommand validate" -l lang -d '界面语言（可选：zh、en；默认：zh）' -r -f -a "zh\t'中文'
en\t'英文'"
complete -c selfcheck -n "__fish_selfcheck_using_subcommand validate" -l theme -d '配色（默认深色；设置了 NO_COLOR 时为单色）（可选：dark、light、projector、mono）' -r -f -a "dark\t'深色'
light\t'浅色'
projector\t'投影用高对比度'
mono\t'单色（只用粗体、下划线、反色）'"
complete -c selfcheck -n "__fish_selfcheck_using_subcommand validate" -l colors -d '终端能显示的颜色数（默认按 COLORTERM、TERM 和 terminfo 判断）（可选：16、256、truecolor）' -r -f -a "16\t'16 色（Linux 控制台、老式终端）'
256\t'256 色'
truecolor\t'真彩色'"
complete -c selfcheck -n "__fish_selfcheck_using_subcommand validate" -l ascii -d '边框和标记只用 ASCII 字符（适用于把制表符显示成两格宽的终端）（）'
complete -c selfcheck -n "__fish_selfcheck_using_subcommand validate" -s h -l help -d '显示帮助（-h 简要，--help 详细）'
complete -c selfcheck -n "__fish_selfcheck_using_subcommand sign" -l role -d '签字人身份：主持人或主要负责人' -r
complete -c selfcheck -n "__fish_selfcheck_using_subcommand sign" -l name -d '签字人姓名，按记录上应写的样子输入' -r
complete -c selfcheck -n "__fish_selfcheck_using_subcommand sign" -l data-dir -d '存放会议记录的文件夹（也可用环境变量 SELFCHECK_DATA_DIR；默认为用户数据文件夹）' -r -F
complete -c selfcheck -n "__fish_selfcheck_using_subcommand sign" -l lang -d '界面语言（可选：zh、en；默认：zh）' -r -f -a "zh\t'中文'
en\t'英文'"
complete -c selfcheck -n "__fish_selfcheck_using_subcommand sign" -l theme -d '配色（默认深色；设置了 NO_COLOR 时为单色）（可选：dark、light、projector、mono）' -r -f -a "dark\t'深色'
light\t'浅色'
projector\t'投影用高对比度'
mono\t'单色（只用粗体、下划线、反色）'"
complete -c selfcheck -n "__fish_selfcheck_using_subcommand sign" -l colors -d '终端能显示的颜色数（默认按 COLORTERM、TERM 和 terminfo 判断）（可选：16、256、truecolor）' -r -f -a "16\t'16 色（Linux 控制台、老式终端）'
256\t'256 色'
truecolor\t'真彩色'"
complete -c selfcheck -n "__fish_selfcheck_using_subcommand sign" -l ascii -d '边框和标记只用 ASCII 字符（适用于把制表符显示成两格宽的终端）（）'
complete -c selfcheck -n "__fish_selfcheck_using_subcommand sign" -s h -l help -d '显示帮助（-h 简要，--help 详细）'
complete -c selfcheck -n "__fish_selfcheck_using_subcommand reopen" -l name -d '重新打开的人' -r
complete -c selfcheck -n "__fish_selfcheck_using_subcommand reopen" -l reason -d '重新打开的原因（默认：）' -r
complete -c selfcheck -n "__fish_selfcheck_using_subcommand reopen" -l data-dir -d '存放会议记录的文件夹（也可用环境变量 SELFCHECK_DATA_DIR；默认为用户数据文件夹）' -r -F
complete -c selfcheck -n "__fish_selfcheck_using_subcommand reopen" -l lang -d '界面语言（可选：zh、en；默认：zh）' -r -f -a "zh\t'中文'
en\t'英文'"
complete -c selfcheck -n "__fish_selfcheck_using_subcommand reopen" -l theme -d '配色（默认深色；设置了 NO_COLOR 时为单色）（可选：dark、light、projector、mono）' -r -f -a "dark\t'深色'
light\t'浅色'
projector\t'投影用高对比度'
mono\t'单色（只用粗体、下划线、反色）'"
complete -c selfcheck -n "__fish_selfcheck_using_subcommand reopen" -l colors -d '终端能显示的颜色数（默认按 COLORTERM、TERM 和 terminfo 判断）（可选：16、256、truecolor）' -r -f -a "16\t'16 色（Linux 控制台、老式终端）'
256\t'256 色'
truecolor\t'真彩色'"
complete -c selfcheck -n "__fish_selfcheck_using_subcommand reopen" -l ascii -d '边框和标记只用 ASCII 字符（适用于把制表符显示成两格宽的终端）（）'
complete -c selfcheck -n "__fish_selfcheck_using_subcommand reopen" -s h -l help -d '显示帮助（-h 简要，--help 详细）'
complete -c selfcheck -n "__fish_selfcheck_using_subcommand export" -l format -d '导出格式（可选：json、md、docx、xlsx、csv）' -r -f -a "json\t'会议记录文件原样'
md\t'对照检查报告（Markdown）'
docx\t'对照检查报告（Word）'
xlsx\t'对照检查表和整改台账（Excel）'
csv\t'整改台账（CSV，UTF-8 带 BOM）'"
complete -c selfcheck -n "__fish_selfcheck_using_subcommand export" -s o -l output -d '输出文件（默认为标准输出；docx 和 xlsx 不会输出到终端）' -r -F
complete -c selfcheck -n "__fish_selfcheck_using_subcommand export" -l recipient -d '报告的主送机关（默认：记录中填写的；否则为文件夹中 selfcheck-report.conf 所写；否则为区专项行动领导小组办公室）' -r
complete -c selfcheck -n "__fish_selfcheck_using_subcommand export" -l date -d '报告的成文日期，如 2024-03-31（默认为记录最后修改的日期）' -r
complete -c selfcheck -n "__fish_selfcheck_using_subcommand export" -l data-dir -d '存放会议记录的文件夹（也可用环境变量 SELFCHECK_DATA_DIR；默认为用户数据文件夹）' -r -F
complete -c selfcheck -n "__fish_selfcheck_using_subcommand export" -l lang -d '界面语言（可选：zh、en；默认：zh）' -r -f -a "zh\t'中文'
en\t'英文'"
complete -c selfcheck -n "__fish_selfcheck_using_subcommand export" -l theme -d '配色（默认深色；设置了 NO_COLOR 时为单色）（可选：dark、light、projector、mono）' -r -f -a "dark\t'深色'
light\t'浅色'
projector\t'投影用高对比度'
mono\t'单色（只用粗体、下划线、反色）'"
complete -c selfcheck -n "__fish_selfcheck_using_subcommand export" -l colors -d '终端能显示的颜色数（默认按 COLORTERM、TERM 和 terminfo 判断）（可选：16、256、truecolor）' -r -f -a "16\t'16 色（Linux 控制台、老式终端）'
256\t'256 色'
truecolor\t'真彩色'"
complete -c selfcheck -n "__fish_selfcheck_using_subcommand export" -l with-history -d '在报告后附上修改记录（谁在何时改了什么），作为附件2（）'
complete -c selfcheck -n "__fish_selfcheck_using_subcommand export" -l ascii -d '边框和标记只用 ASCII 字符（适用于把制表符显示成两格宽的终端）（）'
complete -c selfcheck -n "__fish_selfcheck_using_subcommand export" -s h -l help -d '显示帮助（-h 简要，--help 详细）'
complete -c selfcheck -n "__fish_selfcheck_using_subcommand summary" -l format -d '输出格式（可选：table、json、csv、xlsx；默认：table）' -r -f -a "table\t'对齐的文字表格：各单位、合计、排行、提示、被取代和无法读取的文件'
json\t'JSON：全部内容，各键的含义见 docs/rollup.md（结构：data/summary.schema.json）'
csv\t'各行、合计、被取代和无法读取的文件（CSV，UTF-8 带 BOM）'
xlsx\t'工作表：汇总、未落实排行、整改台账、敷衍应付、未计入（Excel）'"
complete -c selfcheck -n "__fish_selfcheck_using_subcommand summary" -s o -l output -d '输出文件（默认为标准输出；xlsx 不会输出到终端）' -r -F
complete -c selfcheck -n "__fish_selfcheck_using_subcommand summary" -l as-of -d '计算逾期所用的日期，如 2024-03-31，各种格式中都会写明（默认为今天）' -r
complete -c selfcheck -n "__fish_selfcheck_using_subcommand summary" -l answers -d '改为输出每个单位每条检查内容的明细长表（可直接用表格和数据分析软件读取）（可选：csv、ndjson）' -r -f -a "csv\t'CSV（UTF-8 带 BOM），每条检查内容一行'
ndjson\t'每行一个 JSON 对象'"
complete -c selfcheck -n "__fish_selfcheck_using_subcommand summary" -l feedback -d '另为每个有敷衍应付提示的单位写一份致主要负责人的反馈函（docx 和 md）到该文件夹' -r -F
complete -c selfcheck -n "__fish_selfcheck_using_subcommand summary" -l data-dir -d '存放会议记录的文件夹（也可用环境变量 SELFCHECK_DATA_DIR；默认为用户数据文件夹）' -r -F
complete -c selfcheck -n "__fish_selfcheck_using_subcommand summary" -l lang -d '界面语言（可选：zh、en；默认：zh）' -r -f -a "zh\t'中文'
en\t'英文'"
complete -c selfcheck -n "__fish_selfcheck_using_subcommand summary" -l theme -d '配色（默认深色；设置了 NO_COLOR 时为单色）（可选：dark、light、projector、mono）' -r -f -a "dark\t'深色'
light\t'浅色'
projector\t'投影用高对比度'
mono\t'单色（只用粗体、下划线、反色）'"
complete -c selfcheck -n "__fish_selfcheck_using_subcommand summary" -l colors -d '终端能显示的颜色数（默认按 COLORTERM、TERM 和 terminfo 判断）（可选：16、256、truecolor）' -r -f -a "16\t'16 色（Linux 控制台、老式终端）'
256\t'256 色'
truecolor\t'真彩色'"
complete -c selfcheck -n "__fish_selfcheck_using_subcommand summary" -l ledger -d '改为输出各单位合并的整改台账（CSV，逾期的在前）（）'
complete -c selfcheck -n "__fish_selfcheck_using_subcommand summary" -l ascii -d '边框和标记只用 ASCII 字符（适用于把制表符显示成两格宽的终端）（）'
complete -c selfcheck -n "__fish_selfcheck_using_subcommand summary" -s h -l help -d '显示帮助（-h 简要，--help 详细）'
complete -c selfcheck -n "__fish_selfcheck_using_subcommand schema" -l data-dir -d '存放会议记录的文件夹（也可用环境变量 SELFCHECK_DATA_DIR；默认为用户数据文件夹）' -r -F
complete -c selfcheck -n "__fish_selfcheck_using_subcommand schema" -l lang -d '界面语言（可选：zh、en；默认：zh）' -r -f -a "zh\t'中文'
en\t'英文'"
complete -c selfcheck -n "__fish_selfcheck_using_subcommand schema" -l theme -d '配色（默认深色；设置了 NO_COLOR 时为单色）（可选：dark、light、projector、mono）' -r -f -a "dark\t'深色'
light\t'浅色'
projector\t'投影用高对比度'
mono\t'单色（只用粗体、下划线、反色）'"
complete -c selfcheck -n "__fish_selfcheck_using_subcommand schema" -l colors -d '终端能显示的颜色数（默认按 COLORTERM、TERM 和 terminfo 判断）（可选：16、256、truecolor）' -r -f -a "16\t'16 色（Linux 控制台、老式终端）'
256\t'256 色'
truecolor\t'真彩色'"
complete -c selfcheck -n "__fish_selfcheck_using_subcommand schema" -l ascii -d '边框和标记只用 ASCII 字符（适用于把制表符显示成两格宽的终端）（）'
complete -c selfcheck -n "__fish_selfcheck_using_subcommand schema" -s h -l help -d '显示帮助（-h 简要，--help 详细）'
complete -c selfcheck -n "__fish_selfcheck_using_subcommand shared-folder" -l group -d '共用该文件夹的用户组（组名或组号）' -r
complete -c selfcheck -n "__fish_selfcheck_using_subcommand shared-folder" -l data-dir -d '存放会议记录的文件夹（也可用环境变量 SELFCHECK_DATA_DIR；默认为用户数据文件夹）' -r -F
complete -c selfcheck -n "__fish_selfcheck_using_subcommand shared-folder" -l lang -d '界面语言（可选：zh、en；默认：zh）' -r -f -a "zh\t'中文'
en\t'英文'"
complete -c selfcheck -n "__fish_selfcheck_using_subcommand shared-folder" -l theme -d '配色（默认深色；设置了 NO_COLOR 时为单色）（可选：dark、light、projector、mono）' -r -f -a "dark\t'深色'
light\t'浅色'
projector\t'投影用高对比度'
mono\t'单色（只用粗体、下划线、反色）'"
complete -c selfcheck -n "__fish_selfcheck_using_subcommand shared-folder" -l colors -d '终端能显示的颜色数（默认按 COLORTERM、TERM 和 terminfo 判断）（可选：16、256、truecolor）' -r -f -a "16\t'16 色（Linux 控制台、老式终端）'
256\t'256 色'
truecolor\t'真彩色'"
complete -c selfcheck -n "__fish_selfcheck_using_subcommand shared-folder" -l check -d '只报告问题，不做修改（有问题时退出码为 1）（）'
complete -c selfcheck -n "__fish_selfcheck_using_subcommand shared-folder" -l ascii -d '边框和标记只用 ASCII 字符（适用于把制表符显示成两格宽的终端）（）'
complete -c selfcheck -n "__fish_selfcheck_using_subcommand shared-folder" -s h -l help -d '显示帮助（-h 简要，--help 详细）'
complete -c selfcheck -n "__fish_selfcheck_using_subcommand completions" -l data-dir -d '存放会议记录的文件夹（也可用环境变量 SELFCHECK_DATA_DIR；默认为用户数据文件夹）' -r -F
complete -c selfcheck -n "__fish_selfcheck_using_subcommand completions" -l lang -d '界面语言（可选：zh、en；默认：zh）' -r -f -a "zh\t'中文'
en\t'英文'"
complete -c selfcheck -n "__fish_selfcheck_using_subcommand completions" -l theme -d '配色（默认深色；设置了 NO_COLOR 时为单色）（可选：dark、light、projector、mono）' -r -f -a "dark\t'深色'
light\t'浅色'
projector\t'投影用高对比度'
mono\t'单色（只用粗体、下划线、反色）'"
complete -c selfcheck -n "__fish_selfcheck_using_subcommand completions" -l colors -d '终端能显示的颜色数（默认按 COLORTERM、TERM 和 terminfo 判断）（可选：16、256、truecolor）' -r -f -a "16\t'16 色（Linux 控制台、老式终端）'
256\t'256 色'
truecolor\t'真彩色'"
complete -c selfcheck -n "__fish_selfcheck_using_subcommand completions" -l ascii -d '边框和标记只用 ASCII 字符（适用于把制表符显示成两格宽的终端）（）'
complete -c selfcheck -n "__fish_selfcheck_using_subcommand completions" -s h -l help -d '显示帮助（-h 简要，--help 详细）'
complete -c selfcheck -n "__fish_selfcheck_using_subcommand man" -l data-dir -d '存放会议记录的文件夹（也可用环境变量 SELFCHECK_DATA_DIR；默认为用户数据文件夹）' -r -F
complete -c selfcheck -n "__fish_selfcheck_using_subcommand man" -l lang -d '界面语言（可选：zh、en；默认：zh）' -r -f -a "zh\t'中文'
en\t'英文'"
complete -c selfcheck -n "__fish_selfcheck_using_subcommand man" -l theme -d '配色（默认深色；设置了 NO_COLOR 时为单色）（可选：dark、light、projector、mono）' -r -f -a "dark\t'深色'
light\t'浅色'
projector\t'投影用高对比度'
mono\t'单色（只用粗体、下划线、反色）'"
complete -c selfcheck -n "__fish_selfcheck_using_subcommand man" -l colors -d '终端能显示的颜色数（默认按 COLORTERM、TERM 和 terminfo 判断）（可选：16、256、truecolor）' -r -f -a "16\t'16 色（Linux 控制台、老式终端）'
256\t'256 色'
truecolor\t'真彩色'"
complete -c selfcheck -n "__fish_selfcheck_using_subcommand man" -l ascii -d '边框和标记只用 ASCII 字符（适用于把制表符显示成两格宽的终端）（）'
complete -c selfcheck -n "__fish_selfcheck_using_subcommand man" -s h -l help -d '显示帮助（-h 简要，--help 详细）'
complete -c selfcheck -n "__fish_selfcheck_using_subcommand help; and not __fish_seen_subcommand_from new open list templates template validate sign reopen export summary schema shared-folder completions man help" -f -a "new" -d '新建会议记录（除非加 --no-open，随即打开）；输出文件路径'
complete -c selfcheck -n "__fish_selfcheck_using_subcommand help; and not __fish_seen_subcommand_from new open list templates template validate sign reopen export summary schema shared-folder completions man help" -f -a "open" -d '打开会议记录'
complete -c selfcheck -n "__fish_selfcheck_using_subcommand help; and not __fish_seen_subcommand_from new open list templates template validate sign reopen export summary schema shared-folder completions man help" -f -a "list" -d '列出数据文件夹中的会议记录：单位、日期、检查表和进度'
complete -c selfcheck -n "__fish_selfcheck_using_subcommand help; and not __fish_seen_subcommand_from new open list templates template validate sign reopen export summary schema shared-folder completions man help" -f -a "templates" -d '列出内置检查表'
complete -c selfcheck -n "__fish_selfcheck_using_subcommand help; and not __fish_seen_subcommand_from new open list templates template validate sign reopen export summary schema shared-folder completions man help" -f -a "template" -d '查看一份检查表'
complete -c selfcheck -n "__fish_selfcheck_using_subcommand help; and not __fish_seen_subcommand_from new open list templates template validate sign reopen export summary schema shared-folder completions man help" -f -a "validate" -d '检查会议记录或检查表文件；文件完好时退出码为 0'
complete -c selfcheck -n "__fish_selfcheck_using_subcommand help; and not __fish_seen_subcommand_from new open list templates template validate sign reopen export summary schema shared-folder completions man help" -f -a "sign" -d '签字确认：以输入的姓名确认会议记录，确认后记录只读'
complete -c selfcheck -n "__fish_selfcheck_using_subcommand help; and not __fish_seen_subcommand_from new open list templates template validate sign reopen export summary schema shared-folder completions man help" -f -a "reopen" -d '重新打开已签字的记录进行修改：记入修改历史，签字随之作废'
complete -c selfcheck -n "__fish_selfcheck_using_subcommand help; and not __fish_seen_subcommand_from new open list templates template validate sign reopen export summary schema shared-folder completions man help" -f -a "export" -d '把会议记录导出为其他格式：对照检查报告（md、docx）、检查表和整改台账（xlsx）、整改台账（csv），或会议记录本身（json）'
complete -c selfcheck -n "__fish_selfcheck_using_subcommand help; and not __fish_seen_subcommand_from new open list templates template validate sign reopen export summary schema shared-folder completions man help" -f -a "summary" -d '汇总多个单位的会议记录：各单位进度、落实情况统计、问题、未完成和已逾期的整改措施、合计，以及未落实最多的检查内容'
complete -c selfcheck -n "__fish_selfcheck_using_subcommand help; and not __fish_seen_subcommand_from new open list templates template validate sign reopen export summary schema shared-folder completions man help" -f -a "schema" -d '输出会议记录文件的 JSON Schema'
complete -c selfcheck -n "__fish_selfcheck_using_subcommand help; and not __fish_seen_subcommand_from new open list templates template validate sign reopen export summary schema shared-folder completions man help" -f -a "shared-folder" -d '在服务器上创建或检查一个用户组共用的文件夹：属于该组、组可写、setgid 和粘滞位（同 /tmp），其他用户不可访问'
complete -c selfcheck -n "__fish_selfcheck_using_subcommand help; and not __fish_seen_subcommand_from new open list templates template validate sign reopen export summary schema shared-folder completions man help" -f -a "completions" -d '输出命令行补全脚本（bash、zsh、fish、elvish、powershell）'
complete -c selfcheck -n "__fish_selfcheck_using_subcommand help; and not __fish_seen_subcommand_from new open list templates template validate sign reopen export summary schema shared-folder completions man help" -f -a "man" -d '输出手册页（roff 格式），即安装到 man1/selfcheck.1 的内容'
complete -c selfcheck -n "__fish_selfcheck_using_subcommand help; and not __fish_seen_subcommand_from new open list templates template validate sign reopen export summary schema shared-folder completions man help" -f -a "help" -d '显示本帮助或某个命令的帮助'
complete -c selfcheck -n "__fish_selfcheck_using_subcommand help; and __fish_seen_subcommand_from template" -f -a "show" -d '输出检查表的 JSON：可作为自定义检查表的起点'
