"""Receipts: the 受理回执 slip as a PDF, its signed QR payload, and QR decoding.

`printing.payload` signs and verifies the compact ASCII text carried by a receipt's QR code, so
any kiosk or the platform can check a receipt offline; `printing.receipt` lays out and renders the
thermal slip with an embedded Chinese font (`printing.fonts`); `printing.qrscan` reads QR codes
back from images and PDFs. The package knows nothing of forms, storage or Qt, and importing it is
cheap: reportlab is loaded only when a receipt is rendered.
"""
