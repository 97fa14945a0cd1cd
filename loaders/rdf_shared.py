"""The report's additions to the shared graph: canonical entities, posts and inspections.

Entities are one node per ``(kind, key)`` across reports, with every surface form as
``skos:altLabel``; the store merges what several reports say about them. Regulations carry
their registry facts (document type, level, issuer, year, the act they implement); posts
are ``org:Post`` nodes held by people; inspections are shared, while the link from the
report (``ducha:answers`` for the first one named, ``ducha:mentions`` for the others) and
their spans stay in the report's graph.
"""

from __future__ import annotations

from ducha.loaders import iri
from ducha.loaders.model import Entity, EntityKind, Inspection
from ducha.loaders.rdf_terms import (
    ALT_LABEL,
    DCT_DATE,
    DCT_SPATIAL,
    DCT_TITLE,
    LABEL,
    ORG_HOLDS,
    ORG_ORGANIZATION,
    ORG_POST,
    ORG_POST_IN,
    ORG_ROLE,
    ORG_SUB_OF,
    XSD_GYEAR,
    A,
    Term,
    date_literal,
    ducha_term,
    integer_literal,
    iri_term,
    optional_ducha_term,
    pascal_case,
    scheme_concept,
    string_literal,
    text_literal,
    typed_literal,
)
from ducha.loaders.rdf_writer import ORGANIZATION_KINDS, QuadWriter

__all__ = ["entity_class", "write_entities", "write_inspections", "write_posts"]

_ENTITY_CLASS = {
    EntityKind.INSPECTION_GROUP: "InspectionGroup",
    EntityKind.PARTY_BODY: "PartyBody",
    EntityKind.GOVERNMENT_BODY: "GovernmentBody",
    EntityKind.ENTERPRISE: "Enterprise",
    EntityKind.PERSON: "Person",
    EntityKind.REGULATION: "Regulation",
    EntityKind.WATER_BODY: "WaterBody",
    EntityKind.PLACE: "Place",
}
# Extractor subtypes whose ontology class is not just the subtype in CamelCase.
_SUBTYPE_CLASS = {
    "city": "Prefecture",
    "prefecture": "Prefecture",
    "scenic-spot": "ScenicSpot",
    "nature-reserve": "NatureReserve",
    "region": "Place",
}


def write_entities(writer: QuadWriter) -> None:
    """Every entity of the report: class, names, parent, place codes, regulation facts."""
    for entity in writer.report.entities.values():
        node = writer.entity_node(entity.kind, entity.key)
        writer.share(node, A, entity_class(entity))
        writer.share(node, LABEL, writer.text(entity.name))
        for alias in sorted(entity.aliases - {entity.name}):
            writer.share(node, ALT_LABEL, writer.text(alias))
        attrs = entity.attributes
        if entity.kind in ORGANIZATION_KINDS and entity.parent:
            writer.share(node, ORG_SUB_OF, writer.node_for_key(entity.parent, entity.kind))
        if entity.kind is EntityKind.PLACE:
            if "adcode" in attrs:
                writer.share(node, ducha_term("adcode"), string_literal(attrs["adcode"]))
            if "name_zh" in attrs:
                writer.share(node, LABEL, text_literal(attrs["name_zh"], "zh"))
            if entity.parent:
                parent = writer.entity_node(EntityKind.PLACE, entity.parent)
                writer.share(node, ducha_term("locatedIn"), parent)
        if entity.kind is EntityKind.REGULATION:
            _regulation(writer, node, entity)


def write_posts(writer: QuadWriter) -> None:
    """Each post a person holds, labelled with its role and organisation."""
    for post in writer.report.posts:
        person = writer.entity_node(EntityKind.PERSON, post.person)
        node = iri_term(iri.post_iri(post.person, post.role, writer.base))
        writer.share(node, A, ORG_POST)
        writer.share(node, ORG_ROLE, writer.text(post.role))
        label = post.role
        if post.organization:
            org = writer.node_for_key(post.organization, EntityKind.ORGANIZATION)
            writer.share(node, ORG_POST_IN, org)
            entity = writer.entity_by_key(post.organization)
            if entity is not None:
                label = f"{post.role}, {entity.name}"
        writer.share(node, LABEL, writer.text(label))
        writer.share(person, ORG_HOLDS, node)
        writer.derive(node, post.span)


def write_inspections(writer: QuadWriter) -> None:
    """The inspections the report names; the first is the one it answers."""
    for index, inspection in enumerate(writer.report.inspections):
        node = iri_term(iri.inspection_iri(inspection.key, writer.base))
        # The first inspection the text names is the one the report answers; later
        # ones are earlier rounds or other inspections it refers to.
        link = "answers" if index == 0 else "mentions"
        writer.add(writer.report_node, ducha_term(link), node)
        writer.derive(node, inspection.span)
        _inspection(writer, node, inspection)


def _inspection(writer: QuadWriter, node: Term, inspection: Inspection) -> None:
    writer.share(node, A, ducha_term("Inspection"))
    writer.share(node, LABEL, writer.text(inspection.key))
    if inspection.group:
        group = writer.entity_node(EntityKind.INSPECTION_GROUP, inspection.group)
        writer.share(node, ducha_term("conductedBy"), group)
    if inspection.inspected:
        inspected = writer.node_for_key(inspection.inspected, EntityKind.PLACE)
        writer.share(node, ducha_term("inspected"), inspected)
    if inspection.inspection_type:
        concept = scheme_concept("inspectionTypeScheme", inspection.inspection_type)
        if concept is not None:
            writer.share(node, ducha_term("inspectionType"), concept)
    for value, prop in ((inspection.round, "round"), (inspection.batch, "batch")):
        if value is not None:
            writer.share(node, ducha_term(prop), integer_literal(value))
    dates = (
        (inspection.start, "startDate"),
        (inspection.end, "endDate"),
        (inspection.feedback, "feedbackDate"),
    )
    for day, prop in dates:
        if day is not None:
            writer.share(node, ducha_term(prop), date_literal(day))


def entity_class(entity: Entity) -> Term:
    """The ontology class of an entity: its kind's, or its subtype's where the ontology has one."""
    if entity.kind is EntityKind.ORGANIZATION:
        return ORG_ORGANIZATION
    if entity.subtype and entity.kind in (EntityKind.WATER_BODY, EntityKind.PLACE):
        name = _SUBTYPE_CLASS.get(entity.subtype, pascal_case(entity.subtype))
        concept = optional_ducha_term(name)
        if concept is not None:
            return concept
    return ducha_term(_ENTITY_CLASS[entity.kind])


def _regulation(writer: QuadWriter, node: Term, entity: Entity) -> None:
    attrs = entity.attributes
    writer.share(node, DCT_TITLE, writer.text(entity.name))
    for attr, prop, scheme, other in (
        ("document_type", "documentType", "documentTypeScheme", "other"),
        ("level", "level", "levelScheme", None),
    ):
        if attr in attrs:
            concept = scheme_concept(scheme, attrs[attr], other)
            if concept is not None:
                writer.share(node, ducha_term(prop), concept)
    if "issuer" in attrs:
        issuer = writer.node_for_key(attrs["issuer"], EntityKind.ORGANIZATION)
        writer.share(node, ducha_term("issuedBy"), issuer)
    if attrs.get("year", "").isdigit():
        writer.share(node, DCT_DATE, typed_literal(attrs["year"], XSD_GYEAR))
    if attrs.get("place"):
        place = writer.entity_node(EntityKind.PLACE, iri.slug(attrs["place"]))
        writer.share(node, DCT_SPATIAL, place)
        writer.share(place, LABEL, text_literal(attrs["place"], "en"))
    if attrs.get("implements", "").startswith("eli/"):
        # Resolved against the registry: the act's node is written by the registry.
        higher_act = writer.entity_node(EntityKind.REGULATION, attrs["implements"])
        writer.share(node, ducha_term("implements"), higher_act)
    elif attrs.get("implements"):
        title = attrs["implements"]
        higher = writer.find_entity(title, {EntityKind.REGULATION})
        key = higher.key if higher else iri.slug(title)
        target = writer.entity_node(EntityKind.REGULATION, key)
        if higher is None:
            writer.share(target, A, ducha_term("Regulation"))
            writer.share(target, LABEL, writer.text(title))
            writer.share(target, DCT_TITLE, writer.text(title))
        writer.share(node, ducha_term("implements"), target)
