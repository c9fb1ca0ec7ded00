"""Training of tidings' learned components from annotated data (``tidings train ...``)."""
