"""Load the first published guidance: causes, conditions, do's and don'ts, FAQs, the plan,
treatments and the daily checklist.

Written in the project's own words from the source article, for a reading age of about 11:
short sentences, the answer first, and a medical word explained the first time it is used.
The data lives here, not in an importable module, so that this migration always does the
same thing however the content changes later. Slugs are stable: other pages, the triage
criteria and people's daily logs (checklist ticks) refer to them.
"""

import datetime

from django.db import migrations

from guidance.markdown import render_markdown

LAST_REVIEWED = datetime.date(2026, 11, 1)
NEXT_REVIEW_DUE = datetime.date(2027, 11, 1)

CAUSES = [
    {
        "slug": "stress-anxiety",
        "title": "Stress and anxiety",
        "trigger": "stress",
        "summary": (
            "Stress is one of the most common reasons for a twitch. Calming your body often "
            "calms the twitch too."
        ),
        "body": """\
When you are stressed for a long time, your body makes more of a stress hormone called
cortisol. This can make your nerves jumpy. Jumpy nerves send extra signals to your muscles,
and a muscle may twitch.

A stress twitch is harmless. It often stops once the stress eases.

## What you can do

- Take 5 minutes each day to breathe slowly and deeply.
- Try meditation (sitting quietly and paying attention to your breath), yoga or a gentle
  stretch.
- Note stressful days in your journal. You may spot a pattern.

## When to get help

See a doctor if the twitch lasts more than 3 weeks, spreads across your face, or comes with
weakness or drooping. A twitch that spreads on one side may be
[hemifacial spasm](/guidance/conditions/hemifacial-spasm/).
""",
    },
    {
        "slug": "sleep-deprivation",
        "title": "Not enough sleep",
        "trigger": "poor_sleep",
        "summary": (
            "Your nerves rest and repair while you sleep. Short nights make a twitch, "
            "often in the eyelid, more likely."
        ),
        "body": """\
Your nerves recover while you sleep. Without enough rest they are more likely to misfire.
This often shows up as a flicker in the eyelid. Doctors call this myokymia (the medical name
for a common eyelid twitch). It is harmless.

## What you can do

- Aim for 7 to 9 hours of good sleep each night.
- Go to bed at about the same time each night. Write down tonight's bedtime and stick to it.
- Put your phone away for a while before bed.
- Note your hours of sleep in your daily log. You can then see if short nights bring on
  twitches.

## When to get help

See a doctor if the twitch lasts more than 3 weeks, even when you sleep well.
""",
    },
    {
        "slug": "caffeine",
        "title": "Too much caffeine",
        "trigger": "caffeine",
        "summary": (
            "Coffee, energy drinks and other stimulants can overwork your nerves and set off "
            "a twitch."
        ),
        "body": """\
Caffeine wakes up your nervous system. Too much of it can overwork your nerves, and a muscle
may twitch. Caffeine is in coffee, tea, cola and energy drinks. It is also in some pills that
keep you awake. Doctors call these stimulants (things that speed up your body).

## What you can do

- Cut back bit by bit. Stopping all at once can give you a headache.
- Swap some cups for water, or for drinks with no caffeine.
- Go easy on alcohol too.
- Count your cups in your daily log. In week 2 of the plan you can see if fewer cups means
  fewer twitches.
""",
    },
    {
        "slug": "nutritional-deficiencies",
        "title": "Low minerals or vitamins",
        "trigger": "",
        "summary": (
            "Your nerves and muscles need magnesium, calcium, potassium and vitamin B12. "
            "Low levels can cause a twitch."
        ),
        "body": """\
Your nerves use minerals to send signals to your muscles. If you are low in magnesium,
calcium, potassium or vitamin B12, those signals can go wrong. A muscle may then twitch.

Not drinking enough water can also upset the balance of these minerals. Read
[can dehydration make my face twitch?](/guidance/faq/#dehydration)

## What you can do

- Eat foods rich in magnesium, such as spinach, almonds, avocado, bananas, pumpkin seeds and
  dark chocolate.
- Eat balanced meals.
- Drink at least 8 glasses of water a day.
- Ask your doctor before you take supplements (extra vitamins or minerals in a pill). A
  doctor can also test your blood to check your levels.
""",
    },
    {
        "slug": "dry-eyes-eye-strain",
        "title": "Dry eyes or eye strain",
        "trigger": "dry_eyes",
        "summary": (
            "Long hours at a screen, or eyesight that needs glasses, can tire the eye. "
            "The eyelid may then twitch."
        ),
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

See a doctor if your eye is red or swollen, or if it hurts. If both eyelids close by
themselves, it may be [blepharospasm](/guidance/conditions/blepharospasm/).
""",
    },
]

CONDITIONS = [
    {
        "slug": "blepharospasm",
        "title": "Blepharospasm",
        "specialist": "neurologist",
        "summary": (
            "A condition that makes both eyes blink hard or close on their own. It is not an "
            "ordinary twitch, and a doctor should see it."
        ),
        "differs_from_twitch": """\
- An ordinary eyelid twitch is a small flicker in **one** eye. It comes and goes.
- Blepharospasm affects **both** eyes in the same way. The eyelids blink hard or squeeze shut.
- Bright light or stress can set it off.
""",
        "body": """\
Blepharospasm (say *BLEF-ar-oh-spazm*) is a type of dystonia. Dystonia means the brain sends
the wrong signals to some muscles, so they tighten when you do not want them to.

It often starts mildly, with more blinking than usual. Over time the eyelids may close for
longer. Without treatment, some people cannot keep their eyes open long enough to see. This
is called functional blindness: the eyes still work, but the lids will not stay open.

## Who to see

See your doctor if both eyes blink or close on their own. They may send you to a neurologist
(a doctor for the brain and nerves). Treatment helps. The most common one is
[botulinum toxin injections](/guidance/treatments/#botulinum-toxin).

[Dry eyes or eye strain](/guidance/causes/dry-eyes-eye-strain/) can also make the eyelids
twitch. That kind of twitch is milder and usually in one eye.
""",
    },
    {
        "slug": "hemifacial-spasm",
        "title": "Hemifacial spasm",
        "specialist": "neurologist",
        "summary": (
            "Twitching on one side of the face. It starts near the eye and spreads to the "
            "cheek and mouth. A doctor should check it."
        ),
        "differs_from_twitch": """\
- An ordinary twitch stays in one small spot, often the eyelid.
- Hemifacial spasm spreads. It usually starts near the eye and moves to the cheek and mouth,
  all on **one** side of the face.
- It keeps coming back, for weeks or longer.
""",
        "body": """\
Hemifacial spasm means spasm in one half of the face. The facial nerve moves the muscles of
your face. Doctors also call it cranial nerve VII (the seventh of the nerves that come
straight from the brain).

Most often, a blood vessel presses on this nerve. The pressure makes the nerve send extra
signals, and the face twitches. In rare cases a tumour (a growth) or
[multiple sclerosis](/guidance/conditions/multiple-sclerosis/) is the cause.

## Who to see

See your doctor if twitching spreads across one side of your face. They may send you to a
neurologist (a doctor for the brain and nerves). An [MRI scan](/guidance/treatments/#mri-scan)
can show if a blood vessel is pressing on the nerve.

Treatments include [botulinum toxin](/guidance/treatments/#botulinum-toxin). For severe cases
there is [an operation](/guidance/treatments/#microvascular-decompression).
""",
    },
    {
        "slug": "multiple-sclerosis",
        "title": "Multiple sclerosis (MS)",
        "specialist": "neurologist",
        "summary": (
            "MS can sometimes cause twitching in the face. But it almost always comes with "
            "other signs, such as numbness, sight or balance problems."
        ),
        "differs_from_twitch": """\
- An ordinary twitch comes with no other signs. A twitch on its own is very unlikely to be MS.
- With MS, the twitch comes **with** other signs: numbness, changes in your sight, or
  problems with balance.
""",
        "body": """\
Multiple sclerosis (MS) is an illness that damages the coating around the nerves. This
coating protects the nerves, like the plastic around a cable. When it is damaged, messages
between the brain and the body get mixed up.

Twitching in the face together with numbness, sight problems or balance problems can be an
early sign of MS. This is not common. Twitching with none of these other signs is rarely MS.

## Who to see

See your doctor if you have twitching with numbness, changes in your sight or problems with
balance. They may send you to a neurologist (a doctor for the brain and nerves). If these
signs come on suddenly, call your local emergency number.

Try not to diagnose yourself online. It can cause a lot of worry. A doctor can check you
properly.
""",
    },
    {
        "slug": "facial-nerve-injury",
        "title": "Facial nerve injury or inflammation (such as Bell's palsy)",
        "specialist": "gp",
        "summary": (
            "An old injury or infection of the nerve that moves your face, such as Bell's "
            "palsy, can leave a twitch months after you get better."
        ),
        "differs_from_twitch": """\
- An ordinary twitch comes out of the blue, often with stress or tiredness.
- This twitch starts after an injury to the face, an infection or Bell's palsy. It can begin
  months after you have got better.
""",
        "body": """\
Your facial nerve moves the muscles of your face. An injury, an infection or inflammation
(swelling and irritation) can harm it. Bell's palsy is one example. It is a sudden weakness
on one side of the face.

Most people get better. But the nerve can stay a little too active afterwards. This can
cause twitching months after you recover.

## Who to see

- **New weakness or drooping in your face needs a doctor within 24 hours.** If it comes with
  slurred speech, a weak arm or confusion, call your local emergency number now. Read
  [is facial twitching a sign of a stroke?](/guidance/faq/#stroke)
- For a twitch after you have got better, see your GP or family doctor. They may send you to
  a neurologist (a doctor for the brain and nerves).
""",
    },
]

ADVICE = [
    {
        "slug": "do-relax-every-day",
        "kind": "do",
        "title": "Take time to relax every day",
        "summary": "For example, meditation or slow, deep breathing.",
        "body": "Even 5 minutes a day helps. Stress makes your nerves jumpy.",
    },
    {
        "slug": "do-sleep-7-to-9-hours",
        "kind": "do",
        "title": "Get 7 to 9 hours of good sleep each night",
        "summary": "Go to bed and get up at about the same time each day.",
        "body": "Your nerves recover while you sleep. Short nights make twitches more likely.",
    },
    {
        "slug": "do-eat-magnesium",
        "kind": "do",
        "title": "Eat foods rich in magnesium",
        "summary": "For example spinach, almonds, avocado and bananas.",
        "body": "Your nerves and muscles need magnesium to work well.",
    },
    {
        "slug": "do-use-eye-drops",
        "kind": "do",
        "title": "Use lubricating eye drops if your eyes are dry",
        "summary": "These drops keep the eye wet. A pharmacist can help you choose.",
        "body": "Dry eyes can make the eyelid twitch.",
    },
    {
        "slug": "do-book-eye-test",
        "kind": "do",
        "title": "Book an eye test if you think screens strain your eyes",
        "summary": "Glasses, or new ones, can ease the strain.",
        "body": "Tired eyes work harder, and the eyelid may twitch.",
    },
    {
        "slug": "dont-ignore-a-long-twitch",
        "kind": "dont",
        "title": "Ignore a twitch that lasts more than 3 to 4 weeks",
        "summary": "See a doctor instead.",
        "body": "Most twitches stop within a few weeks. A long one is worth a check.",
    },
    {
        "slug": "dont-overdo-caffeine-alcohol",
        "kind": "dont",
        "title": "Have too much caffeine or alcohol",
        "summary": "Coffee, energy drinks and alcohol can all make twitches worse.",
        "body": "Cut back bit by bit. Swap some drinks for water.",
    },
    {
        "slug": "dont-rub-the-twitch",
        "kind": "dont",
        "title": "Rub or press hard on the twitching area",
        "summary": "It will not stop the twitch, and it can make the skin sore.",
        "body": "A warm compress (a cloth soaked in warm water) is gentler.",
    },
    {
        "slug": "dont-self-diagnose",
        "kind": "dont",
        "title": "Try to diagnose a serious illness online",
        "summary": "Reading up can make you worry more. A doctor can check you properly.",
        "body": "Most twitches are harmless. Bring your twitch report to a doctor instead.",
    },
    {
        "slug": "dont-ignore-weakness",
        "kind": "dont",
        "title": "Ignore weakness, drooping, or one side of your face looking different",
        "summary": "These need a doctor within 24 hours.",
        "body": (
            "If they come with slurred speech, a weak arm or confusion, call your local "
            "emergency number now."
        ),
    },
]

FAQS = [
    {
        "slug": "stroke",
        "title": "Is facial twitching a sign of a stroke?",
        "summary": "No. A twitch on its own is not a usual sign of a stroke.",
        "body": """\
**No. A twitch on its own is not a usual sign of a stroke.**

A stroke looks different. The face droops and stays drooped. The muscles go weak or cannot
move at all. They do not twitch in a rhythm. A stroke often comes with other signs:

- slurred speech
- a weak arm
- confusion

**If you think someone is having a stroke, call your local emergency number now.** That is
999 in the UK, 911 in the US and 112 in the EU. Do not wait to see if it gets better.
""",
    },
    {
        "slug": "dehydration",
        "title": "Can dehydration make my face twitch?",
        "summary": "Yes. Not drinking enough upsets the salts your nerves need to work well.",
        "body": """\
**Yes, it can.**

Dehydration means your body does not have enough water. It upsets your electrolytes. These
are salts in your body, such as sodium, potassium and magnesium. Your nerves and muscles need
them to work well.

Even mild dehydration can make muscles twitch, including in your face. It can happen after
hard exercise, on a hot day, or when you do not drink enough.

**What to do:** drink at least 8 glasses of water a day. Drink more when it is hot or you
exercise. Read more about [low minerals and twitching](/guidance/causes/nutritional-deficiencies/).
""",
    },
    {
        "slug": "when-to-see-a-doctor",
        "title": "When should I see a doctor about a twitch?",
        "summary": (
            "If it lasts more than 3 weeks, spreads, affects both sides, or comes with "
            "redness, swelling, drooping or trouble closing your eye."
        ),
        "body": """\
**See a doctor if your twitch:**

- lasts more than 3 weeks (21 days)
- spreads to other parts of your face
- affects both sides of your face
- comes with redness or swelling
- comes with drooping, or you find it hard to close your eye

These can be signs of a problem with the nerves, or of inflammation (swelling and
irritation). A doctor should check them. Take your twitch report with you.

**Get help sooner** if your face is weak or droops. Contact a doctor within 24 hours. If you
have slurred speech, a weak arm or confusion, call your local emergency number now.

See the full list on [when to get help](/guidance/when-to-get-help/).
""",
    },
]

PLAN = [
    {
        "week": 1,
        "slug": "week-1-track",
        "title": "Week 1: Track your twitches",
        "focus_factors": [],
        "summary": "Keep a journal of every twitch, so you can spot what sets it off.",
        "body": """\
Each time you twitch, note:

- when it started, and how long it lasted
- where it was on your face
- what might have set it off, such as poor sleep, coffee or stress

After a week you may start to see a pattern.
""",
    },
    {
        "week": 2,
        "slug": "week-2-lifestyle",
        "title": "Week 2: Change your daily habits",
        "focus_factors": ["caffeine_servings", "sleep_hours", "stress_level"],
        "summary": "Cut down on caffeine, sleep at regular times and make time to relax.",
        "body": """\
- Cut down on caffeine, bit by bit.
- Go to bed at about the same time each night. Aim for 7 to 9 hours of sleep.
- Try a way to relax, such as yoga. Or try progressive muscle relaxation: tense each group of
  muscles in turn, then let it go.

Log your sleep, caffeine and stress each day.
""",
    },
    {
        "week": 3,
        "slug": "week-3-nutrition",
        "title": "Week 3: Look at what you eat and drink",
        "focus_factors": ["water_glasses"],
        "summary": "Eat balanced meals, drink plenty of water, and ask your doctor about supplements.",
        "body": """\
- Eat balanced meals with foods that are rich in electrolytes (salts your nerves need, such
  as potassium and magnesium).
- Drink at least 8 glasses of water a day.
- Ask your doctor if magnesium or vitamin B supplements could help. Ask before you take them.

Log how many glasses of water you drink each day.
""",
    },
    {
        "week": 4,
        "slug": "week-4-environment",
        "title": "Week 4: Check your surroundings",
        "focus_factors": ["screen_hours"],
        "summary": "Spend less time on screens and give your eyes regular breaks.",
        "body": """\
- Spend less time on screens.
- Use the 20-20-20 rule. Every 20 minutes, look at something 20 feet (6 metres) away for 20
  seconds.
- Try a blue-light filter on your phone and computer.

Log your screen hours each day.
""",
    },
    {
        "week": 5,
        "slug": "week-5-medical-advice",
        "title": "Week 5: Get medical advice if you need it",
        "focus_factors": [],
        "summary": "If your twitch has not settled, it is time to see a doctor.",
        "body": """\
See a doctor if your twitch:

- has lasted more than a month
- has spread
- comes with weakness, pain or drooping

They may send you to a neurologist (a doctor for the brain and nerves) or an ophthalmologist
(an eye doctor). Take your twitch report with you.

If your twitch has faded, well done. Keep the habits that helped.
""",
    },
]

TREATMENTS = [
    {
        "slug": "botulinum-toxin",
        "title": "Botulinum toxin injections (Botox)",
        "first_line": False,
        "summary": (
            "Injections that calm overactive muscles for 3 to 4 months at a time. Used for "
            "blepharospasm and hemifacial spasm."
        ),
        "body": """\
Botulinum toxin is a medicine that blocks the signals from a nerve to a muscle. A doctor
injects a tiny amount into the muscles that spasm. The spasms ease for about 3 to 4 months.
Then you need another session.

In the US it is approved by the FDA (the body that approves medicines) for
[blepharospasm](/guidance/conditions/blepharospasm/) and
[hemifacial spasm](/guidance/conditions/hemifacial-spasm/).

It is not a first-line treatment, and it is not used for an ordinary twitch.
""",
    },
    {
        "slug": "medications",
        "title": "Medicines",
        "first_line": False,
        "summary": "Muscle relaxants or anti-seizure medicines, for severe cases only.",
        "body": """\
For severe cases, a doctor may prescribe a muscle relaxant, such as clonazepam or baclofen.
Or they may try an anticonvulsant (a medicine for fits), such as carbamazepine.

These are used off-label. This means the medicine was not made for twitching, but doctors
may still use it for that. Side effects make them hard to take for a long time.

They are not a first-line treatment.
""",
    },
    {
        "slug": "mri-scan",
        "title": "MRI scan",
        "first_line": False,
        "summary": (
            "A scan, not a treatment. It can show if a blood vessel is pressing on the "
            "facial nerve."
        ),
        "body": """\
An MRI scan takes detailed pictures of the inside of your head. It does not hurt. It is a
test, not a treatment.

If a doctor thinks you have [hemifacial spasm](/guidance/conditions/hemifacial-spasm/), an MRI
can show if a blood vessel is pressing on the facial nerve. It can also show other changes
near the nerve. The result helps the doctor choose a treatment.
""",
    },
    {
        "slug": "microvascular-decompression",
        "title": "Microvascular decompression surgery",
        "first_line": False,
        "summary": (
            "An operation to move a blood vessel off the facial nerve. Only for severe "
            "hemifacial spasm that other treatments have not helped."
        ),
        "body": """\
In this operation, a brain surgeon (neurosurgeon) moves the blood vessel that presses on the
facial nerve. They put a small pad between them to keep them apart.

It is only for severe [hemifacial spasm](/guidance/conditions/hemifacial-spasm/) that other
treatments have not helped. It is not a first-line treatment.
""",
    },
]

CHECKLIST = [
    {
        "slug": "cut-caffeine-alcohol",
        "title": "Cut back on caffeine and alcohol today",
        "summary": "Swap a coffee or a drink for water.",
        "body": "Both can make your nerves jumpy.",
    },
    {
        "slug": "drink-water",
        "title": "Drink at least 8 glasses of water",
        "summary": "Spread them over the day.",
        "body": "Water keeps the salts your nerves need in balance.",
    },
    {
        "slug": "screen-break",
        "title": "Take a 20-minute break from screens",
        "summary": "And use the 20-20-20 rule when you are back.",
        "body": (
            "The 20-20-20 rule: every 20 minutes, look at something 20 feet (6 metres) away "
            "for 20 seconds."
        ),
    },
    {
        "slug": "warm-compress",
        "title": "Put a warm compress on the twitching area",
        "summary": "A clean cloth soaked in warm, not hot, water.",
        "body": "Hold it gently on the area. Do not rub or press hard.",
    },
    {
        "slug": "set-bedtime",
        "title": "Write down tonight's bedtime and stick to it",
        "summary": "Aim for 7 to 9 hours of sleep.",
        "body": "A regular bedtime helps your nerves rest and recover.",
    },
    {
        "slug": "magnesium-food",
        "title": "Eat one food rich in magnesium",
        "summary": "For example spinach, pumpkin seeds or dark chocolate.",
        "body": "Your nerves and muscles need magnesium.",
    },
    {
        "slug": "deep-breathing",
        "title": "Spend 5 minutes on deep breathing or mindfulness",
        "summary": "Sit somewhere quiet and breathe slowly.",
        "body": "Mindfulness means paying calm attention to the here and now.",
    },
]

#: Model name -> its items. Every item is published with the same review dates.
CONTENT = {
    "Cause": CAUSES,
    "Condition": CONDITIONS,
    "Advice": ADVICE,
    "Faq": FAQS,
    "PlanStep": PLAN,
    "Treatment": TREATMENTS,
    "ChecklistItem": CHECKLIST,
}


def create_content(apps, schema_editor):
    for model_name, items in CONTENT.items():
        model = apps.get_model("guidance", model_name)
        for order, item in enumerate(items, start=1):
            fields = {
                **item,
                "order": order,
                "status": "published",
                "last_reviewed": LAST_REVIEWED,
                "next_review_due": NEXT_REVIEW_DUE,
                # Historical models do not run the model's save(), so render here.
                "body_html": render_markdown(item["body"]),
            }
            if "differs_from_twitch" in item:
                fields["differs_from_twitch_html"] = render_markdown(item["differs_from_twitch"])
            model.objects.update_or_create(slug=fields.pop("slug"), defaults=fields)


def remove_content(apps, schema_editor):
    for model_name, items in CONTENT.items():
        model = apps.get_model("guidance", model_name)
        model.objects.filter(slug__in=[item["slug"] for item in items]).delete()


class Migration(migrations.Migration):
    dependencies = [("guidance", "0002_escalation_criteria")]

    operations = [migrations.RunPython(create_content, remove_content)]
