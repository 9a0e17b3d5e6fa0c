"""Seed lexicons for stance, written for argmine (not taken from any corpus).

They describe German evaluative language in general (not the social-media
debate), so that the stance model transfers to other targets; they were
written before any evaluation and are never evaluated on by themselves.
Words are lower-case lemmas or word forms; the matcher checks both.
"""

from __future__ import annotations

POSITIVE = frozenset("""
nützlich nutzen sinnvoll lohnen lohnt lohnend effizient effektiv erfolgreich erfolg gut gute
guter gutes besser beste bestens wichtig wertvoll vorteil vorteile vorteilhaft hilfreich
helfen hilft profitabel rentabel gewinn gewinnen gewinnt bringen bringt chance chancen
positiv richtig gerecht fair notwendig nötig sicher sicherer gesund gesünder günstig günstiger
sparen spart fördern fördert stärken stärkt verbessern verbessert sinnvoller attraktiv
interessant lohnenswert praktisch vernünftig angemessen unverzichtbar unterstützen unterstützt
erreichen erreicht funktioniert funktionieren schön freude spaß recht zustimmen befürworten
dafür begrüßen begrüße empfehlen empfehle
""".split())

NEGATIVE = frozenset("""
nutzlos unnütz sinnlos ineffizient ineffektiv bescheiden schlecht schlechter schlechteste
schaden schadet schädlich gefährlich gefahr risiko risiken nachteil nachteile nachteilig
problem probleme problematisch teuer teurer kosten kostet verlust verluste verschwendung
verschwenden überflüssig unnötig falsch ungerecht unfair übertrieben überschätzt hype
zeitverschwendung aufwand aufwendig mühsam belastung belastet belasten unverantwortlich
unmenschlich grausam fragwürdig zweifelhaft skeptisch kritisch
verhindern verhindert gering geringe wenig irrelevant bedeutungslos unwichtig
ablehnen lehne dagegen gegen abschaffen verbieten verbot schwierig schwierigkeiten
spielerei spaß zeitvertreib kaiser kleider
""".split()) - {"spaß"}

#: Negative words whose evaluation survives negation: "Man sollte keine Zeit mit Twitter
#: verschwenden" still calls Twitter a waste of time, and "Man sollte Social Media nicht
#: überschätzen" still says it is overrated.
PRESUPPOSED = frozenset("""
verschwenden verschwendet verschwende vergeuden vergeudet überschätzen überschätzt
""".split())

NEGATORS = frozenset("""
nicht kein keine keinen keinem keiner keines nie niemals nichts kaum weder nirgends
ohne niemand bezweifle bezweifeln bezweifelt zweifle zweifeln
""".split())  # verbs of doubt negate the proposition they embed

#: Markers of an opposing voice the author reports or concedes (the unit's role is "opp").
OPPOSING_VOICE = (
    "zwar", "natürlich", "sicherlich", "sicher", "zugegeben", "einerseits", "man könnte",
    "könnte man", "man kann", "kritiker", "gegner", "befürworter", "manche", "einige",
    "viele sagen", "es wird", "heißt es", "oft wird", "mag sein", "es stimmt", "auf den ersten",
    "zwar ist", "es ist richtig", "es gibt",
)

#: Openers of a reply that agrees or disagrees with what it answers.
AGREE = (
    "sehe ich genauso", "sehe ich auch so", "genau", "richtig", "stimmt", "volle zustimmung",
    "da stimme ich", "ich stimme", "ganz meine meinung", "dem ist nichts hinzuzufügen",
    "+1", "absolut", "das sehe ich auch", "kann ich nur bestätigen", "bestätige", "gut gesagt",
    "treffend", "ja,", "eben",
)
DISAGREE = (
    "da muss ich widersprechen", "widerspreche", "sehe ich anders", "sehe ich nicht so",
    "das stimmt so nicht", "stimmt nicht", "nein,", "falsch", "im gegenteil", "bin anderer meinung",
    "halte ich für falsch", "da bin ich anderer", "nicht ganz", "widerspruch", "unsinn",
    "quatsch", "das sehe ich anders", "dem muss ich",
)

#: Markers of a definition, which takes no stance (guidelines, section 3: "definitions").
DEFINITION = (
    "bedeutet", "bedeuten", "definiert", "definition", "versteht man unter",
    "verstehe ich unter", "wie folgt",
)

MODALS = frozenset("sollte sollten soll sollen muss müssen müsste müssten darf dürfen".split())
FIRST_PERSON = frozenset("ich meiner meines mir mich meine finde glaube meine halte".split())

#: Pairs of opposite actions or directions: a claim that uses one side of a pair where
#: the target uses the other denies the target ("abschaffen" against "einführen").
#: Written during development after reading microtext errors (see models/README.md):
#: general antonyms only, no pair specific to a microtext topic.
OPPOSITES = (
    ("einführen", "abschaffen"), ("einführen", "abgeschafft"), ("eingeführt", "abgeschafft"),
    ("erhöhen", "senken"), ("erhöht", "gesenkt"), ("höher", "niedriger"), ("höhere", "niedrigere"),
    ("mehr", "weniger"), ("größer", "kleiner"), ("größeren", "kleineren"), ("stärker", "schwächer"),
    ("öffnen", "schließen"), ("offen", "geschlossen"), ("erlauben", "verbieten"),
    ("erlaubt", "verboten"), ("zulassen", "verbieten"), ("ändern", "beibehalten"),
    ("nützlich", "nutzlos"), ("sinnvoll", "sinnlos"),
)
