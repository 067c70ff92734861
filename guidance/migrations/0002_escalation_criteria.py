"""Load the ten escalation criteria the triage rules are keyed by.

The words are written for a worried reader: the summary is the explanation a person sees
in their triage result. The data lives here, not in an importable module, so that this
migration always does the same thing however the content changes later.
"""

import datetime

from django.db import migrations

from guidance.markdown import render_markdown

LAST_REVIEWED = datetime.date(2026, 11, 1)
NEXT_REVIEW_DUE = datetime.date(2027, 11, 1)

CRITERIA = [
    {
        "code": "stroke_signs",
        "title": "Signs of a possible stroke",
        "summary": (
            "You noted slurred speech, a weak arm or confusion. These can be signs of a "
            "stroke. Call your local emergency number now."
        ),
        "body": (
            "A twitch on its own is not a usual sign of a stroke. But slurred speech, a weak "
            "arm or sudden confusion can be.\n\n"
            "**If any of these are happening now, call your local emergency number at once.** "
            "Do not wait to see if they pass. Do not drive yourself.\n\n"
            "If these signs were a few days ago and have gone, still contact a doctor today."
        ),
        "level": "emergency",
        "level_after_hours": "urgent",
        "weight": 100,
        "threshold_hours": 72,
        "specialist": "emergency",
        "learn_more": "/guidance/faq/#stroke",
    },
    {
        "code": "facial_weakness",
        "title": "Weakness or drooping in your face",
        "summary": (
            "You noted weakness, drooping, one side looking different, or trouble closing "
            "your eye. A doctor should check this within 24 hours."
        ),
        "body": (
            "A twitch moves a muscle. Weakness is different: the muscle does not work as well "
            "as it should. Your face may droop, look uneven, or your eye may not close.\n\n"
            "This can happen with Bell's palsy (a sudden weakness of the nerve that moves one "
            "side of the face). It needs a doctor soon.\n\n"
            "**Contact a doctor within 24 hours.** If the drooping came on suddenly with "
            "slurred speech, a weak arm or confusion, call your local emergency number now."
        ),
        "level": "urgent",
        "weight": 60,
        "specialist": "gp",
        "learn_more": "/guidance/conditions/facial-nerve-injury/",
    },
    {
        "code": "persistent",
        "title": "Twitching for more than 3 weeks",
        "summary": (
            "Your twitching has gone on for more than three weeks. That is longer than a "
            "twitch from tiredness or stress usually lasts, so a doctor should check it."
        ),
        "body": (
            "Most twitches stop within a few days or weeks. When one keeps going for more "
            "than 3 weeks (21 days), it is worth a check.\n\n"
            "It is most likely still harmless. A doctor can look for a cause, such as "
            "hemifacial spasm (twitching on one side of the face from a pressed nerve).\n\n"
            "**Book an appointment with your doctor.** Take your twitch report with you."
        ),
        "level": "see_doctor",
        "weight": 25,
        "threshold_days": 21,
        "specialist": "neurologist",
        "learn_more": "/guidance/conditions/hemifacial-spasm/",
    },
    {
        "code": "spreading",
        "title": "Twitching that spreads on one side",
        "summary": (
            "Your twitching has moved to more than one part of the same side of your face. "
            "A doctor should check this."
        ),
        "body": (
            "An ordinary twitch stays in one small spot, often the eyelid. If it spreads, "
            "for example from the eye to the cheek or mouth on the same side, it may be "
            "hemifacial spasm.\n\n"
            "Hemifacial spasm is not dangerous in itself, and it can be treated.\n\n"
            "**Book an appointment with your doctor.** They may send you to a neurologist "
            "(a doctor for the brain and nerves)."
        ),
        "level": "see_doctor",
        "weight": 25,
        "threshold_count": 2,
        "specialist": "neurologist",
        "learn_more": "/guidance/conditions/hemifacial-spasm/",
    },
    {
        "code": "bilateral",
        "title": "Twitching on both sides",
        "summary": (
            "Your twitching affects both sides of your face. Ordinary twitches are usually "
            "on one side, so a doctor should check this."
        ),
        "body": (
            "Most twitches affect one eye or one side of the face. Twitching or blinking on "
            "both sides can be a sign of blepharospasm (a condition that makes both eyes "
            "blink or close on their own).\n\n"
            "It can be treated, and it is best to find it early.\n\n"
            "**Book an appointment with your doctor.**"
        ),
        "level": "see_doctor",
        "weight": 25,
        "specialist": "neurologist",
        "learn_more": "/guidance/conditions/blepharospasm/",
    },
    {
        "code": "forced_closure",
        "title": "Your eye closes by itself",
        "summary": (
            "Your eye is being forced shut. This is more than a twitch, so a doctor should "
            "check it."
        ),
        "body": (
            "A normal eyelid twitch is a small flicker. If your eyelid squeezes shut and you "
            "cannot open it for a moment, it may be blepharospasm.\n\n"
            "Left alone, this can get worse over time. Treatment helps.\n\n"
            "**Book an appointment with your doctor.**"
        ),
        "level": "see_doctor",
        "weight": 25,
        "specialist": "neurologist",
        "learn_more": "/guidance/conditions/blepharospasm/",
    },
    {
        "code": "eye_inflammation",
        "title": "Redness or swelling",
        "summary": (
            "You noted redness or swelling with your twitch. This could be an eye problem "
            "that needs treatment, so a doctor should check it."
        ),
        "body": (
            "Redness or swelling is a sign of inflammation (the body's reaction to "
            "irritation or infection). Dry or strained eyes can also make an eyelid "
            "twitch.\n\n"
            "**Book an appointment with your doctor or an optician.** If your eye is very "
            "painful or your sight changes suddenly, get help the same day."
        ),
        "level": "see_doctor",
        "weight": 15,
        "specialist": "ophthalmologist",
        "learn_more": "/guidance/causes/dry-eyes-eye-strain/",
    },
    {
        "code": "neuro_signs",
        "title": "Numbness, or changes in sight or balance",
        "summary": (
            "You noted numbness, a change in your sight, or balance problems. With a twitch, "
            "these should be checked by a doctor."
        ),
        "body": (
            "A twitch on its own is rarely a sign of a nerve illness. But twitching together "
            "with numbness, sight problems or poor balance can sometimes be an early sign of "
            "multiple sclerosis (MS, an illness that damages the coating of the nerves).\n\n"
            "This is not common. It is still worth a check.\n\n"
            "**Book an appointment with your doctor.** If these signs came on suddenly, "
            "call your local emergency number."
        ),
        "level": "see_doctor",
        "weight": 30,
        "specialist": "neurologist",
        "learn_more": "/guidance/conditions/multiple-sclerosis/",
    },
    {
        "code": "pain",
        "title": "Pain with your twitch",
        "summary": (
            "You noted pain with your twitch. Ordinary twitches do not hurt, so a doctor "
            "should check it."
        ),
        "body": (
            "An ordinary twitch can be annoying, but it does not hurt. Pain suggests that "
            "something else may be going on.\n\n"
            "**Book an appointment with your doctor.**"
        ),
        "level": "see_doctor",
        "weight": 15,
        "specialist": "gp",
        "learn_more": "/guidance/faq/#when-to-see-a-doctor",
    },
    {
        "code": "worsening",
        "title": "Twitching is getting worse",
        "summary": (
            "You have twitched at least 7 times in the last 7 days, at least twice as often "
            "as the week before. A doctor should check why."
        ),
        "body": (
            "A twitch from stress or tiredness often fades as you rest. If yours is coming "
            "more and more often, it is worth finding out why.\n\n"
            "**Book an appointment with your doctor.** Take your twitch report with you."
        ),
        "level": "see_doctor",
        "weight": 20,
        "threshold_days": 7,
        "threshold_count": 7,
        "specialist": "gp",
        "learn_more": "/guidance/faq/#when-to-see-a-doctor",
    },
]


def create_criteria(apps, schema_editor):
    EscalationCriterion = apps.get_model("guidance", "EscalationCriterion")
    for order, data in enumerate(CRITERIA, start=1):
        fields = {
            "level_after_hours": "",
            "threshold_hours": None,
            "threshold_days": None,
            "threshold_count": None,
            **data,
        }
        EscalationCriterion.objects.update_or_create(
            code=fields.pop("code"),
            defaults={
                **fields,
                "slug": data["code"].replace("_", "-"),
                # Historical models do not run the model's save(), so render here.
                "body_html": render_markdown(data["body"]),
                "order": order,
                "status": "published",
                "last_reviewed": LAST_REVIEWED,
                "next_review_due": NEXT_REVIEW_DUE,
            },
        )


def remove_criteria(apps, schema_editor):
    EscalationCriterion = apps.get_model("guidance", "EscalationCriterion")
    EscalationCriterion.objects.filter(code__in=[c["code"] for c in CRITERIA]).delete()


class Migration(migrations.Migration):
    dependencies = [("guidance", "0001_initial")]

    operations = [migrations.RunPython(create_criteria, remove_criteria)]
