"""Segment Assistant's web page (Gradio): chat, data, segments and personas, settings.

Nothing in tools/, knowledge/ or assistant/ imports this package: the page sits on top.
"""
