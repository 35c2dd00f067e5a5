"""The citizen kiosk's Qt screens: one module per screen, the window that routes between them
(`window`), background work (`tasks`), the shared look (`style`) and the entry point
`kiosk.ui.app.run_kiosk`. Importing this package imports no Qt; the modules do.
"""
