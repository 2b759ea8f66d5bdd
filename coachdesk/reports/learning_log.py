"""The learning-log summary: evidence for EMCC individual accreditation and an ICF client log."""

from __future__ import annotations

from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from coachdesk.domain.dates import add_months, format_date
from coachdesk.reports.fonts import register_fonts
from coachdesk.reports.page import (
    GREY,
    STYLES,
    Col,
    build_pdf,
    data_table,
    fields_table,
    footnote,
    frame_width,
    heading,
    hrs,
    keep,
    month_label,
    note,
    para,
    text,
    when,
)
from coachdesk.services.reporting.types import (
    ClientLogRow,
    LearningLogData,
    LearningSummaryPanel,
    Reflection,
    hours,
)

WIDTH = frame_width()


def render(data: LearningLogData) -> bytes:
    """The PDF of one practitioner's learning-log summary (never any private session note)."""
    story: list[Flowable] = _title(data)
    story += _summary(data)
    story += _practice_log(data)
    story += _client_log(data)
    story += _cpd_log(data)
    story += _supervision_log(data)
    story += _reflections(data)
    story += _sign_off(data)
    return build_pdf(data.header, story)


def _title(data: LearningLogData) -> list[Flowable]:
    """The first page's title: the practitioner, their employer, and the hub apart from it
    (an assessor reads "Organisation" as the employer)."""
    register_fonts()
    header = data.header
    pairs: list[tuple[str, str]] = [
        ("Practitioner", f"{data.name} ({data.email})"),
        *([("Job title", data.job_title)] if data.job_title else []),
        ("Employing organisation", data.organisation or "not recorded"),
        ("Hub", header.hub_name),
        ("Period", header.period),
        ("Generated", format_date(header.generated_on)),
        ("Registrations", "\n".join(data.registrations) or "none"),
        (
            "Clients shown as",
            "full names (asked for by the practitioner)"
            if data.names_shown
            else "initials (numbered where two clients share them)",
        ),
    ]
    return [
        para(header.title, "title"),
        para(header.subject, "subject"),
        Spacer(1, 4),
        fields_table(pairs, WIDTH, 0.26),
        Spacer(1, 6),
    ]


def _met(ok: bool) -> str:
    return "met" if ok else "not yet met"


def _cpd_row(s: LearningSummaryPanel, ok: bool) -> tuple[str, str]:
    """CPD against EMCC's 16 h a year: in the first year since registering, not owed yet."""
    if s.cpd_first_year and s.registered_on is not None:
        due = format_date(add_months(s.registered_on, 12))
        return (
            "CPD, last 12 months",
            f"{hrs(s.cpd_hours_last_12)} hours against EMCC's expected {s.cpd_expected} a year: "
            + (
                "met"
                if ok
                else f"registered on {format_date(s.registered_on)}, so the first "
                f"year runs to {due}"
            ),
        )
    return (
        "CPD, last 12 months",
        f"{hrs(s.cpd_hours_last_12)} hours against EMCC's expected {s.cpd_expected}: {_met(ok)}",
    )


def _summary(data: LearningLogData) -> list[Flowable]:
    s = data.summary
    if s.practice_per_supervision_hour is None:
        ratio = "no supervision recorded in the period"
    else:
        ratio = (
            f"1 : {s.practice_per_supervision_hour:.1f} "
            f"({hrs(s.supervision_hours_period)} h supervision, {hrs(hours(s.minutes_period))} h "
            f"practice) — EMCC expects at least 1 : {s.ratio_expected}: "
            f"{_met(s.practice_per_supervision_hour <= s.ratio_expected)}"
        )
    cpd_ok = s.cpd_hours_last_12 >= s.cpd_expected
    pairs = [
        ("Clients", f"{s.clients_period} in the period; {s.clients_all} in all"),
        ("Sessions held", f"{s.sessions_period} in the period"),
        (
            "Practice hours",
            f"{hrs(hours(s.minutes_period))} in the period; {hrs(hours(s.minutes_all))} in all; "
            f"{hrs(hours(s.minutes_last_12))} in the last 12 months; "
            f"{hrs(hours(s.minutes_last_18))} in the last 18 months",
        ),
        _cpd_row(s, cpd_ok),
        ("Supervision : practice", ratio),
    ]
    out: list[Flowable] = [heading("Summary"), fields_table(pairs, WIDTH, 0.24)]
    quarters = s.supervision_quarters
    q_rows = [
        (q.label, str(q.sessions), hrs(q.hours), "" if q.sessions else "none this quarter")
        for q in quarters
    ]
    out.append(
        keep(
            heading("Supervision per quarter", 2),
            data_table(
                [Col("Quarter", 1), Col("Sessions", 1, True), Col("Hours", 1, True), Col("", 2)],
                q_rows,
                WIDTH * 0.6,
                total=(
                    "Total",
                    str(sum(q.sessions for q in quarters)),
                    hrs(sum(q.hours for q in quarters)),
                    "",
                ),
            ),
        )
    )
    t_rows = []
    for t in s.thresholds:
        t_rows.append(
            (
                t.name,
                f"{t.hours_required:g} h, {t.clients_required} clients",
                hrs(t.hours),
                str(t.clients),
                f"{min(t.hours / t.hours_required, 1):.0%} of hours; "
                f"{min(t.clients / t.clients_required, 1):.0%} of clients",
                "met" if t.met else "not yet",
                t.counts,
            )
        )
    out.append(
        keep(
            heading(
                "Progress towards accreditation thresholds (all practice to the period's end)", 2
            ),
            data_table(
                [
                    Col("Threshold", 1.5),
                    Col("Needs", 1.4),
                    Col("Hours", 0.8, True),
                    Col("Clients", 0.8, True),
                    Col("Progress", 1.9),
                    Col("Status", 0.8),
                    Col("Counts", 1.3),
                ],
                t_rows,
                WIDTH,
            ),
            footnote(
                "ICF also asks that at least 75 of ACC's 100 hours (450 of PCC's 500) be paid "
                "and 25 (PCC: 50) fall within the 18 months before applying: paid coaching "
                f"hours in all "
                f"{hrs(hours(s.paid_coaching_minutes_all))}; coaching hours in the last 18 "
                f"months {hrs(hours(s.coaching_minutes_last_18))}. EMCC's EIA levels count "
                "coaching and mentoring practice."
            ),
        )
    )
    if s.foundation_evidence:
        out.append(
            keep(
                heading("EMCC EIA Foundation: evidence from the last 12 months", 2),
                data_table(
                    [
                        Col("Evidence", 4.2),
                        Col("Needs", 0.8, True),
                        Col("Held", 0.8, True),
                        Col("Status", 1.0),
                    ],
                    [
                        (e.what, str(e.needed), str(e.held), "met" if e.met else "not yet")
                        for e in s.foundation_evidence
                    ],
                    WIDTH,
                ),
                footnote(
                    f"The 12 months from {format_date(s.cpd_since)} to the period's end; client "
                    "feedback is the hub's client post and follow-up evaluations of this "
                    "practitioner's relationships."
                ),
            )
        )
    return out


def _practice_log(data: LearningLogData) -> list[Flowable]:
    out: list[Flowable] = [heading("Practice-hours log")]
    if not data.sessions:
        return [*out, para("No held sessions in the period.")]
    out.append(note("One row per held session; 60 minutes are one hour and part hours count."))
    cols = [
        Col("Date", 1.15),
        Col("Client", 1.3),
        Col("Kind", 1.0),
        Col("Session", 1.0),
        Col("Mode", 0.9),
        Col("Minutes", 0.75, True),
        Col("Hours", 0.7, True),
    ]
    rows: list[tuple[str, ...]] = []
    bold: list[int] = []
    totals = {m.month: m for m in data.months}
    for i, s in enumerate(data.sessions):
        rows.append(
            (when(s.date), s.client, s.kind, s.type, s.mode, str(s.minutes), hrs(hours(s.minutes)))
        )
        last = (
            i + 1 == len(data.sessions)
            or data.sessions[i + 1].date.month != s.date.month
            or (data.sessions[i + 1].date.year != s.date.year)
        )
        if last:
            m = totals[s.date.replace(day=1)]
            bold.append(len(rows))
            rows.append(
                (
                    f"{month_label(m.month)} total",
                    f"{m.sessions} session{'s' if m.sessions != 1 else ''}",
                    "",
                    "",
                    "",
                    str(m.minutes),
                    hrs(hours(m.minutes)),
                )
            )
    total = data.total_minutes
    out.append(
        data_table(
            cols,
            rows,
            WIDTH,
            bold_rows=bold,
            total=(
                "All",
                f"{len(data.sessions)} sessions",
                "",
                "",
                "",
                str(total),
                hrs(hours(total)),
            ),
        )
    )
    return out


def _client_log(data: LearningLogData) -> list[Flowable]:
    """ICF's client coaching log, column for column as ICF's template has them."""
    out: list[Flowable] = [heading("Client coaching log (ICF)")]
    coaching = [c for c in data.clients if "coaching" in c.kind]
    mentoring = [c for c in data.clients if "coaching" not in c.kind]
    if not coaching:
        out.append(para("No coaching clients with held sessions in the period."))
    else:
        out.append(
            note(
                "Hours held in the period; 60 minutes are one hour and part hours count. Paid "
                "or pro bono is set on the practitioner's coach registration: ICF counts "
                "internal coaching done as part of the role as paid."
                + (
                    ""
                    if data.names_shown
                    else " Contact details are held by the hub and given to ICF on request."
                )
            )
        )
        out.append(_icf_table(data, coaching))
    if mentoring:
        minutes = sum(c.paid_minutes + c.pro_bono_minutes for c in mentoring)
        out.append(
            footnote(
                f"Mentoring is not coaching for ICF: {len(mentoring)} mentoring "
                f"client{'s' if len(mentoring) != 1 else ''} ({hrs(hours(minutes))} hours) "
                f"{'appear' if len(mentoring) != 1 else 'appears'} in the practice-hours log, "
                "not here."
            )
        )
    return out


def _icf_table(data: LearningLogData, rows_in: list[ClientLogRow]) -> Flowable:
    rows = [
        (
            c.client,
            c.individual_or_group,
            str(c.group_size),
            c.contact or "on request",
            when(c.started_on),
            when(c.ended_on, "ongoing"),
            hrs(hours(c.paid_minutes)),
            hrs(hours(c.pro_bono_minutes)),
        )
        for c in rows_in
    ]
    return data_table(
        [
            Col("Client", 1.2),
            Col("Individual / group", 1.0),
            Col("Number in group", 0.75, True),
            Col("Contact", 2.4 if data.names_shown else 1.0),
            Col("Start date", 1.0),
            Col("End date", 1.0),
            Col("Paid hours", 0.75, True),
            Col("Pro bono hours", 0.8, True),
        ],
        rows,
        WIDTH,
        total=(
            f"{len(rows_in)} clients",
            "",
            "",
            "",
            "",
            "",
            hrs(hours(sum(c.paid_minutes for c in rows_in))),
            hrs(hours(sum(c.pro_bono_minutes for c in rows_in))),
        ),
    )


def _cpd_log(data: LearningLogData) -> list[Flowable]:
    out: list[Flowable] = [heading("CPD log")]
    if not data.cpd:
        return [*out, para("No CPD recorded in the period.")]
    rows = [
        (when(c.date), c.title, c.provider, c.kind, hrs(c.hours), c.reflection) for c in data.cpd
    ]
    out.append(
        data_table(
            [
                Col("Date", 1.2),
                Col("Title", 2.0),
                Col("Provider", 1.4),
                Col("Kind", 0.9),
                Col("Hours", 0.75, True),
                Col("Reflection", 2.6),
            ],
            rows,
            WIDTH,
            total=(
                "Total",
                f"{len(data.cpd)} records",
                "",
                "",
                hrs(sum(c.hours for c in data.cpd)),
                "",
            ),
        )
    )
    return out


def _supervision_log(data: LearningLogData) -> list[Flowable]:
    out: list[Flowable] = [heading("Supervision log")]
    if not data.supervision:
        return [*out, para("No supervision recorded in the period.")]
    rows = [
        (
            when(s.date),
            Paragraph(
                f"{text(s.supervisor)}<br/><font size=7.5 color='#4C6272'>"
                f"{text(s.qualification)}</font>",
                STYLES["cell"],
            ),
            s.format,
            hrs(s.hours),
            s.themes,
        )
        for s in data.supervision
    ]
    out.append(
        data_table(
            [
                Col("Date", 1.0),
                Col("Supervisor", 2.4),
                Col("Format", 0.9),
                Col("Hours", 0.75, True),
                Col("Themes", 3.2),
            ],
            rows,
            WIDTH,
            total=(
                "Total",
                f"{len(data.supervision)} sessions",
                "",
                hrs(sum(s.hours for s in data.supervision)),
                "",
            ),
        )
    )
    return out


def _reflections(data: LearningLogData) -> list[Flowable]:
    out: list[Flowable] = [heading("Reflections by EMCC competence")]
    if not data.competences:
        return [*out, para("No learning-log entries in the period.")]
    out.append(
        keep(
            note(
                "Each reflection is printed once, under the first EMCC competence it is tagged "
                "with, and lists all of them; this table shows every competence each evidences."
            ),
            data_table(
                [Col("EMCC competence", 2.6), Col("Reflections", 0.9, True), Col("Numbers", 3)],
                [
                    (
                        g.competence,
                        str(g.count),
                        ", ".join(
                            f"#{e.number}"
                            for e in sorted((*g.entries, *g.also), key=lambda e: e.number)
                        ),
                    )
                    for g in data.competences
                ],
                WIDTH,
            ),
        )
    )
    for group in data.competences:
        if not group.entries:
            continue
        title = heading(f"{group.competence} ({len(group.entries)})", 2)
        for n, e in enumerate(group.entries):
            block = _reflection(e)
            out.append(keep(title, *block) if n == 0 else keep(*block))
    return out


def _reflection(e: Reflection) -> list[Flowable]:
    client = f" — client {text(e.client)}" if e.client else ""
    pairs = [
        (label, value)
        for label, value in (
            ("Competences", "; ".join(e.competences) or "not tagged"),
            ("What happened", e.what_happened),
            ("What I learned", e.learning),
            ("What I will do differently", e.next_time),
        )
        if value
    ]
    return [
        Paragraph(
            f"<b>#{e.number} {text(when(e.date))} — {text(e.title)}</b>{client}", STYLES["body"]
        ),
        fields_table(pairs, WIDTH, 0.3),
        Spacer(1, 5),
    ]


DECLARATION = (
    "I declare that this log is a true and accurate record of my coaching and mentoring "
    "practice, continuing professional development, supervision and reflection for the period "
    "shown, that the hours were delivered as recorded, and that I work to the EMCC Global Code "
    "of Ethics."
)
SUPERVISOR_STATEMENT = (
    "I have supervised this practitioner during the period and confirm that the supervision "
    "recorded here took place and that the log is consistent with our work together."
)


def _sign_off(data: LearningLogData) -> list[Flowable]:
    """Declaration and signatures (practitioner, then supervisor with qualification), as an
    accreditation application (EMCC EIA, ICF ACC/PCC) asks for; kept on one page."""
    practitioner = _signature_table([("Practitioner", data.name)])
    supervisor = _signature_table(
        [
            ("Supervisor", data.supervisor),
            ("Supervisor's qualification", data.supervisor_qualification),
        ]
    )
    return [
        keep(
            heading("Declaration and sign-off"),
            para(DECLARATION),
            Spacer(1, 4),
            practitioner,
            Spacer(1, 10),
            para(SUPERVISOR_STATEMENT),
            Spacer(1, 4),
            supervisor,
            *(
                [
                    Spacer(1, 4),
                    Paragraph(
                        "The supervisor's name and qualification are those of the latest "
                        "supervision record; cross them out and write others if someone else "
                        "signs.",
                        STYLES["small"],
                    ),
                ]
                if data.supervisor
                else []
            ),
        )
    ]


def _signature_table(named: list[tuple[str, str]]) -> Table:
    """Name rows (a blank line to write on where nothing is known), then a signature row tall
    enough to sign on and a date row."""
    rows = [*named, ("Signature", ""), ("Date", "")]
    data = [[Paragraph(text(label), STYLES["cell_bold"]), _value(value)] for label, value in rows]
    heights = [None] * len(named) + [30.0, 22.0]
    table = Table(data, colWidths=[WIDTH * 0.26, WIDTH * 0.5], rowHeights=heights, hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                ("LINEBELOW", (1, 0), (1, -1), 0.6, GREY),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                ("LEFTPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    return table


def _value(value: str) -> Paragraph:
    return Paragraph(text(value), STYLES["cell"])
