"""The kiosk: the Qt application citizens touch (`kiosk.ui`), the service layer it shares with
the headless CLI (`kiosk.services`), configuration and the `servicehall` command. Only this
package imports Qt, and only inside `kiosk.ui`.
"""
