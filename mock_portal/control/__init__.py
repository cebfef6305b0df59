"""The control API (JSON under ``/__admin/`` on the SPOT port) and the control panel page.

Each call is declared once in the table; routes, validation, the OpenAPI document and the Python
client all come from it. A new call: one row in the table and its handler in the module for its
resource; the docs' reference is generated from the same table.
"""
