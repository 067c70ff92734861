"""A fuller FAQ (issue 20): the twelve questions people type, answered from the article.

Each answer gives the answer first, in short sentences (Flesch-Kincaid grade 9 or lower,
checked by tests/test_guidance_content.py), from the source article's facts in our own
words, and never stronger than the article or the safety wording of migration 0007: one
"see a doctor" threshold (more than 3 weeks), a newly drooping face is an emergency.

The data lives here, not in an importable module, so this migration always does the same
thing. Reversing it removes the twelve questions.
"""

import datetime

from django.db import migrations

from guidance.markdown import render_markdown

LAST_REVIEWED = datetime.date(2026, 11, 30)
NEXT_REVIEW_DUE = datetime.date(2027, 11, 30)

EMERGENCY = "call your local emergency number now: 999 in the UK, 112 in the EU, 911 in the US"

FAQS = [
    {
        "slug": "is-it-serious",
        "title": "Is my eye twitch serious?",
        "summary": "Almost never. Twitches are usually harmless, and most stop on their own.",
        "body": f"""\
**Almost never.** Nearly everyone gets a twitch at some time. Twitches are usually harmless. They
usually stop on their own, or once you change a habit or two.

Most twitches come from everyday things:

- stress
- too little sleep
- too much caffeine
- dry or tired eyes

**See your GP or family doctor if your twitch** has gone on for more than 3 weeks, spreads
to other parts of your face, affects both sides, or comes with pain, redness or swelling.

**If your face newly droops or will not move, or you have slurred speech or a weak arm,
{EMERGENCY}.**

See [when to get help](/guidance/when-to-get-help/) for the full list.
""",
    },
    {
        "slug": "only-one-eye",
        "title": "Why does only one eye twitch?",
        "summary": "That is normal. An ordinary twitch nearly always affects one side.",
        "body": """\
**That is normal.** An ordinary twitch is small and stays in one place. It nearly always
affects just one eyelid, on one side.

A twitch starts when a nerve sends extra signals to a small muscle. Stress, tiredness,
caffeine and screen use can all make a nerve do this. The nerve that fires may be on one
side only.

It is worth seeing a doctor if:

- the twitch spreads from your eye to your cheek or mouth on the same side
- both eyes start to blink or close on their own
- the twitch has gone on for more than 3 weeks

A twitch that spreads down one side can be
[hemifacial spasm](/guidance/conditions/hemifacial-spasm/) (a nerve in the face that is
pressed on). Both eyes closing can be [blepharospasm](/guidance/conditions/blepharospasm/)
(the brain sending the wrong signals to the eyelids). Both can be treated.
""",
    },
    {
        "slug": "could-it-be-ms",
        "title": "Could my twitch be MS?",
        "summary": "Very unlikely on its own. MS comes with other signs too.",
        "body": """\
**It is very unlikely if the twitch is your only sign.**

MS (multiple sclerosis) is an illness that harms the coating around nerves. It can cause a
twitch in the face. But this is uncommon without other signs, such as:

- numbness or tingling
- changes in your sight
- trouble with balance

If you have any of these with your twitch, see your GP or family doctor. They may send you
to a neurologist (a doctor for the brain and nerves).

Try not to look for answers about serious illness online. It often makes people worry more.
Read more about [multiple sclerosis](/guidance/conditions/multiple-sclerosis/).
""",
    },
    {
        "slug": "how-long",
        "title": "How long will my twitch last?",
        "summary": "Most last a few seconds at a time and stop within days or a few weeks.",
        "body": """\
**Most twitches stop within days, or a few weeks at most.**

Each twitch lasts only a few seconds. They can come and go for a while. They often stop
once you rest, sleep well and have less caffeine. In the article we draw on, one woman's
eyelid twitch stopped about ten days after she changed her habits.

**See your GP or family doctor if your twitch has gone on for more than 3 weeks.** Count
from the day it began. A twitch that lasts this long is still usually harmless. But a doctor
should check it.

The [five-week plan](/guidance/plan/) helps you find what sets your twitch off.
""",
    },
    {
        "slug": "screens",
        "title": "Can screens make my eye twitch?",
        "summary": "Yes. Long hours at a screen can tire and dry your eyes.",
        "body": """\
**Yes, they can.**

When you look at a screen, you blink less. Your eyes get dry and tired. Your eyelid muscles
work harder, and they may twitch. Eyes that need glasses, or a new pair, can strain too.

**What helps:**

- Use the 20-20-20 rule. Every 20 minutes, look at something 20 feet (6 metres) away for
  20 seconds.
- Take short breaks away from the screen.
- Use lubricating eye drops (drops that keep the eye wet) if your eyes feel dry.
- Book an eye test if you think your eyes strain.

Read more about [dry eyes and eye strain](/guidance/causes/dry-eyes-eye-strain/).
""",
    },
    {
        "slug": "magnesium",
        "title": "Does magnesium help a twitch?",
        "summary": "It may help if you are low in it. Food is the best place to start.",
        "body": """\
**It may help if your body is low in it.**

Your nerves and muscles need minerals such as magnesium, calcium and potassium. They also
need vitamin B12. When these are low, muscles can twitch.

**Start with food.** Foods rich in magnesium include:

- spinach
- almonds and pumpkin seeds
- avocado and bananas
- dark chocolate

**Ask your doctor or pharmacist before you take a supplement** (a tablet of a vitamin or
mineral). Some do not mix well with medicines you take.

Read more about [low minerals and vitamins](/guidance/causes/nutritional-deficiencies/).
""",
    },
    {
        "slug": "coffee",
        "title": "Can coffee make my eye twitch?",
        "summary": "Yes. Too much caffeine can set off a twitch.",
        "body": """\
**Yes, it can.**

Caffeine wakes up your nervous system. Too much of it can make your nerves overwork, and a
muscle may twitch. Caffeine is in coffee, tea, cola and energy drinks.

**What helps:**

- Cut down bit by bit, so you do not get headaches.
- Swap some drinks for water or drinks with no caffeine.
- Have no caffeine late in the day, so you sleep better.

Alcohol can make twitches worse too. Log your drinks in your journal to see if your twitch
follows them.

Read more about [too much caffeine](/guidance/causes/caffeine/).
""",
    },
    {
        "slug": "one-side-of-face",
        "title": "Why is one side of my face twitching?",
        "summary": (
            "A twitch near one eye is common. If it spreads to the cheek or mouth on that "
            "side, see a doctor."
        ),
        "body": f"""\
**A twitch in one spot on one side is common, and usually harmless.**

But see your GP or family doctor if the twitch spreads. It may start near your eye and move
to your cheek or mouth on the same side. This can be
[hemifacial spasm](/guidance/conditions/hemifacial-spasm/) (twitching down one side of the
face). Often a blood vessel presses on the facial nerve (the nerve that moves your face). It
can be treated.

**A twitch is not the same as weakness.** If one side of your face newly droops or will not
move, {EMERGENCY}. It can be a sign of a stroke.
""",
    },
    {
        "slug": "both-eyes",
        "title": "What if both my eyes twitch or close?",
        "summary": "See a doctor. An ordinary twitch affects one eye, not both.",
        "body": """\
**See your GP or family doctor.**

An ordinary twitch affects one eye. When both eyes blink hard or close on their own, it may
be [blepharospasm](/guidance/conditions/blepharospasm/) (a type of dystonia). Dystonia means
the brain sends the wrong signals to some muscles. Bright light or stress can set it off.

Blepharospasm often starts mildly. Without treatment, it can get worse. Some people then
cannot keep their eyes open long enough to see. Treatment helps, so it is worth getting
checked.

Your doctor may send you to a neurologist (a doctor for the brain and nerves) or an
ophthalmologist (an eye doctor).
""",
    },
    {
        "slug": "after-bells-palsy",
        "title": "Why does my face twitch after Bell's palsy?",
        "summary": "A nerve that has healed can stay a little overactive for months.",
        "body": """\
**It is a known effect of the nerve healing.**

Bell's palsy is a sudden weakness of the nerve that moves one side of the face. After it,
or after an injury or infection of that nerve, the nerve can stay a little overactive. This
can cause a twitch, even months after you got better.

Tell your GP or family doctor about it. They can check how the nerve is healing.

**A new droop is different.** If your face newly droops or will not move, call your local
emergency number now. Do not assume it is Bell's palsy again: it can be a stroke.

Read more about [facial nerve injury or inflammation](/guidance/conditions/facial-nerve-injury/).
""",
    },
    {
        "slug": "botox",
        "title": "Will Botox help, and for how long?",
        "summary": (
            "For some conditions, yes. Each session eases the spasms for about 3 to 4 months."
        ),
        "body": """\
**Botox (an injected medicine) can help some twitches, but not an ordinary one.**

Botox, or botulinum toxin, blocks the signals from a nerve to a muscle. It is
licensed for [blepharospasm](/guidance/conditions/blepharospasm/) (both eyes closing on their
own) and [hemifacial spasm](/guidance/conditions/hemifacial-spasm/) (twitching down one side
of the face).

A doctor injects a tiny amount into the muscles that spasm. The effect wears off after about
3 to 4 months. Then you need another session.

It is not a first-line treatment. Doctors try the
[gentle options](/guidance/treatments/#gentle-options) first. Side effects can include a
drooping eyelid or a dry eye. Read more about
[Botox injections](/guidance/treatments/#botulinum-toxin).
""",
    },
    {
        "slug": "who-to-see",
        "title": "Who should I see about a twitch?",
        "summary": "Start with your GP or family doctor. They can send you to a specialist.",
        "body": f"""\
**Start with your GP or family doctor.**

Your doctor can check your face and eyes, and ask about your sleep, stress and caffeine.
Take your twitch report with you. If needed, they can send you to:

- a neurologist (a doctor for the brain and nerves), if the twitch spreads, lasts, or
  comes with numbness or changes in sight or balance
- an ophthalmologist (an eye doctor), for dry, red or sore eyes, or both eyes closing
- an optician, for an eye test if screens strain your eyes

**If your face newly droops, or you have slurred speech or a weak arm, {EMERGENCY}.**
""",
    },
]


def _rendered(fields: dict, order: int) -> dict:
    return {
        **fields,
        "body_html": render_markdown(fields["body"]),
        "order": order,
        "status": "published",
        "last_reviewed": LAST_REVIEWED,
        "next_review_due": NEXT_REVIEW_DUE,
    }


def add_faqs(apps, schema_editor):
    faq = apps.get_model("guidance", "Faq")
    # The article's three keep their place; "is it serious" leads, the rest follow.
    start = (faq.objects.order_by("-order").values_list("order", flat=True).first() or 0) + 1
    for index, fields in enumerate(FAQS):
        fields = dict(fields)
        order = 0 if fields["slug"] == "is-it-serious" else start + index
        faq.objects.update_or_create(slug=fields.pop("slug"), defaults=_rendered(fields, order))


def remove_faqs(apps, schema_editor):
    faq = apps.get_model("guidance", "Faq")
    faq.objects.filter(slug__in=[fields["slug"] for fields in FAQS]).delete()


class Migration(migrations.Migration):
    dependencies = [("guidance", "0008_simple_specialist_words")]

    operations = [migrations.RunPython(add_faqs, remove_faqs)]
