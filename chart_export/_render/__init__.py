"""The renderer's private modules; the public surface is :mod:`chart_export.rendering`."""
