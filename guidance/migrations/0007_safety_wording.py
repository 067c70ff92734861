"""Safety wording (issue 22): one threshold, a new droop as an emergency, no overclaims.

A clinical review held every published item against the source article and NHS advice.
This rewrites the items it found wanting, in the project's own words and never stronger
than the article:

- one "see a doctor" threshold, more than 3 weeks since the twitch began (the persistent
  criterion's 21 days), where the do's and don'ts said "3 to 4 weeks" and plan week 5 "more
  than a month" counted from the plan's start;
- a face that has newly drooped or will not move is an emergency (FAST), told apart from
  the pull of a twitch, an old Bell's palsy droop and a droop after Botox; stroke signs say
  "call even if they have gone" (the advice for a mini-stroke, TIA);
- every plan week says "don't wait for week 5 if" with the safety list;
- "usually harmless", not "harmless"; no claim that hemifacial spasm is not dangerous or
  that twitches never hurt; MS "uncommon without other signs"; one eye forced shut is not
  tied to blepharospasm, which affects both eyes;
- medical words explained on first use in each item; "licensed" and "regulators", not
  "FDA"; Botox side effects listed, a drooping eyelid among them;
- the treatments begin with the gentle options, a new first-line item.

The urgent level's label says "today" (SPEC: a same-day GP, urgent care or NHS 111), not
"within 24 hours". The levels, weights and thresholds of the criteria are not changed here.

The data lives here, not in an importable module, so that this migration always does the
same thing. Reversing it leaves the words as they are (the old ones were unsafe).
"""

import datetime

from django.db import migrations, models

from guidance.markdown import render_markdown

LAST_REVIEWED = datetime.date(2026, 11, 30)
NEXT_REVIEW_DUE = datetime.date(2027, 11, 30)

# Repeated on every plan week but the last (SPEC, issue 22): the safety list.
DONT_WAIT = """

**Don't wait for week 5 if:**

- your face newly droops or will not move, or you have slurred speech or a weak arm. Call
  your local emergency number now: 999 in the UK, 112 in the EU, 911 in the US.
- your twitch has gone on for more than 3 weeks since it began, spreads, affects both sides,
  or comes with pain, redness or swelling. See your GP or family doctor.
"""

CRITERIA = {
    "stroke_signs": {
        "summary": (
            "You noted slurred speech, a weak arm or confusion. These can be signs of a "
            "stroke. If they started in the last 3 days, call your local emergency number "
            "now, even if they have gone. If longer ago, contact a doctor today."
        ),
        "body": """\
A twitch on its own is not a usual sign of a stroke. But slurred speech, a weak arm or
sudden confusion can be.

**If you have any of these signs, call your local emergency number now: 999 in the UK, 112
in the EU, 911 in the US.** Call even if the signs go away. They may be a mini-stroke (a TIA,
when blood stops reaching part of the brain for a short time). A TIA can be a warning that a
stroke may follow. Do not wait to see if the signs pass. Do not drive yourself.

If the signs came and went more than 3 days ago and no doctor has seen you, contact a
doctor today.
""",
    },
    "facial_weakness": {
        "summary": (
            "You noted weakness or drooping in your face, one side looking different, or "
            "trouble closing your eye. If this is new in the last 3 days, call your local "
            "emergency number now. If it began longer ago, contact a doctor today."
        ),
        "body": """\
A twitch moves a muscle. Weakness is different: the muscle does not work as well as it
should. Your face may droop or look uneven, or your eye may not close.

**A face that has newly drooped, or will not move, can be a sign of a stroke. Call your
local emergency number now: 999 in the UK, 112 in the EU, 911 in the US.** Call even if it
gets better. It could also be Bell's palsy (a sudden weakness of the nerve that moves one
side of the face). Only a doctor can tell them apart.

Some things are not a new droop:

- the pull of a twitch, for example in hemifacial spasm (twitching that spreads over one
  side of the face)
- an old droop from Bell's palsy that a doctor has already seen
- a droopy eyelid after Botox (injections that calm overactive muscles)

Tell your doctor if one of these changes. If you are not sure a droop is new, call.

If the weakness began more than 3 days ago and no doctor has checked it, contact a doctor
today.
""",
    },
    "persistent": {
        "summary": (
            "Your twitching has gone on for more than 3 weeks since it began. That is "
            "longer than a twitch from tiredness or stress usually lasts, so a doctor "
            "should check it."
        ),
        "body": """\
Most twitches stop within a few days or weeks. When one keeps going for more than 3 weeks
(21 days) since it began, it is worth a check.

It is still most likely harmless. A doctor can look for a cause, such as hemifacial spasm
(twitching on one side of the face, often from a blood vessel pressing on a nerve).

**Book an appointment with your GP or family doctor.** Take your twitch report with you.
""",
    },
    "spreading": {
        "body": """\
An ordinary twitch usually stays in one small spot, often the eyelid. If it spreads, for
example from the eye to the cheek or mouth on the same side, it may be hemifacial spasm
(twitching on one side of the face, often from a blood vessel pressing on a nerve).

Hemifacial spasm can be treated.

**Book an appointment with your GP or family doctor.** They may send you to a neurologist
(a doctor for the brain and nerves).
""",
    },
    "bilateral": {
        "body": """\
Most twitches affect one eye or one side of the face. Twitching or blinking on both sides
can be a sign of blepharospasm (a condition that makes both eyes blink or close on their
own).

It can be treated, and it is best to find it early.

**Book an appointment with your GP or family doctor.**
""",
    },
    "forced_closure": {
        "title": "Your eyelids squeeze shut",
        "summary": (
            "Your eye is being forced shut. This is more than a twitch, so a doctor should "
            "check it."
        ),
        "body": """\
A normal eyelid twitch is a small flicker. If your eyelids squeeze shut and you cannot open
them for a moment, a doctor should find out why.

- When both eyes do this, it may be blepharospasm (a condition that makes both eyes blink
  hard or close on their own). Left alone, it can get worse over time. Treatment helps.
- When one eye closes and the cheek or mouth on that side twitches too, it may be
  hemifacial spasm (twitching that spreads over one side of the face).

**Book an appointment with your GP or family doctor.**
""",
    },
    "eye_inflammation": {
        "body": """\
Redness or swelling is a sign of inflammation (the body's reaction to irritation or
infection). Dry or strained eyes can also make an eyelid twitch.

**Book an appointment with your GP or an optician.** If your eye is very painful, or your
sight changes suddenly, contact a doctor today.
""",
    },
    "neuro_signs": {
        "body": """\
A twitch on its own is rarely a sign of a nerve illness. But twitching together with
numbness, sight problems or poor balance can sometimes be an early sign of multiple
sclerosis (MS, an illness that damages the coating of the nerves).

This is not common. It is still worth a check.

**Book an appointment with your GP or family doctor.** If these signs came on suddenly,
call your local emergency number now.
""",
    },
    "pain": {
        "summary": (
            "You noted pain with your twitch. Pain with a twitch is worth showing a doctor."
        ),
        "body": """\
Pain with a twitch is a reason to see a doctor. They can look for a cause, such as a
problem with your eye.

**Book an appointment with your GP or family doctor.** If your eye is very painful, or your
sight changes suddenly, contact a doctor today.
""",
    },
    "worsening": {
        "body": """\
A twitch from stress or tiredness often fades as you rest. If yours is coming more and more
often, it is worth finding out why.

**Book an appointment with your GP or family doctor.** Take your twitch report with you.
""",
    },
}

CAUSES = {
    "stress-anxiety": {
        "body": """\
When you are stressed for a long time, your body makes more of a stress hormone called
cortisol. This can make your nerves jumpy. Jumpy nerves send extra signals to your muscles,
and a muscle may twitch.

A stress twitch is usually harmless. It often stops once the stress eases.

## What you can do

- Take 5 minutes each day to breathe slowly and deeply.
- Try meditation (sitting quietly and paying attention to your breath), yoga or a gentle
  stretch.
- Note stressful days in your journal. You may spot a pattern.

## When to get help

See your GP if the twitch has gone on for more than 3 weeks since it began, or spreads
across your face. A twitch that spreads on one side may be
[hemifacial spasm](/guidance/conditions/hemifacial-spasm/) (twitching on one side of the
face).

If your face newly droops or will not move, call your local emergency number now.
""",
    },
    "sleep-deprivation": {
        "body": """\
Your nerves recover while you sleep. Without enough rest they are more likely to misfire.
This often shows up as a flicker in the eyelid. Doctors call this myokymia (the medical name
for a common eyelid twitch). It is usually harmless.

## What you can do

- Aim for 7 to 9 hours of good sleep each night.
- Go to bed at about the same time each night. Write down tonight's bedtime and stick to it.
- Put your phone away for a while before bed.
- Note your hours of sleep in your daily log. You can then see if short nights bring on
  twitches.

## When to get help

See your GP if the twitch has gone on for more than 3 weeks since it began, even when you
sleep well.
""",
    },
    "dry-eyes-eye-strain": {
        "body": """\
Long hours at a screen can make your eyes dry and tired. So can eyesight problems that have
not been fixed with glasses yet. The small muscles around the eye work harder to cope, and
the eyelid may twitch.

## What you can do

- Use the 20-20-20 rule. Every 20 minutes, look at something 20 feet (6 metres) away for 20
  seconds.
- Use lubricating eye drops (drops that keep the eye wet) if your eyes feel dry. A
  pharmacist can help you choose.
- Try a blue-light filter on your screens.
- Book an eye test if you think screens strain your eyes.

## When to get help

See your GP if your eye is red or swollen, or if it hurts. If both eyelids close by
themselves, it may be [blepharospasm](/guidance/conditions/blepharospasm/) (a condition that
makes both eyes blink hard or close on their own).
""",
    },
}

CONDITIONS = {
    "blepharospasm": {
        "body": """\
Blepharospasm (say *BLEF-ar-oh-spazm*) is a type of dystonia. Dystonia means the brain sends
the wrong signals to some muscles, so they tighten when you do not want them to.

It often starts mildly, with more blinking than usual. Over time the eyelids may close for
longer. Without treatment, some people cannot keep their eyes open long enough to see. This
is called functional blindness: the eyes still work, but the lids will not stay open.

## Who to see

See your GP if both eyes blink or close on their own. They may send you to a neurologist
(a doctor for the brain and nerves). Treatment helps. The most common one is
[botulinum toxin injections](/guidance/treatments/#botulinum-toxin) (Botox, a medicine that
calms the muscles).

[Dry eyes or eye strain](/guidance/causes/dry-eyes-eye-strain/) can also make the eyelids
twitch. That kind of twitch is milder and usually in one eye.
""",
    },
    "hemifacial-spasm": {
        "body": """\
Hemifacial spasm means spasm in one half of the face. The facial nerve moves the muscles of
your face. Doctors also call it cranial nerve VII (the seventh of the nerves that come
straight from the brain).

Most often, a blood vessel presses on this nerve. The pressure makes the nerve send extra
signals, and the face twitches. In rare cases a tumour (a growth) or
[multiple sclerosis](/guidance/conditions/multiple-sclerosis/) is the cause.

During a spasm, one side of your face may pull and look uneven. That pull is not a droop. A
face that has newly drooped, or will not move, is different: call your local emergency
number now.

## Who to see

See your GP if twitching spreads across one side of your face. They may send you to a
neurologist (a doctor for the brain and nerves). An
[MRI scan](/guidance/treatments/#mri-scan) (detailed pictures of the inside of your head)
can show if a blood vessel is pressing on the nerve.

Treatments include [botulinum toxin](/guidance/treatments/#botulinum-toxin) (Botox, a
medicine that calms the muscles). For severe cases there is
[an operation](/guidance/treatments/#microvascular-decompression).
""",
    },
    "multiple-sclerosis": {
        "summary": (
            "MS can sometimes cause twitching in the face. But this is uncommon without "
            "other signs, such as numbness, sight or balance problems."
        ),
        "differs_from_twitch": """\
- An ordinary twitch comes with no other signs. A twitch on its own is unlikely to be MS.
- With MS, the twitch usually comes **with** other signs: numbness, changes in your sight,
  or problems with balance.
""",
        "body": """\
Multiple sclerosis (MS) is an illness that damages the coating around the nerves. This
coating protects the nerves, like the plastic around a cable. When it is damaged, messages
between the brain and the body get mixed up.

Twitching in the face together with numbness, sight problems or balance problems can be an
early sign of MS. This is not common. Without these other signs, MS is an uncommon cause.

## Who to see

See your GP if you have twitching with numbness, changes in your sight or problems with
balance. They may send you to a neurologist (a doctor for the brain and nerves). If these
signs come on suddenly, call your local emergency number now.

Try not to diagnose yourself online. It can cause a lot of worry. A doctor can check you
properly.
""",
    },
    "facial-nerve-injury": {
        "body": """\
Your facial nerve moves the muscles of your face. An injury, an infection or inflammation
(swelling and irritation) can harm it. Bell's palsy is one example. It is a sudden weakness
on one side of the face.

Most people get better. But the nerve can stay a little too active afterwards. This can
cause twitching months after you recover.

## Who to see

- **If your face newly droops or will not move, call your local emergency number now.** It
  could be a stroke or Bell's palsy, and only a doctor can tell. Call even if it gets
  better. Read [is facial twitching a sign of a stroke?](/guidance/faq/#stroke)
- An old droop from Bell's palsy that a doctor has already seen is not an emergency. Tell
  your GP if it changes.
- For a twitch after you have got better, see your GP or family doctor. They may send you to
  a neurologist (a doctor for the brain and nerves).
""",
    },
}

ADVICE = {
    "dont-ignore-a-long-twitch": {
        "title": "Ignore a twitch that has gone on for more than 3 weeks",
        "summary": "See your GP if it has gone on for more than 3 weeks since it began.",
        "body": "Most twitches stop within a few weeks. A long one is worth a check.",
    },
    "dont-self-diagnose": {
        "body": "Twitches are usually harmless. Bring your twitch report to a doctor instead.",
    },
    "dont-ignore-weakness": {
        "title": "Ignore a face that has newly drooped or will not move",
        "summary": "Call your local emergency number now. It could be a stroke.",
        "body": (
            "Call even if it gets better. This means a new droop. It does not mean the pull "
            "of a twitch, an old droop a doctor has seen, or a droopy eyelid after Botox "
            "(injections that calm the muscles). If you are not sure, call."
        ),
    },
}

FAQS = {
    "stroke": {
        "summary": (
            "A twitch on its own is not a usual sign of a stroke. But a face that has "
            "newly drooped is: call your local emergency number now."
        ),
        "body": """\
**If a face has newly drooped, an arm is weak, or speech is slurred, call your local
emergency number now: 999 in the UK, 112 in the EU, 911 in the US.** Call even if the signs
go away.

A twitch on its own is not a usual sign of a stroke. A stroke looks different. The face
droops and stays drooped. The muscles go weak or cannot move at all. They do not twitch in a
rhythm. A stroke often comes with other signs:

- slurred speech
- a weak arm
- confusion

The pull of a twitch is not a droop. Nor is an old droop from Bell's palsy that a doctor has
seen, or a droopy eyelid after Botox (injections that calm the muscles). If you are not sure
a droop is new, call.
""",
    },
    "when-to-see-a-doctor": {
        "summary": (
            "If it has gone on for more than 3 weeks since it began, spreads, affects both "
            "sides, or comes with redness or swelling. A new droop is an emergency."
        ),
        "body": """\
**See your GP or family doctor if your twitch:**

- has gone on for more than 3 weeks (21 days) since it began
- spreads to other parts of your face
- affects both sides of your face
- comes with redness, swelling or pain

These can be signs of a problem with the nerves, or of inflammation (swelling and
irritation). A doctor should check them. Take your twitch report with you.

**Call your local emergency number now** if your face newly droops or will not move, or your
eye newly will not close. Call too for slurred speech, a weak arm or confusion. These can be
signs of a stroke. Call even if they go away.

If a droop or weakness began more than 3 days ago and no doctor has checked it, contact a
doctor today.

See the full list on [when to get help](/guidance/when-to-get-help/).
""",
    },
}

PLAN = {
    "week-1-track": {
        "body": """\
Each time you twitch, note:

- when it started, and how long it lasted
- where it was on your face
- what might have set it off, such as poor sleep, coffee or stress

After a week you may start to see a pattern.
"""
        + DONT_WAIT,
    },
    "week-2-lifestyle": {
        "body": """\
- Cut down on caffeine, bit by bit.
- Go to bed at about the same time each night. Aim for 7 to 9 hours of sleep.
- Try a way to relax, such as yoga. Or try progressive muscle relaxation: tense each group of
  muscles in turn, then let it go.

Log your sleep, caffeine and stress each day.
"""
        + DONT_WAIT,
    },
    "week-3-nutrition": {
        "body": """\
- Eat balanced meals with foods that are rich in electrolytes (salts your nerves need, such
  as potassium and magnesium).
- Drink at least 8 glasses of water a day.
- Ask your doctor if magnesium or vitamin B supplements could help. Ask before you take them.

Log how many glasses of water you drink each day.
"""
        + DONT_WAIT,
    },
    "week-4-environment": {
        "body": """\
- Spend less time on screens.
- Use the 20-20-20 rule. Every 20 minutes, look at something 20 feet (6 metres) away for 20
  seconds.
- Try a blue-light filter on your phone and computer.

Log your screen hours each day.
"""
        + DONT_WAIT,
    },
    "week-5-medical-advice": {
        "body": """\
See your GP or family doctor if your twitch:

- has gone on for more than 3 weeks since it began (count from the day it started, not the
  day you began this plan)
- has spread
- affects both sides of your face
- comes with pain, redness or swelling

They may send you to a neurologist (a doctor for the brain and nerves) or an ophthalmologist
(an eye doctor). Take your twitch report with you.

If your face newly droops or will not move, or you have slurred speech or a weak arm, do not
wait for an appointment. Call your local emergency number now: 999 in the UK, 112 in the EU,
911 in the US.

If your twitch has faded, well done. Keep the habits that helped.
""",
    },
}

GENTLE_OPTIONS = {
    "slug": "gentle-options",
    "title": "Gentle options to try first",
    "first_line": True,
    "summary": (
        "Rest, sleep, less caffeine, eye drops and a warm compress help most twitches. Try "
        "these before anything else."
    ),
    "body": """\
Most twitches need no medicine. These simple steps come first:

- **Rest.** Take breaks, and make time to relax each day.
- **Sleep.** Aim for 7 to 9 hours a night, at regular times.
- **Less caffeine.** Cut down on coffee, tea, cola and energy drinks, bit by bit. Go easy on
  alcohol too.
- **Eye drops.** Lubricating eye drops (drops that keep the eye wet) help dry eyes. A
  pharmacist can help you choose.
- **A warm compress.** Hold a clean cloth soaked in warm, not hot, water on the twitching
  area.

The [five-week plan](/guidance/plan/) takes you through these one week at a time. The
treatments below are for twitching that lasts or is severe. A doctor decides on them.
""",
}

TREATMENTS = {
    "botulinum-toxin": {
        "summary": (
            "Injections that calm overactive muscles for 3 to 4 months at a time. Used for "
            "blepharospasm (both eyes closing on their own) and hemifacial spasm (twitching "
            "on one side of the face)."
        ),
        "body": """\
Botulinum toxin (often called Botox) is a medicine that blocks the signals from a nerve to a
muscle. A doctor injects a tiny amount into the muscles that spasm. The spasms ease for
about 3 to 4 months. Then you need another session.

Medicine regulators (the bodies that approve medicines) have licensed it for
[blepharospasm](/guidance/conditions/blepharospasm/) and
[hemifacial spasm](/guidance/conditions/hemifacial-spasm/).

## Side effects

Side effects can include:

- a drooping eyelid
- a dry or watery eye
- blurred or double vision
- a bruise where the needle went in

They usually fade as the medicine wears off. A droopy eyelid after Botox is a known side
effect, not a stroke. Tell the doctor who gave the injection. But if a face newly droops in
a way you did not expect, or an arm is weak, or speech is slurred, call your local emergency
number now.

It is not a first-line treatment, and it is not used for an ordinary twitch.
""",
    },
    "medications": {
        "body": """\
For severe cases, a doctor may prescribe a muscle relaxant, such as clonazepam or baclofen.
Or they may try an anticonvulsant (a medicine for fits), such as carbamazepine.

These are used off-label. This means the medicine is not licensed for twitching, but doctors
may still use it for that. Side effects make them hard to take for a long time.

They are not a first-line treatment.
""",
    },
    "mri-scan": {
        "summary": (
            "A scan, not a treatment. It can show if a blood vessel is pressing on the "
            "facial nerve."
        ),
        "body": """\
An MRI scan uses a strong magnet to take detailed pictures of the inside of your head. It
does not hurt. It is a test, not a treatment.

If a doctor thinks you have [hemifacial spasm](/guidance/conditions/hemifacial-spasm/)
(twitching on one side of the face), an MRI can show if a blood vessel is pressing on the
facial nerve. It can also show other changes near the nerve. The result helps the doctor
choose a treatment.
""",
    },
    "microvascular-decompression": {
        "summary": (
            "An operation to move a blood vessel off the facial nerve. Only for severe "
            "twitching on one side of the face that other treatments have not helped."
        ),
        "body": """\
In this operation, a brain surgeon (neurosurgeon) moves the blood vessel that presses on the
facial nerve. They put a small pad between them to keep them apart.

It is only for severe [hemifacial spasm](/guidance/conditions/hemifacial-spasm/) (twitching
on one side of the face) that other treatments have not helped.

It is not a first-line treatment.
""",
    },
}

#: Model name -> {slug: the fields that change}. Criteria are keyed by code.
CHANGES = {
    "Cause": CAUSES,
    "Condition": CONDITIONS,
    "Advice": ADVICE,
    "Faq": FAQS,
    "PlanStep": PLAN,
    "Treatment": TREATMENTS,
}


def _rendered(fields: dict) -> dict:
    """The fields with their HTML, which historical models do not render on save."""
    out = {**fields, "last_reviewed": LAST_REVIEWED, "next_review_due": NEXT_REVIEW_DUE}
    if "body" in fields:
        out["body_html"] = render_markdown(fields["body"])
    if "differs_from_twitch" in fields:
        out["differs_from_twitch_html"] = render_markdown(fields["differs_from_twitch"])
    return out


def rewrite(apps, schema_editor):
    for model_name, items in CHANGES.items():
        model = apps.get_model("guidance", model_name)
        for slug, fields in items.items():
            model.objects.filter(slug=slug).update(**_rendered(fields))
    criterion = apps.get_model("guidance", "EscalationCriterion")
    for code, fields in CRITERIA.items():
        criterion.objects.filter(code=code).update(**_rendered(fields))

    # The gentle options lead the treatments page: first in order, the rest after it.
    treatment = apps.get_model("guidance", "Treatment")
    for item in treatment.objects.exclude(slug=GENTLE_OPTIONS["slug"]):
        treatment.objects.filter(pk=item.pk).update(order=item.order + 1)
    fields = {**GENTLE_OPTIONS, "order": 1, "status": "published"}
    treatment.objects.update_or_create(slug=fields.pop("slug"), defaults=_rendered(fields))


class Migration(migrations.Migration):
    dependencies = [("guidance", "0006_facial_weakness_emergency")]

    operations = [
        migrations.AlterField(
            model_name="escalationcriterion",
            name="level",
            field=models.CharField(
                choices=[
                    ("self_care", "Self-care"),
                    ("see_doctor", "See a doctor"),
                    ("urgent", "Urgent: contact a doctor today"),
                    ("emergency", "Emergency: call for help now"),
                ],
                help_text="The level a match raises the result to.",
                max_length=12,
                verbose_name="level",
            ),
        ),
        migrations.AlterField(
            model_name="escalationcriterion",
            name="level_after_hours",
            field=models.CharField(
                blank=True,
                choices=[
                    ("self_care", "Self-care"),
                    ("see_doctor", "See a doctor"),
                    ("urgent", "Urgent: contact a doctor today"),
                    ("emergency", "Emergency: call for help now"),
                ],
                help_text="Stroke signs and facial weakness only: the level once the sign is older than the hours (for facial weakness, the first one in the 60 days).",
                max_length=12,
                verbose_name="level once older than the hours threshold",
            ),
        ),
        migrations.AlterField(
            model_name="historicalescalationcriterion",
            name="level",
            field=models.CharField(
                choices=[
                    ("self_care", "Self-care"),
                    ("see_doctor", "See a doctor"),
                    ("urgent", "Urgent: contact a doctor today"),
                    ("emergency", "Emergency: call for help now"),
                ],
                help_text="The level a match raises the result to.",
                max_length=12,
                verbose_name="level",
            ),
        ),
        migrations.AlterField(
            model_name="historicalescalationcriterion",
            name="level_after_hours",
            field=models.CharField(
                blank=True,
                choices=[
                    ("self_care", "Self-care"),
                    ("see_doctor", "See a doctor"),
                    ("urgent", "Urgent: contact a doctor today"),
                    ("emergency", "Emergency: call for help now"),
                ],
                help_text="Stroke signs and facial weakness only: the level once the sign is older than the hours (for facial weakness, the first one in the 60 days).",
                max_length=12,
                verbose_name="level once older than the hours threshold",
            ),
        ),
        migrations.RunPython(rewrite, migrations.RunPython.noop),
    ]
