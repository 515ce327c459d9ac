"""Every word of the interface in English and Chinese, in one place.

Why one table: the language switch re-labels tabs, buttons, headings and examples at
once, and a test checks that both languages name every label, so a new button cannot
appear in one language only.
"""

from __future__ import annotations

LANGUAGES = {"English": "en", "中文": "zh"}
"""What the language switch shows → the code labels are kept under."""
DEFAULT_LANGUAGE = "en"

LABELS: dict[str, dict[str, str]] = {
    "en": {
        "title": "# Segment Assistant\nUnderstand your customers: every number is computed "
                 "from your data.",
        "language": "Language",
        "tab_chat": "Chat",
        "tab_data": "Data",
        "tab_segments": "Segments and personas",
        "tab_settings": "Settings",
        "chat": "Conversation",
        "ask_placeholder": "Ask about your customers, e.g. “Who are my most valuable "
                           "customers?”",
        "ask_label": "Your question",
        "send": "Send",
        "suggestions": "Try asking",
        "key_numbers": "Key numbers",
        "answer_chart": "Chart of the last answer",
        "answer_files": "Files of the last answer",
        "understood_heading": "Understood as: change and run again",
        "understood_rule": "Who (conditions; empty = everyone)",
        "understood_rerun": "Run again",
        "workspace_heading": "### Workspace",
        "workspace_choice": "Work on",
        "workspace_demo": "Demo company",
        "workspace_mine": "My data",
        "upload_heading": "### Load a file",
        "upload_file": "File (CSV, Excel, Parquet, JSON; text or Markdown for feedback)",
        "upload_kind": "What is in the file?",
        "upload_name": "Save as (dataset name)",
        "preview": "Check the file",
        "confirm": "Confirm and load",
        "quality_report": "Data-quality report",
        "roles_table": "Columns and their roles (change a role in the 'role' column)",
        "datasets_heading": "### Tables in this workspace",
        "table_choice": "Table",
        "table_rows": "First rows",
        "table_columns": "Columns and their roles",
        "segments_heading": "### Saved segments",
        "refresh": "Refresh",
        "segmentation_choice": "Segmentation",
        "segments_table": "Segments (size and revenue share)",
        "export_segment": "Segment to export",
        "export_button": "Export members (CSV and Excel)",
        "export_files": "Member lists",
        "personas_heading": "### Personas",
        "persona_choice": "Persona",
        "persona_files": "Persona documents (.md, .docx)",
        "no_personas": "No persona documents yet. Ask in the chat: “Draft personas for "
                       "these segments”.",
        "settings_heading": "### Who answers",
        "brain": "Brain",
        "model": "Model",
        "base_url": "Base URL (empty = OpenAI)",
        "api_key": "API key (kept for this browser session only, never shown or stored)",
        "apply_settings": "Apply",
        "kind_customers": "Customers",
        "kind_orders": "Orders",
        "kind_tickets": "Support tickets",
        "kind_review": "Reviews",
        "kind_survey": "Survey answers",
        "kind_transcript": "Call transcripts",
        "kind_note": "Other notes",
        "load_options": "Load options (header row, separator, encoding, sheet, dates)",
        "opt_header": "First row is a header",
        "opt_auto": "auto",
        "opt_yes": "yes",
        "opt_no": "no (name columns column_1, column_2 …)",
        "opt_separator": "Separator",
        "opt_tab": "tab",
        "opt_encoding": "Encoding",
        "opt_sheet": "Sheet (Excel; the list fills after “Check the file”)",
        "opt_date_order": "Dates like 03/04/2024",
        "opt_outliers": "Leave out extreme values in (the list fills after “Check the file”)",
        "opt_keep_copies": "Keep rows that are exact copies of another row",
        "opt_keep": "keep", "opt_drop": "drop", "opt_leave_out": "leave them out",
        "opt_is_header": "it is a header", "opt_not_header": "it is data",
        "opt_day_first": "day first (3 April)",
        "opt_month_first": "month first (March 4)",
        "upload_questions": "Please check before loading",
        "workspace_line": "Which data the chat answers on",
    },
    "zh": {
        "title": "# 客户细分助手\n了解您的客户：每个数字都由您的数据计算得出。",
        "language": "语言",
        "tab_chat": "对话",
        "tab_data": "数据",
        "tab_segments": "客户群与画像",
        "tab_settings": "设置",
        "chat": "对话记录",
        "ask_placeholder": "询问您的客户，例如“哪些客户最有价值？”",
        "ask_label": "您的问题",
        "send": "发送",
        "suggestions": "试试这样问",
        "key_numbers": "关键数字",
        "answer_chart": "上一个回答的图表",
        "answer_files": "上一个回答的文件",
        "understood_heading": "理解为：修改后重新计算",
        "understood_rule": "对象（条件；留空 = 全部客户）",
        "understood_rerun": "重新计算",
        "workspace_heading": "### 工作区",
        "workspace_choice": "当前数据",
        "workspace_demo": "演示公司",
        "workspace_mine": "我的数据",
        "upload_heading": "### 加载文件",
        "upload_file": "文件（CSV、Excel、Parquet、JSON；反馈可用文本或 Markdown）",
        "upload_kind": "文件内容是什么？",
        "upload_name": "保存为（数据表名称）",
        "preview": "检查文件",
        "confirm": "确认并加载",
        "quality_report": "数据质量报告",
        "roles_table": "列及其角色（可在“role”列中修改角色）",
        "datasets_heading": "### 此工作区中的数据表",
        "table_choice": "数据表",
        "table_rows": "前几行",
        "table_columns": "列及其角色",
        "segments_heading": "### 已保存的客户群",
        "refresh": "刷新",
        "segmentation_choice": "细分方案",
        "segments_table": "客户群（规模与收入占比）",
        "export_segment": "要导出的客户群",
        "export_button": "导出成员（CSV 和 Excel）",
        "export_files": "成员名单",
        "personas_heading": "### 客户画像",
        "persona_choice": "画像",
        "persona_files": "画像文档（.md、.docx）",
        "no_personas": "还没有画像文档。请在对话中询问：“为这些客户群写画像”。",
        "settings_heading": "### 由谁回答",
        "brain": "模型类型",
        "model": "模型",
        "base_url": "接口地址（留空 = OpenAI）",
        "api_key": "API 密钥（仅在本次浏览器会话中使用，不会显示或保存）",
        "apply_settings": "应用",
        "kind_customers": "客户",
        "kind_orders": "订单",
        "kind_tickets": "客服工单",
        "kind_review": "评论",
        "kind_survey": "调查回答",
        "kind_transcript": "通话记录",
        "kind_note": "其他笔记",
        "load_options": "加载选项（标题行、分隔符、编码、工作表、日期）",
        "opt_header": "第一行是标题行",
        "opt_auto": "自动",
        "opt_yes": "是",
        "opt_no": "否（列名为 column_1、column_2 …）",
        "opt_separator": "分隔符",
        "opt_tab": "制表符",
        "opt_encoding": "编码",
        "opt_sheet": "工作表（Excel；点击“检查文件”后列出）",
        "opt_date_order": "形如 03/04/2024 的日期",
        "opt_outliers": "去掉这些列中的极端值（点击“检查文件”后列出）",
        "opt_keep_copies": "保留与其他行完全相同的行",
        "opt_keep": "保留", "opt_drop": "去掉", "opt_leave_out": "不计入",
        "opt_is_header": "是标题行", "opt_not_header": "是数据",
        "opt_day_first": "日在前（4 月 3 日）",
        "opt_month_first": "月在前（3 月 4 日）",
        "upload_questions": "加载前请确认",
        "workspace_line": "对话所用的数据",
    },
}

EXAMPLES: dict[str, list[str]] = {
    "en": [
        "How many customers do we have?",
        "Who are my most valuable customers?",
        "Which segment is at risk of churning?",
    ],
    "zh": [
        "我们有多少客户？",
        "哪些客户最有价值？",
        "哪个客户群流失风险最高？",
    ],
}
"""Questions offered on the first load, before any answer suggests the next ones."""

MESSAGES: dict[str, dict[str, str]] = {
    "en": {
        "step_running": "Computing {title}…",
        "step_done": "{title}",
        "step_failed": "{title} could not run",
        "step_settings": "Settings",
        "step_defaults": "default settings",
        "step_data": "Data: {datasets}; {rows_in:,} rows in, {rows_out:,} rows out, "
                     "{seconds:.2f} s.",
        "unverified": "Marked as unverified (not found in the computed results): {items}",
        "key_numbers": "**Key numbers**",
        "failed": "Something went wrong while {what}. Nothing was changed; please try "
                  "again. (The details are in the server log.)",
        "empty_question": "Type a question first.",
        "no_file": "Choose a file first.",
        "no_preview": "Check a file first (button “Check the file”), then confirm.",
        "loaded": "Loaded **{name}**: {rows:,} rows into “{workspace}”. You can ask about it "
                  "in the chat now.",
        "indexed": "Indexed **{source}**: {documents:,} documents, {passages:,} passages "
                   "searchable.",
        "document": "**{name}**: a text document ({chars:,} characters) read as “{kind}”. "
                    "Confirm to make it searchable.",
        "bad_role": "“{role}” is not a role. Use one of: {roles}.",
        "settings_local": "Answers come from the local brain (offline, no key needed).",
        "settings_remote": "Answers come from “{model}” at {url}. API key: {key_source}.",
        "key_typed": "typed for this session",
        "key_env": "from the environment",
        "key_missing": "none (set OPENAI_API_KEY or type one)",
        "no_segments": "No saved segments yet. Ask in the chat, e.g. “Segment my "
                       "customers with RFM”.",
        "exported": "Exported {customers:,} customers.",
        "answering_on": "**Answering on:** {workspace} — {tables}",
        "answered_on": "Answered on: {workspace} — {tables}",
        "no_tables": "no tables yet",
        "table_rows_count": "{name} ({rows:,} rows)",
        "more_tables": " and {count} more",
        "upload_waiting": "“{file}” is checked but not loaded yet: confirm it on the Data "
                          "tab (“Confirm and load”).",
        "upload_failed": "the upload of “{file}” failed ({reason}).",
        "empty_workspace": "Your workspace “{workspace}” has no tables yet.",
        "empty_workspace_because": "Your workspace “{workspace}” has no tables yet: {why}",
        "empty_workspace_fix": "Load a customers or orders file on the Data tab (the load "
                               "options there set the header row, separator, encoding and "
                               "sheet), or switch to the demo company.",
        "date_spans": "**Dates read**",
        "date_span_row": "| {column} | {first} | {last} | {rows:,} | {unparsed:,} |",
        "date_span_header": "| column | first | last | rows read as dates | not read |",
        "question_options": "options: {options}",
        "questions_hint": "To choose otherwise, change it under “Load options” and check the "
                          "file again.",
    },
    "zh": {
        "step_running": "正在计算：{title}…",
        "step_done": "{title}",
        "step_failed": "{title} 无法运行",
        "step_settings": "设置",
        "step_defaults": "默认设置",
        "step_data": "数据：{datasets}；输入 {rows_in:,} 行，输出 {rows_out:,} 行，"
                     "用时 {seconds:.2f} 秒。",
        "unverified": "已标记为未核实（计算结果中找不到）：{items}",
        "key_numbers": "**关键数字**",
        "failed": "{what}时出错。没有任何更改；请重试。（详细信息在服务器日志中。）",
        "empty_question": "请先输入问题。",
        "no_file": "请先选择文件。",
        "no_preview": "请先检查文件（“检查文件”按钮），然后确认。",
        "loaded": "已加载 **{name}**：{rows:,} 行，存入“{workspace}”。现在可以在对话中询问。",
        "indexed": "已索引 **{source}**：{documents:,} 份文档，{passages:,} 个段落可搜索。",
        "document": "**{name}**：文本文档（{chars:,} 个字符），类型为“{kind}”。确认后即可搜索。",
        "bad_role": "“{role}”不是有效角色。请使用：{roles}。",
        "settings_local": "由本地模型回答（离线，无需密钥）。",
        "settings_remote": "由“{model}”回答，地址 {url}。API 密钥：{key_source}。",
        "key_typed": "本次会话输入",
        "key_env": "来自环境变量",
        "key_missing": "无（请设置 OPENAI_API_KEY 或输入密钥）",
        "no_segments": "还没有已保存的客户群。请在对话中询问，例如“用RFM给客户分群”。",
        "exported": "已导出 {customers:,} 位客户。",
        "answering_on": "**当前回答依据：** {workspace} — {tables}",
        "answered_on": "回答依据：{workspace} — {tables}",
        "no_tables": "还没有数据表",
        "table_rows_count": "{name}（{rows:,} 行）",
        "more_tables": " 等另外 {count} 个",
        "upload_waiting": "“{file}”已检查但尚未加载：请在“数据”页确认（“确认并加载”）。",
        "upload_failed": "“{file}”上传失败（{reason}）。",
        "empty_workspace": "您的工作区“{workspace}”还没有数据表。",
        "empty_workspace_because": "您的工作区“{workspace}”还没有数据表：{why}",
        "empty_workspace_fix": "请在“数据”页加载客户或订单文件（可在加载选项中设置标题行、"
                               "分隔符、编码和工作表），或切换到演示公司。",
        "date_spans": "**读取的日期**",
        "date_span_row": "| {column} | {first} | {last} | {rows:,} | {unparsed:,} |",
        "date_span_header": "| 列 | 最早 | 最晚 | 读作日期的行数 | 未能读取 |",
        "question_options": "选项：{options}",
        "questions_hint": "如需更改，请在“加载选项”中修改后重新检查文件。",
    },
}
"""Sentences the handlers write into the page (tool steps, confirmations, errors)."""


def language_code(choice: str | None) -> str:
    """'English' / '中文' (or a code) → 'en' / 'zh'; anything else → the default."""
    if choice in LABELS:
        return str(choice)
    return LANGUAGES.get(choice or "", DEFAULT_LANGUAGE)


def label(lang: str, key: str) -> str:
    return LABELS[language_code(lang)][key]


def message(lang: str, key: str, /, **values: object) -> str:
    return MESSAGES[language_code(lang)][key].format(**values)
