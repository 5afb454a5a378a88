"""The document register (Decree 30): document types, registers, gap-free numbers per year."""
