#!/usr/bin/env python3
"""Write corpus/annotations/essay.jsonl: the essay's gold units, hand-labelled.

The labels below are the annotation, made by reading the whole essay against
../shared/guidelines/annotation.md (target: "Social Media ist für B2B
nützlich").  This script only turns them into offsets, so that the JSONL
always matches corpus/essay.txt exactly; re-run it after editing a label.

Decisions where the guidelines leave room (noted for the issue):
- "Ich habe den Eindruck, X" and "ich habe immer gesagt, X" are one unit (verbs of
  thinking/saying); "F2B, also Freelancer to ..." is one unit ("also" = "that is").
- Statements about B2C budgets and consumer participation are CONTRA only where the
  essay uses them for its conclusion that social media is economically modest for
  business (units 34-39, 52); descriptions of B2C practice are NEUTRAL.
- Recruiting ("potentielle Mitarbeiter kennenlernen") is PRO, as the guidelines list it.
"""

from __future__ import annotations

import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOC_ID = "social-media-b2b/essay"
ANNOTATOR = "argmine developer, 2026-11-26 (single annotator)"

# (unit text as it appears, component, stance, central)
UNITS = [
    ("Irgendwie glaube ich nicht mehr an (soziale) Netzwerke und Networking-Partys.", "claim", "CONTRA"),
    ("Ich halte beides nicht für sehr effizient.", "claim", "CONTRA"),
    ("Es kommt dabei allerdings sehr darauf an, wer man ist und was man erwartet.", "premise", "NEUTRAL"),
    ("Zunächst, was meine ich mit „effizient“?", "none", "NEUTRAL"),
    ("Wikipedia beschreibt den Unterschied zu „effektiv“ wie folgt:", "none", "NEUTRAL"),
    ("Effektiv arbeiten bedeutet, eine Aufgabe möglichst gut zu erfüllen, effizient arbeiten hingegen bedeutet, ein Ziel mit möglichst geringem Mitteleinsatz, oder möglichst großem Ertrag zu erreichen.", "premise", "NEUTRAL"),
    ("Effizient bedeutet also vereinfacht gesagt, dass ich mein gesetztes Ziel mit vertretbarem Aufwand erreiche, effektiv dagegen nur, dass ich es überhaupt irgendwie erreiche.", "premise", "NEUTRAL"),
    ("Mir geht es heute um die Effienz.", "none", "NEUTRAL"),
    ("In meinen Augen ist Social Media ein Konglomerat aus Plattformen hauptsächlich für C2C und B2C.", "claim", "CONTRA"),
    ("Also, wie Konsumenten untereinander kommunizieren, indem sie Inhalte austauschen, teilen oder generieren.", "premise", "NEUTRAL"),
    ("Und auch wie Unternehmen, kleine, mittlere wie grosse, mit mehr oder weniger Erfolg ihre jeweiligen Botschaften an die Konsumenten bringen oder mit Ihnen kommunizieren.", "premise", "NEUTRAL"),
    ("Die erstere Gruppe halte ich dabei für effizienter oder produktiver: C2C.", "claim", "NEUTRAL"),
    ("Die Gruppe der Freiberufler und geschäftlichen Einzelkämpfer zu ihren Kunden würde ich zwischen die beiden Gruppen plazieren.", "claim", "NEUTRAL"),
    ("Merkwürdigerweise gibt es keinen Begriff für diese Marktbeziehung, meines Wissens nach.", "none", "NEUTRAL"),
    ("Ich nenne diese Gruppe mal F2C oder auch F2B, also Freelancer to Consumer oder Freelancer to Business.", "premise", "NEUTRAL"),
    ("Freiberufler haben für mich eine Zwitterrolle zwischen Business und Consumer.", "claim", "NEUTRAL"),
    ("Sie sind Consumer-ähnlich,", "premise", "NEUTRAL"),
    ("weil sie mit einer sehr persönlichen Stimme und für sich sprechen –", "premise", "NEUTRAL"),
    ("Sie sind aber auch Business-ähnlich,", "premise", "NEUTRAL"),
    ("weil es ihnen ja letztendlich auch um Geschäftanbahnung auf den Märkten geht.", "premise", "NEUTRAL"),
    ("Fast alles in den Social Medien ist heute und in naher Zukunft C2C.", "claim", "CONTRA"),
    ("Hingegen F2B und B2C folgen in weitem Abstand in genau der Reihenfolge bezogen in ihrer wirtschaftlichen Bedeutung dahinter.", "premise", "CONTRA"),
    ("Das sind meine Beobachtungen seit es Social Media gibt.", "premise", "NEUTRAL"),
    ("Gefühlt – ich kann sie nicht mit absoluten Zahlen belegen.", "none", "NEUTRAL"),
    ("Wer also, sich selber darstellen und möglichst viele Leute kontakten will, auf möglichst vielen Parties eingeladen werden möchte, ist bei den Social Medien genau richtig.", "claim", "CONTRA"),
    ("Ähnliches gilt für diejenigen, die als Einzelkämpfer ihre Kompetenzen und Leistungen entweder im Konsumermarkt oder mit grossem Glück an Unternehmen vermarkten will, kann Social Media als eine der Kanäle für Geschäftsanbahnungen nutzen.", "claim", "PRO"),
    ("Sie sollten aber sich nicht darauf verlassen, sondern auch und insbesondere die klassischen Kanäle dafür einsetzen.", "claim", "CONTRA"),
    ("Zusammengefasst bisher: Für Konsumenten ist es ein Spass und ein guter Zeitvertreib.", "claim", "CONTRA"),
    ("für Freiberuflicher darüber hinaus auch eine Gelegenheit, Geschäftskontakte anzubahnen.", "claim", "PRO"),
    ("Mehr nicht.", "claim", "CONTRA"),
    ("Das ist legitim und völlig in Ordnung.", "none", "NEUTRAL"),
    ("Mit dieser Meinung habe ich wahrscheinlich so ziemlich alle im Social Media Bereich gegen mich.", "none", "NEUTRAL"),
    ("Was ist aber nun mit B2C und B2B?", "none", "NEUTRAL"),
    ("In meinen Augen, seien wir ehrlich, sind die B2C Etats verschwindend klein gegenüber den restlichen Etats der Unternehmen, soweit ich das in meinem Umfeld mitbekomme.", "claim", "CONTRA"),
    ("Ausnahmen bestätigen möglicherweise diese selbstangenommene Behauptung.", "none", "NEUTRAL"),
    ("Zudem habe ich eher den Eindruck, es geht den Unternehmen bei Social Media eher um Beschwichtigung, negativen Druck aus dem Markt nehmen u.ä.", "claim", "CONTRA"),
    ("Die Social Media Berater mögen es mir verzeihen.", "none", "NEUTRAL"),
    ("Echte ernsthafte Konsumentenpartizipation ist eher selten in den Erwartungen der Unternehmen.", "premise", "CONTRA"),
    ("kein Idealbild.", "premise", "CONTRA"),
    ("Beim B2C im PR-Bereich geht es eher um Marktvorbereitung und -öffnung, um die Beschleuniger und Hubs im Markt zu gewinnen und als Multiplikatoren zu nutzen.", "premise", "NEUTRAL"),
    ("Im Vertrieb schlicht nur um einen Absatzkanal.", "premise", "NEUTRAL"),
    ("Ich bin im B2B Bereich.", "premise", "NEUTRAL"),
    ("Die Entscheider meiner Kunden sind meist (beruflich) nicht im Social Media Web.", "premise", "CONTRA"),
    ("Ich muss sie anders erreichen.", "premise", "CONTRA"),
    ("Auch deren unmittelbare Einflusssphäre innerhalb der Unternehmen ist kaum im Social Web.", "premise", "CONTRA"),
    ("Beruflich nutzt mir Social Media gar nichts.", "claim", "CONTRA"),
    ("Höchsten, um vielleicht den einen oder anderen interessanten potentiellen Mitarbeiter kennenzulernen.", "premise", "PRO"),
    ("Deshalb habe ich immer gesagt, ich bin zum privaten Spass im Social Web.", "claim", "CONTRA"),
    ("Aus ganz privatem Interesse.", "premise", "CONTRA"),
    ("Kunden kann ich da nicht gewinnen.", "claim", "CONTRA"),
    ("Den Erfolg von B2C kann ich nicht wirklich beurteilen.", "none", "NEUTRAL"),
    ("Vermute aber in Relation zum Gesamtgeschehen kann er so gross nicht sein.", "premise", "CONTRA"),
    ("Ja es gibt eBay, amazon & Co.", "premise", "NEUTRAL"),
    ("Sind das Social Media Plattformen?", "none", "NEUTRAL"),
    ("Bedingt.", "premise", "NEUTRAL"),
    ("Google?", "none", "NEUTRAL"),
    ("Auch keine wirklich.", "premise", "NEUTRAL"),
    ("Aus diesen Gründen halte ich Social Media Plattformen wirtschaftlich für ziemlich bescheidene Plattformen.", "claim", "CONTRA", True),
    ("Ungeachtet der Nutzerzahlen und Umsätze, die die Plattformbetreiber erwirtschaften.", "premise", "NEUTRAL"),
    ("Das ist wie mit den Schaufel- und Jeansherstellern während des Goldrauschs.", "premise", "CONTRA"),
    ("Für des Kaisers neue Kleider.", "premise", "CONTRA"),
    ("Die reale Wirtschaft läuft (immer noch) ausserhalb der Social Media Plattformen.", "claim", "CONTRA"),
    ("Oder sehe ich das verkehrt?", "none", "NEUTRAL"),
    ("Update – Hier noch einige lesenswerte aktuelle Artikel zum Thema B2B und Social Media:", "none", "NEUTRAL"),
    ("Anlässlich der Diskussion in den Kommentaren…", "none", "NEUTRAL"),
    ("Michael Nordmeyer, „Social-Media-Irrelevanz bei B2B-Beziehungen“", "none", "NEUTRAL"),
    ("Florian Bergmann, „B2B ist das schönere Social Media“", "none", "NEUTRAL"),
    ("Daniel Rehn, „Drei Posts, drei Meinungen – Social Media und B2B“", "none", "NEUTRAL"),
    ("Torsten Hermann, Was ist eigentlich Business-to-Business (B2B)?", "none", "NEUTRAL"),
    ("…und unabhängig davon früher (Juni 2010):", "none", "NEUTRAL"),
    ("Update 2 – Grossen Dank an alle Kommentatoren für die sehr sehr gute nachfolgende Diskussion und Diskussionskultur!", "none", "NEUTRAL"),
]


def main() -> None:
    text = (ROOT / "corpus" / "essay.txt").read_text("utf-8")
    position, lines = 0, []
    for unit in UNITS:
        snippet, component, stance = unit[:3]
        start = text.index(snippet, position)
        position = start + len(snippet)
        lines.append(json.dumps({
            "doc_id": DOC_ID, "start": start, "end": position, "text": snippet,
            "component": component, "stance": stance, "central": len(unit) > 3 and unit[3],
            "annotator": ANNOTATOR}, ensure_ascii=False))
    out = ROOT / "corpus" / "annotations" / "essay.jsonl"
    out.write_text("\n".join(lines) + "\n", "utf-8")
    print(f"{len(lines)} units written to {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
