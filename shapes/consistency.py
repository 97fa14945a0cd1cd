"""Run an OWL reasoner over the ontology plus data and say, in plain words, what is wrong.

SHACL (the rest of ``shapes/``) checks what the data *says*; this module checks whether it
can be *true* under the ontology: a node typed both ``ducha:River`` and ``ducha:Enterprise``
contradicts their disjointness, and a class the axioms leave no members for is a bug in
the ontology itself.

The reasoner is HermiT (default) or Pellet, both shipped with owlready2 and run on the
machine's Java. owlready2 cannot read Turtle, so the ontology and the data go to a
temporary N-Triples file first, and each run gets its own owlready2 ``World`` (owlready2
otherwise shares one global world). Only what the reasoner can use is passed on: ``rdf:type``
triples naming a class the ontology declares and object-property triples between IRIs;
literals (the report texts above all) are left out to keep runs fast.

HermiT only says *that* data is inconsistent. To say *why*, the data is scanned for
individuals whose types (asserted, or implied by property domains and ranges) fall under
two disjoint classes; when that finds nothing, Pellet's own explanation is reported.

>>> report = check_consistency()                                       # doctest: +SKIP
>>> report.describe()                                                  # doctest: +SKIP
'The ontology is consistent: 44 ducha classes, none unsatisfiable.'
"""

from __future__ import annotations

import logging
import re
import subprocess
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import owlready2
import rdflib
from ducha.loaders.errors import InputError, InternalError, SchemaError
from ducha.ontology.terms import DR, DUCHA, ONTOLOGY_IRI, load_ontology
from rdflib import OWL, RDF, RDFS, Graph, URIRef
from rdflib.collection import Collection

__all__ = ["REASONING_DATA_QUERY", "ConsistencyReport", "check_consistency"]

log = logging.getLogger(__name__)

Reasoner = Literal["hermit", "pellet"]

# What a store needs to hand over for a check: every triple between IRIs outside the
# ontology's own graph. check_consistency() filters further against the ontology.
REASONING_DATA_QUERY = f"""
CONSTRUCT {{ ?s ?p ?o }}
WHERE {{
  GRAPH ?g {{ ?s ?p ?o }}
  FILTER (?g != <{ONTOLOGY_IRI}> && isIRI(?s) && isIRI(?o))
}}
"""

_PELLET_TIMEOUT_SECONDS = 600
_PREFIXES = {
    "ducha": str(DUCHA),
    "dr": str(DR),
    "org": "http://www.w3.org/ns/org#",
    "prov": "http://www.w3.org/ns/prov#",
    "oa": "http://www.w3.org/ns/oa#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "dcterms": "http://purl.org/dc/terms/",
    "eli": "http://data.europa.eu/eli/ontology#",
    "sh": "http://www.w3.org/ns/shacl#",
}


@dataclass(frozen=True)
class ConsistencyReport:
    """What the reasoner found.

    ``consistent`` is False when no model satisfies the ontology plus data; then
    ``inconsistent_individuals`` names the data nodes at fault (when they can be found) and
    ``explanation`` says why, one sentence a line. ``unsatisfiable_classes`` lists classes
    that can have no member (only known when the whole is consistent).
    ``undeclared_terms`` are ``ducha:`` classes and properties the data uses but the
    ontology does not define (misspellings, usually); they do not make data inconsistent.
    """

    consistent: bool
    unsatisfiable_classes: list[str]
    inconsistent_individuals: list[str]
    explanation: str
    reasoner: Reasoner = "hermit"
    classes: int = 0
    individuals: int = 0
    undeclared_terms: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """Consistent, and every class can have members."""
        return self.consistent and not self.unsatisfiable_classes

    def describe(self) -> str:
        """The verdict in plain words, for a person."""
        subject = "The ontology"
        if self.individuals:
            subject = f"The ontology and the data ({self.individuals} individuals)"
        if not self.consistent:
            text = "Inconsistent: " + (self.explanation or "the reasoner gave no reason.")
        elif self.unsatisfiable_classes:
            names = ", ".join(_short(c) for c in self.unsatisfiable_classes)
            count = len(self.unsatisfiable_classes)
            text = (
                f"{subject} {'is' if not self.individuals else 'are'} consistent, but "
                f"{count} {'class' if count == 1 else 'classes'} can have no members: {names}."
            )
        else:
            text = (
                f"{subject} {'is' if not self.individuals else 'are'} consistent: "
                f"{self.classes} ducha classes, none unsatisfiable."
            )
        if self.undeclared_terms:
            names = ", ".join(_short(t) for t in self.undeclared_terms)
            text += f" The data uses terms the ontology does not define: {names}."
        return text


def check_consistency(
    data: rdflib.Graph | None = None,
    *,
    reasoner: Reasoner = "hermit",
    ontology: rdflib.Graph | None = None,
) -> ConsistencyReport:
    """Reason over the ontology (and ``data``, when given) and report what is wrong.

    ``data`` may be any graph (a report's triples, a whole store's export: see
    :data:`REASONING_DATA_QUERY`); it is not changed. ``ontology`` replaces ducha's own
    ontology, to try out a draft. Raises ``SchemaError`` when the ontology cannot be read
    and ``InternalError`` when the reasoner cannot run (no Java, a crash), ``InputError``
    for an unknown reasoner; an inconsistency is a result, never an exception.
    """
    if reasoner not in ("hermit", "pellet"):
        raise InputError(f"unknown reasoner {reasoner!r}: use 'hermit' or 'pellet'")
    if ontology is None:
        ontology = load_ontology()
    reasoning_data = _reasoning_data(data, ontology) if data is not None else Graph()
    individuals = _individuals(reasoning_data)
    undeclared = _undeclared_terms(data, ontology) if data is not None else []
    classes = sum(1 for c in ontology.subjects(RDF.type, OWL.Class) if _ours(c))
    with tempfile.TemporaryDirectory(prefix="ducha-check-") as tmp:
        path = Path(tmp) / "check.nt"
        combined = ontology + reasoning_data
        combined.serialize(path, format="nt", encoding="utf-8")
        started = time.monotonic()
        if reasoner == "hermit":
            consistent, unsatisfiable = _hermit(path)
        else:
            consistent, unsatisfiable = _pellet(path, ontology)
        log.info(
            "%s reasoned over %d triples in %.1f s: %s",
            reasoner,
            len(combined),
            time.monotonic() - started,
            "consistent" if consistent else "inconsistent",
        )
        culprits: list[str] = []
        explanation = ""
        if not consistent:
            conflicts = list(_disjointness_conflicts(ontology, reasoning_data))
            if conflicts:
                culprits = sorted({str(node) for node, _ in conflicts})
                explanation = "\n".join(sentence for _, sentence in conflicts)
            else:
                culprits, explanation = _pellet_explanation(path)
    return ConsistencyReport(
        consistent=consistent,
        unsatisfiable_classes=unsatisfiable,
        inconsistent_individuals=culprits,
        explanation=explanation,
        reasoner=reasoner,
        classes=classes,
        individuals=len(individuals),
        undeclared_terms=undeclared,
    )


# -- what the reasoner is given -------------------------------------------------------------


def _declared(ontology: Graph, kind: URIRef) -> set[URIRef]:
    return {s for s in ontology.subjects(RDF.type, kind) if isinstance(s, URIRef)}


def _reasoning_data(data: Graph, ontology: Graph) -> Graph:
    """The triples of ``data`` a DL reasoner can use: typed IRIs and links between IRIs."""
    classes = _declared(ontology, OWL.Class)
    object_properties = _declared(ontology, OWL.ObjectProperty)
    kept = Graph()
    for s, p, o in data:
        if not isinstance(s, URIRef) or not isinstance(o, URIRef):
            continue
        if (p == RDF.type and o in classes) or p in object_properties:
            kept.add((s, p, o))
    return kept


def _iri_triples(graph: Graph) -> Iterator[tuple[URIRef, URIRef, URIRef]]:
    for s, p, o in graph:
        if isinstance(s, URIRef) and isinstance(p, URIRef) and isinstance(o, URIRef):
            yield s, p, o


def _individuals(reasoning_data: Graph) -> set[URIRef]:
    nodes: set[URIRef] = set()
    for s, p, o in _iri_triples(reasoning_data):
        nodes.add(s)
        if p != RDF.type:
            nodes.add(o)
    return nodes


def _undeclared_terms(data: Graph, ontology: Graph) -> list[str]:
    declared = {s for s in ontology.subjects(RDF.type, None) if isinstance(s, URIRef)}
    used: set[URIRef] = set()
    for _, p, o in data:
        if isinstance(p, URIRef) and _ours(p):
            used.add(p)
        if p == RDF.type and isinstance(o, URIRef) and _ours(o):
            used.add(o)
    return sorted(str(term) for term in used - declared)


# -- the reasoners ----------------------------------------------------------------------------


def _hermit(path: Path) -> tuple[bool, list[str]]:
    world = owlready2.World()
    try:
        try:
            with path.open("rb") as file:
                world.get_ontology(str(ONTOLOGY_IRI)).load(fileobj=file, format="ntriples")
        except owlready2.OwlReadyOntologyParsingError as error:
            raise SchemaError(f"owlready2 cannot read the ontology plus data: {error}") from error
        try:
            # xsd:date is outside the OWL 2 datatype map; the data's literals are not
            # passed on, so ignoring it loses nothing.
            owlready2.sync_reasoner_hermit(world, debug=0, ignore_unsupported_datatypes=True)
        except owlready2.OwlReadyInconsistentOntologyError:
            return False, []
        unsatisfiable = sorted(
            c.iri for c in world.inconsistent_classes() if c.iri != str(OWL.Nothing)
        )
        return True, unsatisfiable
    except owlready2.OwlReadyJavaError as error:
        raise InternalError(f"HermiT failed on {path.name}: {error}") from error
    except OSError as error:
        raise InternalError(_NO_JAVA + f" ({error})") from error
    finally:
        world.close()


_NO_JAVA = (
    "the reasoner needs Java (`java` on PATH, or owlready2.JAVA_EXE); "
    "install it with `apt-get install default-jre-headless`"
)


def _pellet_command(subcommand: str, path: Path) -> subprocess.CompletedProcess[str]:
    """Run Pellet (the copy owlready2 ships) through the OWL API loader.

    owlready2's own Pellet call reads through a patched Jena built for a newer Java than
    many machines have (it fails on Java 17); the OWL API loader works.
    """
    jars = sorted(str(jar) for jar in (Path(owlready2.__file__).parent / "pellet").glob("*.jar"))
    command = [
        owlready2.JAVA_EXE,
        f"-Xmx{owlready2.reasoning.JAVA_MEMORY}M",
        "-cp",
        ":".join(jars),
        "pellet.Pellet",
        subcommand,  # its default loader is the OWL API (v3), not Jena
        path.as_uri(),
    ]
    try:
        return subprocess.run(
            command, capture_output=True, text=True, timeout=_PELLET_TIMEOUT_SECONDS, check=False
        )
    except subprocess.TimeoutExpired as error:
        raise InternalError(
            f"Pellet ran over {_PELLET_TIMEOUT_SECONDS} s on {path.name}; "
            "check less data at a time or use reasoner='hermit'"
        ) from error
    except OSError as error:
        raise InternalError(_NO_JAVA + f" ({error})") from error


def _pellet(path: Path, ontology: Graph) -> tuple[bool, list[str]]:
    result = _pellet_command("consistency", path)
    if "Consistent: No" in result.stdout:
        return False, []
    if "Consistent: Yes" not in result.stdout:
        raise InternalError(f"Pellet failed on {path.name}: {result.stderr.strip()[-2000:]}")
    unsat = _pellet_command("unsat", path)
    return True, _pellet_unsatisfiable(unsat.stdout, ontology)


def _pellet_unsatisfiable(output: str, ontology: Graph) -> list[str]:
    """Map Pellet's abbreviated names ("ontology:Foo") back to class IRIs."""
    _, found, listed = output.partition("unsatisfiable concept(s):")
    if not found:
        return []
    by_local_name: dict[str, list[str]] = defaultdict(list)
    for cls in _declared(ontology, OWL.Class):
        by_local_name[re.split(r"[#/]", str(cls))[-1]].append(str(cls))
    iris: set[str] = set()
    for line in listed.split():
        local_name = line.rsplit(":", 1)[-1]
        candidates = by_local_name.get(local_name, [line])
        iris.update(c for c in candidates if _ours(c) or len(candidates) == 1)
    return sorted(iris)


_PELLET_REASON = re.compile(r"Individual (\S+) is forced to belong to class (\S+)")


def _pellet_explanation(path: Path) -> tuple[list[str], str]:
    """Pellet's account of an inconsistency the disjointness scan did not explain."""
    reason = _pellet_command("consistency", path).stdout
    axioms = _pellet_command("explain", path).stdout.strip()
    culprits = sorted({match.group(1) for match in _PELLET_REASON.finditer(reason)})
    sentences = [
        f"{_short(node)} is forced to be a {_short(cls)} and not one at the same time."
        for node, cls in _PELLET_REASON.findall(reason)
    ]
    if axioms:
        sentences.append("Pellet's explanation:\n" + axioms)
    return culprits, "\n".join(sentences)


# -- why: individuals under two disjoint classes ------------------------------------------------


def _members(ontology: Graph, node: rdflib.term.Node) -> list[URIRef]:
    return [m for m in Collection(ontology, node) if isinstance(m, URIRef)]


def _disjoint_pairs(ontology: Graph) -> set[frozenset[URIRef]]:
    pairs: set[frozenset[URIRef]] = set()
    for a, b in ontology.subject_objects(OWL.disjointWith):
        if isinstance(a, URIRef) and isinstance(b, URIRef):
            pairs.add(frozenset((a, b)))
    for axiom in ontology.subjects(RDF.type, OWL.AllDisjointClasses):
        for members in ontology.objects(axiom, OWL.members):
            classes = _members(ontology, members)
            pairs.update(frozenset((a, b)) for i, a in enumerate(classes) for b in classes[i + 1 :])
    return pairs


def _closure(ontology: Graph, start: URIRef, links: Iterable[URIRef]) -> set[URIRef]:
    """``start`` and everything reachable from it along ``links`` (named nodes only)."""
    seen = {start}
    todo = [start]
    while todo:
        node = todo.pop()
        for link in links:
            for parent in ontology.objects(node, link):
                if isinstance(parent, URIRef) and parent not in seen:
                    seen.add(parent)
                    todo.append(parent)
    return seen


def _implied_types(ontology: Graph, data: Graph) -> dict[URIRef, dict[URIRef, str]]:
    """For each individual: the classes it is put in, each with how (typed, domain, range)."""
    domains: dict[URIRef, set[URIRef]] = {}
    ranges: dict[URIRef, set[URIRef]] = {}
    for prop in {p for _, p, _ in _iri_triples(data)} - {RDF.type}:
        supers = _closure(ontology, prop, [RDFS.subPropertyOf])
        domains[prop] = {
            d for p in supers for d in ontology.objects(p, RDFS.domain) if isinstance(d, URIRef)
        }
        ranges[prop] = {
            r for p in supers for r in ontology.objects(p, RDFS.range) if isinstance(r, URIRef)
        }
    types: dict[URIRef, dict[URIRef, str]] = defaultdict(dict)
    for s, p, o in _iri_triples(data):
        if p == RDF.type:
            types[s].setdefault(o, "as typed")
            continue
        for cls in domains.get(p, ()):
            types[s].setdefault(cls, f"as the subject of {_short(p)}")
        for cls in ranges.get(p, ()):
            types[o].setdefault(cls, f"as the object of {_short(p)}")
    return types


def _disjointness_conflicts(ontology: Graph, data: Graph) -> Iterator[tuple[URIRef, str]]:
    pairs = _disjoint_pairs(ontology)
    supers: dict[URIRef, set[URIRef]] = {}
    for node, classes in sorted(_implied_types(ontology, data).items()):
        for cls in classes:
            if cls not in supers:
                supers[cls] = _closure(ontology, cls, [RDFS.subClassOf, OWL.equivalentClass])
        reported: set[frozenset[URIRef]] = set()
        ordered = sorted(classes)
        for i, a in enumerate(ordered):
            for b in ordered[i + 1 :]:
                clash = next(
                    (
                        (x, y)
                        for x in sorted(supers[a])
                        for y in sorted(supers[b])
                        if frozenset((x, y)) in pairs
                    ),
                    None,
                )
                if clash is None or frozenset((a, b)) in reported:
                    continue
                reported.add(frozenset((a, b)))
                yield node, _conflict_sentence(node, (a, classes[a]), (b, classes[b]), clash)


def _conflict_sentence(
    node: URIRef, a: tuple[URIRef, str], b: tuple[URIRef, str], clash: tuple[URIRef, URIRef]
) -> str:
    (cls_a, how_a), (cls_b, how_b) = a, b
    if how_a == how_b == "as typed":
        sentence = f"{_short(node)} is typed both {_short(cls_a)} and {_short(cls_b)}"
    else:
        sentence = f"{_short(node)} is a {_short(cls_a)} ({how_a}) and a {_short(cls_b)} ({how_b})"
    sentence += ", which are disjoint"
    if set(clash) != {cls_a, cls_b}:
        sentence += f" (no {_short(clash[0])} is a {_short(clash[1])})"
    return sentence + "."


def _ours(term: object) -> bool:
    """Whether ``term`` is in the ducha: namespace, declared or not."""
    return isinstance(term, str) and term.startswith(str(DUCHA))


def _short(iri: str) -> str:
    for prefix, namespace in _PREFIXES.items():
        if iri.startswith(namespace) and len(iri) > len(namespace):
            return f"{prefix}:{iri[len(namespace) :]}"
    return f"<{iri}>"
