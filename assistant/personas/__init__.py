"""Persona documents for segments, written from facts and verbatim quotes and then checked.

    pack = build_pack(ws, "Champions", store)       # the facts and quotes it may use
    document = write_persona(pack)                  # deterministic Markdown sections
    checked = validate_persona(document.markdown, pack, store)
    save_persona(ws, persona_stem(pack.segmentation, pack.segment), checked.text)

`DRAFT_PERSONAS` does all of this for several segments as one tool call.
"""

from assistant.personas.customer_base import PersonaBase, persona_base
from assistant.personas.export import markdown_to_docx, persona_stem, save_persona
from assistant.personas.pack import PersonaPack, build_pack
from assistant.personas.tool import DRAFT_PERSONAS, DraftPersonasParams
from assistant.personas.validate import ValidationResult, validate_persona
from assistant.personas.writer import SECTIONS, PersonaDocument, write_persona

__all__ = [
    "DRAFT_PERSONAS",
    "SECTIONS",
    "DraftPersonasParams",
    "PersonaBase",
    "PersonaDocument",
    "PersonaPack",
    "ValidationResult",
    "build_pack",
    "markdown_to_docx",
    "persona_base",
    "persona_stem",
    "save_persona",
    "validate_persona",
    "write_persona",
]
