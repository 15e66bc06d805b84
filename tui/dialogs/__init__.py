"""Modal dialogs shared by every view: forms, confirmations, reasons, help."""
