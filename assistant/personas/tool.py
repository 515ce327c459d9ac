"""`draft_personas`: one validated persona document per segment, saved as Markdown and Word.

It follows the contract of the registered tools (typed settings in, a `Result` out,
a `ToolError` with a plain message on bad input) but lives in `assistant/`: the tools
package knows nothing about the assistant, so the agent adds this tool to its list
itself. Every document is validated before it is saved; a number or quote the
validator cannot ground is marked or removed, never saved silently.
"""

from __future__ import annotations

import pandas as pd
from pydantic import Field

from assistant.personas.customer_base import persona_base
from assistant.personas.export import persona_stem, save_persona
from assistant.personas.pack import build_pack
from assistant.personas.validate import validate_persona
from assistant.personas.writer import write_persona
from knowledge.errors import KnowledgeError
from knowledge.indexing import ensure_indexed
from knowledge.sources import qualitative_datasets
from knowledge.store import KnowledgeStore
from tools.errors import ToolError
from tools.registry import ToolParams, registered, tool
from tools.result import Fact, Provenance, Result, fact_key, say
from tools.segments import load_segmentation, resolve_segment, saved
from tools.workspace import Workspace

NAME = "draft_personas"


class DraftPersonasParams(ToolParams):
    segments: list[str] | None = Field(
        None, description="Segments to draft a persona for, e.g. ['Champions'] or "
        "['clusters/Premium regulars'] when a name exists in several segmentations.")
    segmentation: str | None = Field(
        None, description="Draft one persona per segment of this saved segmentation, e.g. "
        "'rfm' or 'consumer types'. With no segments and no segmentation, the most recently "
        "saved segmentation is used.")
    quotes: int = Field(3, ge=1, le=5, description="Verbatim customer quotes per pain point.")
    max_personas: int = Field(8, ge=1, le=12, description="At most this many personas (the "
                              "largest segments first).")


def _targets(ws: Workspace, p: DraftPersonasParams) -> tuple[list[str], str | None]:
    """Segment references as 'segmentation/label', largest first, and the segmentation used."""
    if p.segments:
        refs = []
        for ref in p.segments:
            seg_name, label, _ = resolve_segment(ws, ref)
            refs.append(f"{seg_name}/{label}")
        return list(dict.fromkeys(refs)), None
    entries = saved(ws)
    if not entries:
        raise ToolError("There are no saved segments to draft personas for yet. Run RFM, "
                        "clustering or consumer types first (or define a rule segment), then "
                        "ask for personas.")
    name = p.segmentation or max(entries, key=lambda n: entries[n].get("sequence", 0))
    seg = load_segmentation(ws, name)
    sizes = seg.sizes().sort_values(ascending=False, kind="stable")
    return [f"{seg.name}/{label}" for label in sizes.index], seg.name


def _open_store(ws: Workspace) -> tuple[KnowledgeStore | None, str | None]:
    """The indexed knowledge store, or None (with the reason) when there is no feedback."""
    store = KnowledgeStore(ws)
    if not qualitative_datasets(ws) and store.chunks().empty:
        return None, "No reviews, surveys or call transcripts: personas have no quotes."
    try:
        ensure_indexed(store)
    except KnowledgeError as exc:
        return None, str(exc)
    return store, None


@tool(NAME, DraftPersonasParams)
def draft_personas(ws: Workspace, p: DraftPersonasParams) -> Result:
    refs, segmentation = _targets(ws, p)
    warnings: list[str] = []
    if len(refs) > p.max_personas:
        warnings.append(f"Drafted the {p.max_personas} largest of {len(refs)} segments; raise "
                        "max_personas for more.")
        refs = refs[: p.max_personas]
    base = persona_base(ws)
    store, no_store = _open_store(ws)
    if no_store:
        warnings.append(no_store)
    rows, files, documents, names = [], [], [], set()
    facts: dict[str, Fact] = {"personas": Fact(len(refs), "count", "persona documents")}
    for ref in refs:
        pack = build_pack(ws, ref, store, base=base, quotes=p.quotes)
        document = write_persona(pack)
        if document.name.lower() in names:  # two segments alike: keep the names apart
            document = write_persona(pack, name=f"{document.name} ({pack.segment})")
        names.add(document.name.lower())
        checked = validate_persona(document.markdown, pack, store)
        if not checked.ok:
            warnings.append(f"'{pack.segment}': {len(checked.ungrounded_numbers)} numbers and "
                            f"{len(checked.ungrounded_quotes)} quotes could not be grounded "
                            "and are marked or removed.")
        md_path, docx_path = save_persona(ws, persona_stem(pack.segmentation, pack.segment),
                                          checked.text)
        key = fact_key(pack.segment) or "segment"
        facts[f"{key}_customers"] = pack.facts["customers"]
        if "revenue_share" in pack.facts:
            facts[f"{key}_revenue_share"] = pack.facts["revenue_share"]
        rows.append({
            "segment": pack.segment, "segmentation": pack.segmentation,
            "persona": document.name, "customers": pack.value("customers"),
            "customer_share": pack.facts.get("customer_share", Fact(float("nan"))).value,
            "revenue_share": pack.facts.get("revenue_share", Fact(float("nan"))).value,
            "markdown_file": f"{md_path.parent.name}/{md_path.name}",
            "docx_file": f"{docx_path.parent.name}/{docx_path.name}",
        })
        files += [{"path": str(md_path), "kind": "markdown", "segment": pack.segment},
                  {"path": str(docx_path), "kind": "docx", "segment": pack.segment}]
        documents.append({"segment": pack.segment, "persona": document.name,
                          "markdown": checked.text})
    table = pd.DataFrame(rows)
    largest = table.sort_values("customers", ascending=False, kind="stable").iloc[0]
    facts["largest_persona"] = Fact(str(largest["persona"]), "", "largest persona")
    facts["largest_segment"] = Fact(str(largest["segment"]), "", "its segment")
    facts["largest_customers"] = Fact(int(largest["customers"]), "customers", "its customers")
    template = ("Drafted {personas} persona documents (Markdown and Word); the largest, "
                "{largest_persona} ({largest_segment}), covers {largest_customers}.")
    if segmentation:
        facts["segmentation"] = Fact(segmentation, "", "segmentation")
        template = template.replace("documents", "documents for {segmentation}", 1)
    return Result(
        table=table, facts=facts, summary=say(template, facts),
        tables={"files": pd.DataFrame(files), "documents": pd.DataFrame(documents)},
        warnings=warnings,
        provenance=Provenance(NAME, datasets=base.datasets, rows_in=len(base.orders),
                              rows_out=len(table),
                              notes=["Every document was checked against its facts and the "
                                     "customers' own words before it was saved."]),
    )


DRAFT_PERSONAS = registered(NAME)
