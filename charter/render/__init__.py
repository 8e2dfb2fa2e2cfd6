"""Rendering stages: the one Jinja environment, the clause library, the render context, the
annex tables, and the adapters (docxtpl for DOCX, Jinja HTML, WeasyPrint for PDF/A).

The pipeline that chains them — validate, build the model, render — is ``charter.documents``.
"""
