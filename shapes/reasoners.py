"""The OWL reasoners the consistency check runs: HermiT through owlready2, Pellet on Java.

Both are shipped with owlready2 and run on the machine's Java. Each takes the ontology plus
data as an N-Triples file (owlready2 cannot read Turtle) and says whether it is consistent
and, when it is, which classes can have no members. HermiT only says *that* data is
inconsistent; :func:`pellet_explanation` asks Pellet *why*, for when ducha's own
disjointness scan (:mod:`ducha.shapes.disjointness`) finds nothing.

Every failure to run (no Java, a crash, a timeout) is an ``InternalError``; a broken
ontology is a ``SchemaError``; an inconsistency is a result.
"""

from __future__ import annotations

import re
import subprocess
from collections import defaultdict
from pathlib import Path

import owlready2
from ducha.loaders.errors import InternalError, SchemaError
from ducha.ontology.terms import ONTOLOGY_IRI
from ducha.shapes.owl_terms import declared, is_ducha_term, short_name
from rdflib import OWL, Graph

__all__ = ["hermit", "pellet", "pellet_explanation"]

_PELLET_TIMEOUT_SECONDS = 600
_PELLET_REASON = re.compile(r"Individual (\S+) is forced to belong to class (\S+)")
_NO_JAVA = (
    "the reasoner needs Java (`java` on PATH, or owlready2.JAVA_EXE); "
    "install it with `apt-get install default-jre-headless`"
)


def hermit(path: Path) -> tuple[bool, list[str]]:
    """HermiT's verdict on the N-Triples file ``path``: ``(consistent, unsatisfiable classes)``.

    Each run gets its own owlready2 ``World`` (owlready2 otherwise shares one global world).
    """
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


def pellet(path: Path, ontology: Graph) -> tuple[bool, list[str]]:
    """Pellet's verdict on ``path``: ``(consistent, unsatisfiable classes)``; ``ontology``
    maps Pellet's abbreviated class names back to IRIs."""
    result = _pellet_command("consistency", path)
    if "Consistent: No" in result.stdout:
        return False, []
    if "Consistent: Yes" not in result.stdout:
        raise InternalError(f"Pellet failed on {path.name}: {result.stderr.strip()[-2000:]}")
    unsat = _pellet_command("unsat", path)
    return True, _pellet_unsatisfiable(unsat.stdout, ontology)


def pellet_explanation(path: Path) -> tuple[list[str], str]:
    """Pellet's account of an inconsistency: the individuals at fault and why, in words."""
    reason = _pellet_command("consistency", path).stdout
    axioms = _pellet_command("explain", path).stdout.strip()
    culprits = sorted({match.group(1) for match in _PELLET_REASON.finditer(reason)})
    sentences = [
        f"{short_name(node)} is forced to be a {short_name(cls)} and not one at the same time."
        for node, cls in _PELLET_REASON.findall(reason)
    ]
    if axioms:
        sentences.append("Pellet's explanation:\n" + axioms)
    return culprits, "\n".join(sentences)


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


def _pellet_unsatisfiable(output: str, ontology: Graph) -> list[str]:
    """Map Pellet's abbreviated names ("ontology:Foo") back to class IRIs."""
    _, found, listed = output.partition("unsatisfiable concept(s):")
    if not found:
        return []
    by_local_name: dict[str, list[str]] = defaultdict(list)
    for cls in declared(ontology, OWL.Class):
        by_local_name[re.split(r"[#/]", str(cls))[-1]].append(str(cls))
    iris: set[str] = set()
    for line in listed.split():
        local_name = line.rsplit(":", 1)[-1]
        candidates = by_local_name.get(local_name, [line])
        iris.update(c for c in candidates if is_ducha_term(c) or len(candidates) == 1)
    return sorted(iris)
