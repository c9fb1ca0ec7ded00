"""Event coding: the PLOVER/CAMEO ontology, factuality and the ``events`` stage."""
