"""The strings.yml keys of the situation (issue 21) and the placeholders each takes: the calculator's
situation fields, its notes and the calendar's link back. Kept apart so that macros/schema.py stays short."""

SITUATION_STRINGS: dict[str, str] = {
    "deadlines.countdown": "",
    "deadlines.countdown_help": "",
    "deadlines.final": "",
    "deadlines.final_help": "",
    "deadlines.method_option": "method examples",
    "deadlines.type_any": "",
    "deadlines.stage": "",
    "deadlines.stage_not_disputed": "",
    "deadlines.stage_dispute_open": "",
    "deadlines.stage_dispute_closed": "",
    "deadlines.stage_said_no": "",
    "deadlines.country_any": "",
    "deadlines.country_not_listed": "",
    "deadlines.applies": "",
    "deadlines.applies_methods": "",
    "deadlines.applies_where": "",
    "deadlines.applies_any_method": "",
    "deadlines.applies_everywhere": "",
    "js.deadlines_from_paid": "",
    "js.deadlines_post_by": "",
    "js.deadlines_banks": "",
    "js.deadlines_event_link": "url",
}
