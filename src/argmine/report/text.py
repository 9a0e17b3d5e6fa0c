"""The terminal report (rich): tables and a tree, readable with or without colour."""

from __future__ import annotations

from urllib.parse import urlsplit

from rich.console import Console, Group
from rich.table import Table
from rich.text import Text
from rich.tree import Tree

from argmine.annotate.agreement import Agreement
from argmine.report.model import Report, ThreadReport, TreeNode

STANCE_STYLES = {"PRO": "green", "CONTRA": "red", "NEUTRAL": "dim"}
NO_LABELS = ("Component and stance are not labelled yet: no classifier has run on these "
             "units, so this report shows structure only.")


def _node_label(node: TreeNode) -> Text:
    doc = node.document
    label = Text()
    label.append(f"[{doc.kind}] ", style="dim")
    label.append(doc.author or "unknown author", style="bold")
    label.append(f" · {doc.published[:10]}" if doc.published else "", style="dim")
    label.append(f" · {doc.label}")
    if not doc.has_text:
        label.append("  (referenced, text not ingested)", style="yellow")
    else:
        label.append(f"  ({doc.units} units)", style="dim")
    if doc.stance:
        label.append(f"  {doc.stance} {doc.stance_confidence or 0:.2f}",
                     style=STANCE_STYLES.get(doc.stance, ""))
    return label


def _add(tree: Tree, node: TreeNode) -> None:
    branch = tree.add(_node_label(node))
    for child in node.children:
        _add(branch, child)


def _thread(thread: ThreadReport) -> Group:
    header = Text(f"Thread: {thread.title or thread.id}\n", style="bold underline")
    header.append(f"Target proposition: „{thread.target}“\n", style="")
    kinds = ", ".join(f"{kind}s: {n}" for kind, n in sorted(thread.by_kind.items())) or "none"
    header.append(f"Documents with text: {kinds}")
    if thread.first_date:
        header.append(f"; dated {thread.first_date[:10]} to {thread.last_date[:10]}")

    authors = Table(title="Authors", title_justify="left")
    for column in ("author", "stance", "posts", "comments", "units", "PRO", "CONTRA", "NEUTRAL"):
        authors.add_column(column, justify="left" if column in ("author", "stance") else "right")
    for a in thread.authors:
        authors.add_row(a.author, a.stance or "-", str(a.posts), str(a.comments), str(a.units),
                        str(a.pro_units), str(a.contra_units), str(a.neutral_units))

    tree = Tree(Text("Who answers whom", style="bold"))
    for node in thread.tree:
        _add(tree, node)

    parts = [header, authors, tree] if thread.authors else [header, tree]
    for stance in ("PRO", "CONTRA"):
        if thread.claims.get(stance):
            parts.append(_claims(stance, thread.claims[stance]))
    if thread.disagreements:
        table = Table(title="Where people disagree (replies and responses opposing what "
                            "they answer)",
                      title_justify="left")
        for column in ("reply by", "stance", "answers", "parent stance", "reply"):
            table.add_column(column)
        for d in thread.disagreements:
            table.add_row(d["author"] or "?", d["stance"], d["parent_author"] or "?",
                          d["parent_stance"], d["excerpt"])
        parts.append(table)
    if thread.annotations:
        parts.extend(agreement_tables(thread.annotations))
    if thread.missing:
        missing = Table(title="Referenced but not ingested", title_justify="left")
        for column in ("author", "title", "url", "cited by"):
            missing.add_column(column)
        for m in thread.missing:
            missing.add_row(m["author"] or "", m["title"] or "", m["url"] or "",
                            str(m["cited_by"]))
        parts.append(missing)
    return Group(*parts)


def web_link(url: str | None) -> str | None:
    """``url`` when it may become a link in a report: http(s) with a host, spaces and
    parentheses escaped (Markdown ends a link at ")").  Anything else a source said its
    address was (``javascript:``, ``data:``, a file path) stays plain text."""
    if not url:
        return None
    parts = urlsplit(url.strip())
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return url.strip().replace(" ", "%20").replace("(", "%28").replace(")", "%29")


def figure(value: float | None) -> str:
    """A coefficient or proportion to three places; '-' where it is undefined."""
    return "-" if value is None else f"{value:.3f}"


def agreement_tables(result: Agreement) -> list[Table]:
    """The model against each annotator, then (with two or more) the annotators' alpha;
    ``argmine agreement`` prints the same tables."""
    model = Table(title=f"The model against the gold so far ({result.annotations} "
                        "annotations; Cohen's kappa)", title_justify="left")
    for column in ("annotator", "units", "stance agreement", "stance kappa",
                   "component agreement", "component kappa"):
        model.add_column(column, justify="left" if column == "annotator" else "right")
    for m in result.model:
        model.add_row(m.annotator, str(m.units), figure(m.stance_agreement),
                      figure(m.stance_kappa), figure(m.component_agreement),
                      figure(m.component_kappa))
    if len(result.annotators) < 2:
        return [model]
    humans = Table(title="Agreement between annotators (Krippendorff's alpha, nominal)",
                   title_justify="left")
    for column in ("label", "alpha", "units", "annotators"):
        humans.add_column(column, justify="left" if column == "label" else "right")
    for name in ("stance", "component"):
        alpha = getattr(result, name)
        humans.add_row(name, figure(alpha.alpha), str(alpha.units), str(alpha.annotators))
    return [model, humans]


def _claims(stance: str, claims) -> Text:
    text = Text(f"Strongest {stance} claims\n", style="bold " + STANCE_STYLES[stance])
    for claim in claims:
        mark = "central claim, " if claim.central else ""
        text.append(f"  „{claim.text}“\n")
        text.append(f"     {claim.author or 'unknown author'} in {claim.document} "
                    f"({mark}confidence {claim.confidence or 0:.2f}; chars {claim.start}-{claim.end}"
                    f"{'; ' + claim.url if claim.url else ''})\n", style="dim")
        for premise in claim.premises:
            text.append(f"     because: „{premise['text']}“\n")
    return text


def _trust(report: Report) -> Text:
    text = Text("How far to trust the labels (held-out macro-F1 of the shipped models):\n",
                style="dim")
    labels = report.model_metrics.get("labels", {})
    for group in ("components", "stance"):
        for name, r in labels.get(group, {}).items():
            model = "stance, rules: " if group == "stance" else ""
            text.append(f"  {model}{name} {r['macro_f1']:.3f} (baseline "
                        f"{r['baseline_macro_f1']:.3f})\n", style="dim")
    segmenter = report.model_metrics.get("segmenter")
    if segmenter:
        text.append(f"  unit boundaries F1 {segmenter['boundary_f1']:.3f}\n", style="dim")
    real = report.real_text
    if real:
        right = real["documents_right"]
        text.append(f"  stance on real text ({real['protocol']}): "
                    f"{real['documents_reading']:.3f} read in documents, "
                    f"{real['sentence_reading']:.3f} sentence by sentence, "
                    f"{right['right']} of {right['of']} PRO/CONTRA documents right\n")
    return text


def print_text(report: Report, console: Console) -> None:
    """Print the report to a rich console (a terminal, or a string buffer)."""
    run = report.run
    if run:
        console.print(Text(
            f"argmine {report.argmine_version} · last run #{run['id']} at {run['started_at']} · "
            f"pipeline: {run['spacy_pipeline']}", style="dim"))
    if not report.labels_available:
        console.print(Text(NO_LABELS, style="yellow"))
    elif report.model_metrics:
        console.print(_trust(report))
    if not report.threads:
        console.print("The database holds no threads yet: run `argmine ingest` first.")
    for thread in report.threads:
        console.print()
        console.print(_thread(thread))
    if report.errors:
        console.print()
        errors = Table(title="Sources that failed in the last run", title_justify="left")
        errors.add_column("source")
        errors.add_column("error")
        for e in report.errors:
            errors.add_row(e["source"], e["error"])
        console.print(errors)
    console.print()
    console.print(Text(f"Explore in Datasette: {report.datasette_command}", style="dim"))
