"""The kinds of event, each with what it is called in the audit trail and what it means for the
applicant (docs/architecture.md lists them). A new transition is a new kind here, recorded by its
service; the consumers that care add it to the kinds they handle."""

from django.utils.translation import gettext_lazy as _

# kind: (label in the audit trail, what it means for the applicant)
KINDS = {
    "application.filed": (
        _("Application filed"),
        "The International Bureau received the application; its date of receipt is set.",
    ),
    "checks.run": (
        _("Full formality check run"),
        "Staff only: the check job stored its findings; the examination follows.",
    ),
    "checks.done": (
        _("Formality checks done"),
        "The full formality check ran: the application is under examination.",
    ),
    "examination.assigned": (_("Assigned"), "Staff only: an examiner took the application."),
    "irregularity.raised": (_("Irregularity raised"), "Staff only, until an invitation is sent."),
    "irregularity.confirmed": (
        _("Irregularity confirmed"),
        "Staff only: a finding of the check is an irregularity to send.",
    ),
    "irregularity.dismissed": (_("Irregularity dismissed"), "Staff only: a finding set aside."),
    "invitation.sent": (
        _("Invitation sent"),
        "Irregularities to correct within a time limit (Rule 14(1)): a letter in the inbox.",
    ),
    "invitation.again": (
        _("Invitation sent again"),
        "What a response did not remedy, to correct within the first time limit.",
    ),
    "reminder.sent": (
        _("Reminder sent"),
        "One month, then one week, before a time limit ends.",
    ),
    "time_limit.extended": (
        _("Time limit extended"),
        "A time limit that now ends on a day the Bureau is closed runs on (Rule 4(4)).",
    ),
    "response.submitted": (
        _("Response received"),
        "The applicant's correction, a new revision, awaits the examiner.",
    ),
    "irregularity.remedied": (
        _("Irregularities remedied"),
        "Accepted by the examiner, or a fee shortfall paid.",
    ),
    "designation.removed": (
        _("Designation deemed not made"),
        "An Article 5(2) requirement was not met in time: one party less (Rule 14(3)).",
    ),
    "application.registered": (
        _("Registered"),
        "The design is registered: number, dates, certificate.",
    ),
    "application.abandoned": (
        _("Considered abandoned"),
        "Not remedied in time: abandoned, fees refunded less the basic fee (Rule 14(3)).",
    ),
    "registration.published": (
        _("Published"),
        "Published in the International Designs Bulletin (Rule 17): the refusal periods start.",
    ),
    "designation.refused": (
        _("Refusal notified"),
        "A designated Office refused protection for all or some designs (Rule 18).",
    ),
    "designation.refusal_withdrawn": (
        _("Refusal withdrawn"),
        "The Office withdrew its refusal, in whole or in part (Article 12(4)).",
    ),
    "designation.granted": (
        _("Protection granted"),
        "The Office stated that it grants protection (Rule 18bis).",
    ),
    "designation.protected": (
        _("Protected"),
        "No refusal within the refusal period: the effect of a grant (Article 14(2)(a)).",
    ),
    "second_part.due": (
        _("Second part of the fee due"),
        "The Office allowed the design: pay the second part of its fee (Rule 12(3)(c)).",
    ),
    "second_part.paid": (
        _("Second part of the fee paid"),
        "The second part of an individual fee was paid through the Bureau.",
    ),
    "designation.cancelled": (
        _("Cancelled for a party"),
        "The second part was not paid in time: cancelled for that party (Rule 12(3)(d)).",
    ),
    "registration.renewed": (
        _("Renewed"),
        "The registration was renewed for five more years, for the parties and designs paid "
        "(Article 17, Rule 25): the new expiry is shown at once.",
    ),
    "renewal.reminder": (
        _("Renewal reminder"),
        "Six months before the expiry, the unofficial reminder (Rule 23); not receiving it "
        "excuses nothing.",
    ),
    "registration.lapsed": (
        _("Lapsed"),
        "Not renewed by the end of the grace period: the registration (or the parties and "
        "designs not renewed) lapsed at the expiry (Article 17, Rule 24).",
    ),
    # Changes in the Register (issue 23; Article 16, Rule 21): the changes app.
    "change.filed": (
        _("Change requested"),
        "A request to record a change in the Register was filed (DM/2, DM/3, DM/5, DM/6, DM/7).",
    ),
    "change.invited": (
        _("Invitation to correct a change request"),
        "The request is irregular: correct it within three months (Rule 4(4) applied).",
    ),
    "change.responded": (
        _("Change request corrected"),
        "The requester answered the invitation: the request awaits the examiner again.",
    ),
    "change.abandoned": (
        _("Change request abandoned"),
        "Not corrected within the time limit: nothing was recorded.",
    ),
    "change.refused": (
        _("Change request refused"),
        "The change cannot be recorded (for example, the new owner is not entitled: Article 3).",
    ),
    "register.ownership_changed": (
        _("Change in ownership recorded"),
        "The registration (or part of it) belongs to a new holder (Article 16(1)(i)).",
    ),
    "register.name_address_changed": (
        _("Holder's name or address changed"),
        "The holder's new name or address is recorded (Article 16(1)(ii)).",
    ),
    "register.representative_changed": (
        _("Representative recorded"),
        "A representative was appointed, changed or cancelled (Article 16(1)(iii)).",
    ),
    "register.limited": (
        _("Limitation recorded"),
        "Some designs are no longer protected for some parties (Article 16(1)(v)).",
    ),
    "register.renounced": (
        _("Renunciation recorded"),
        "The registration is renounced for some or all parties (Article 16(1)(iv)).",
    ),
    "application.withdrawn": (
        _("Withdrawn"),
        "Withdrawn by the applicant before registration: never registered nor published; fees "
        "refunded less the basic fee, as on abandonment (the Guide is silent on withdrawal).",
    ),
    "message.sent": (
        _("Message sent to the International Bureau"),
        "The applicant or its representative wrote about the application (Contact Hague).",
    ),
    "message.answered": (
        _("Answer from the International Bureau"),
        "The International Bureau answered a message: in the inbox, with an e-mail alert.",
    ),
    "payment.received": (_("Payment received"), "Fees paid."),
    "refund.made": (
        _("Refund made"),
        "An amount credited back to the WIPO current account that paid it.",
    ),
    "share.added": (_("Shared for approval"), "Before filing: the draft shared with a client."),
    "share.changed": (_("Sharing changed"), "Before filing: a client's role on the draft."),
    "share.revoked": (_("Sharing withdrawn"), "Before filing: a client's access ended."),
    "draft.approved": (_("Approved before filing"), "Before filing: the client approved it."),
}


def kind_label(kind: str) -> str:
    return str(KINDS[kind][0]) if kind in KINDS else kind
